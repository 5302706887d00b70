import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMain, buildPreload } from "../../scripts/build.js";

let outDir: string;

function requiredModules(bundle: string): string[] {
  const names = [...bundle.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map(
    (match) => match[1] ?? "",
  );
  return [...new Set(names)].sort();
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "cart-cutover-build-"));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("build", () => {
  it("preload bundle requires only electron", async () => {
    await buildPreload(join(outDir, "preload"));
    const bundle = await readFile(join(outDir, "preload", "preload.cjs"), "utf8");

    expect(requiredModules(bundle)).toEqual(["electron"]);
    expect(bundle).not.toMatch(/^\s*(import|export)\s/m);
  });

  it("main bundle is an ES module that imports electron", async () => {
    await buildMain(join(outDir, "main"));
    const bundle = await readFile(join(outDir, "main", "electron-main.js"), "utf8");

    expect(bundle).toMatch(/^import\s.*from\s+"electron";$/m);
    expect(requiredModules(bundle)).toEqual([]);
  });
});
