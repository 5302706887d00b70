import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const PROJECT_DIR = join(import.meta.dirname, "..", "..");
const SOURCE_FOLDERS = ["main", "preload", "renderer"];

/** Lists the non-test TypeScript sources of main/, preload/ and renderer/. */
async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of SOURCE_FOLDERS) {
    const paths = await readdir(join(PROJECT_DIR, folder), { recursive: true });
    for (const path of paths) {
      if (/\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path)) {
        files.push(`${folder}/${path.split("\\").join("/")}`);
      }
    }
  }
  return files.sort();
}

/** Returns the source without comments, so that a mention in prose is not counted. */
async function codeOf(file: string): Promise<string> {
  const text = await readFile(join(PROJECT_DIR, file), "utf8");
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

async function filesMatching(pattern: RegExp): Promise<string[]> {
  const matching: string[] = [];
  for (const file of await sourceFiles()) {
    if (pattern.test(await codeOf(file))) matching.push(file);
  }
  return matching;
}

describe("IPC boundary", () => {
  it("only register-handlers uses ipcMain", async () => {
    expect(await filesMatching(/\bipcMain\b/)).toEqual([
      "main/ipc/register-handlers.ts",
    ]);
  });

  it("only the preload uses ipcRenderer", async () => {
    expect(await filesMatching(/\bipcRenderer\b/)).toEqual([
      "preload/preload.ts",
    ]);
  });

  it("only the Electron glue imports electron", async () => {
    const valueImport =
      /^\s*import\s+(?!type\b)[^;]*?from\s+["']electron["']|require\(\s*["']electron["']\s*\)|import\(\s*["']electron["']\s*\)/m;
    const importers = await filesMatching(valueImport);
    const outsideGlue = importers.filter(
      (file) =>
        !file.startsWith("main/ipc/") &&
        file !== "main/electron-main.ts" &&
        file !== "preload/preload.ts",
    );
    expect(outsideGlue).toEqual([]);
  });

  it("renderer imports only types from the contract", async () => {
    const valueImport = /^\s*import\s+(?!type\b)[^;]*?from\s+["'][^"']*preload\/contract(\.js)?["']/m;
    const renderer = (await filesMatching(valueImport)).filter((file) =>
      file.startsWith("renderer/"),
    );
    expect(renderer).toEqual([]);
  });
});
