import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { SyncRunSummary } from "../../main/sync/run-tally.js";

const CHILD_SOURCE = fileURLToPath(new URL("./sync-child.ts", import.meta.url));

/** A one-file build of sync-child.ts; it starts in a fraction of the time tsx needs, which matters across many kills. */
export type ChildBundle = { path: string; dispose(): Promise<void> };

export async function bundleSyncChild(): Promise<ChildBundle> {
  const folder = await mkdtemp(join(tmpdir(), "cart-cutover-child-"));
  const path = join(folder, "sync-child.mjs");
  await build({
    entryPoints: [CHILD_SOURCE],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: path,
    // Bundled CommonJS dependencies call require, which ES modules lack.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "silent",
  });
  return { path, dispose: () => rm(folder, { recursive: true, force: true }) };
}

/** SIGKILL delayMs after the child committed afterPages pages (after "ready" for 0). */
export type KillPoint = { afterPages: number; delayMs: number };

export type ChildOutcome = {
  /** True when the test killed the child; it may have printed its summary just before. */
  killed: boolean;
  summary: SyncRunSummary | null;
  pagesCommitted: number;
  exitCode: number | null;
  stderr: string;
};

export type ChildRun = {
  bundle: ChildBundle;
  env: Record<string, string>;
  /** When the child gets SIGKILL, or null to let it finish. */
  kill: KillPoint | null;
  /** The child is killed and the run reported as failed after this long, so no test can hang on it. */
  timeoutMs?: number;
  /** Called when the child is ready, for faults and arrivals while it pages. */
  onReady?: () => void;
};

/** Runs the sync child once and returns what it reported before it exited or was killed. */
export function runSyncChild(run: ChildRun): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [run.bundle.path], {
      env: { PATH: process.env.PATH ?? "", CART_CUTOVER_QUIET: "1", ...run.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const timers: NodeJS.Timeout[] = [];
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    timers.push(setTimeout(kill, run.timeoutMs ?? 20_000));

    let ready = false;
    let killScheduled = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (!ready && stdout.includes("ready\n")) {
        ready = true;
        run.onReady?.();
      }
      const pages = stdout.split("\n").filter((line) => line.startsWith("page ")).length;
      if (ready && run.kill && !killScheduled && pages >= run.kill.afterPages) {
        killScheduled = true;
        timers.push(setTimeout(kill, run.kill.delayMs));
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      for (const timer of timers) clearTimeout(timer);
      const lines = stdout.split("\n");
      const summaryLine = lines.find((line) => line.startsWith("summary "));
      resolve({
        killed,
        summary: summaryLine ? (JSON.parse(summaryLine.slice("summary ".length)) as SyncRunSummary) : null,
        pagesCommitted: lines.filter((line) => line.startsWith("page ")).length,
        exitCode,
        stderr,
      });
    });
  });
}
