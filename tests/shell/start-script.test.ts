import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findElectronBinary, launchElectron } from "../../scripts/start.js";

let binDir: string;
const savedOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;

/** Writes an executable shell script that replaces the Electron binary. */
async function fakeElectron(name: string, body: string): Promise<string> {
  const path = join(binDir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  binDir = await mkdtemp(join(tmpdir(), "cart-cutover-start-"));
});

afterAll(async () => {
  await rm(binDir, { recursive: true, force: true });
});

afterEach(() => {
  if (savedOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = savedOverride;
});

describe.skipIf(process.platform === "win32")("launchElectron", () => {
  it("window shown once the ready line arrives", async () => {
    const binary = await fakeElectron(
      "shows-window",
      'echo "$CART_CUTOVER_READY_LINE"\nexit 0',
    );
    const launch = await launchElectron(binary, []);

    expect(launch.outcome).toBe("shown");
    if (launch.outcome !== "shown") return;
    expect(await launch.exited).toBe(0);
  });

  it("exit before the window is a failure", async () => {
    const binary = await fakeElectron("crashes", "exit 1");
    const launch = await launchElectron(binary, []);

    expect(launch).toEqual({
      outcome: "failed",
      reason: "it ended with exit code 1",
    });
  });

  it("clean exit before the window is no failure", async () => {
    const binary = await fakeElectron("second-instance", "exit 0");
    const launch = await launchElectron(binary, []);

    expect(launch).toEqual({ outcome: "ended-without-window", code: 0 });
  });

  it("missing binary is a failure", async () => {
    const launch = await launchElectron(join(binDir, "no-such-binary"), []);

    expect(launch.outcome).toBe("failed");
    if (launch.outcome !== "failed") return;
    expect(launch.reason).toContain("ENOENT");
  });

  it("data folder argument reaches Electron", async () => {
    const argumentsFile = join(binDir, "arguments.txt");
    const binary = await fakeElectron(
      "records-arguments",
      `printf '%s\\n' "$@" > '${argumentsFile}'\nexit 0`,
    );
    await launchElectron(binary, ["--data-dir=/tmp/cart-cutover-data"]);

    const recorded = (await readFile(argumentsFile, "utf8")).trim().split("\n");
    expect(recorded.at(-1)).toBe("--data-dir=/tmp/cart-cutover-data");
  });
});

describe("findElectronBinary", () => {
  it("binary in the override folder is found", async () => {
    await fakeElectron("electron", "exit 0");
    process.env.ELECTRON_OVERRIDE_DIST_PATH = binDir;
    expect(findElectronBinary(false)).toBe(join(binDir, "electron"));
  });

  it("missing binary gives null", async () => {
    process.env.ELECTRON_OVERRIDE_DIST_PATH = join(binDir, "empty");
    expect(findElectronBinary(false)).toBeNull();
  });
});
