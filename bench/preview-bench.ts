/**
 * Measures the preview screen in Chromium: the time to render a dry run of
 * 20,000 orders and to scroll through it, each as a ratio to the same for
 * 200 orders in the same run (target: at most 3).
 *
 * Run `npx vite build` first; the bench drives the built renderer in
 * dist/renderer with Debian's /usr/bin/chromium through playwright-core.
 * A server of its own on 127.0.0.1 serves the page and responds to the
 * bridge's POST api/<channel> calls as the main process does: dry-run:run
 * with the light view of a generated preview and dry-run:detail with a full
 * row, so no cart is involved.
 * `--renderer-dir PATH` measures another build instead of dist/renderer.
 */
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { previewViewOf } from "../main/dry-run/preview-view.js";
import type { Preview } from "../preload/contract.js";
import { benchAppState, benchPreview } from "./bench-preview-data.js";
import { startBenchServer } from "./bench-server.js";
import {
  measureRunScript,
  measureScrollScript,
  RECORD_PARSE_TIMES,
  type RunTimes,
  type ScrollTimes,
} from "./page-measures.js";

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SMALL_ORDERS = 200;
const LARGE_ORDERS = 20_000;
/** Measured rounds per size; the bench reports the median. One warm-up round comes first. */
const ROUNDS = 3;
/** Equal jumps from the top of the table to its bottom, whatever its length. */
const SCROLL_STEPS = 60;
const TARGET_RATIO = 3;
/** The zone of the bench's store, which benchAppState's connection reports too. */
const STORE_TIME_ZONE = "Europe/Berlin";
const STEP_TIMEOUT_MS = 120_000;

/** Returns the folder of the built renderer: dist/renderer, or the one after --renderer-dir, to compare two builds. */
function rendererDirOf(argv: readonly string[]): string {
  const index = argv.indexOf("--renderer-dir");
  if (index >= 0 && argv[index + 1]) return resolve(argv[index + 1]!);
  return fileURLToPath(new URL("../dist/renderer", import.meta.url));
}

const rendererDir = rendererDirOf(process.argv.slice(2));

type Sample = { run: RunTimes; scroll: ScrollTimes };

type BenchResponses = {
  /** dry-run:run's value: the preview with light rows, as the main process sends it. */
  viewJson: string;
  /** dry-run:detail's value. The bench server does not read request bodies, so it is the first row whatever the index. */
  detailJson: string;
  /** Length of the full preview's JSON, which is what the renderer received before the light rows. */
  fullBytes: number;
};

function benchResponsesOf(preview: Preview): BenchResponses {
  return {
    viewJson: JSON.stringify(previewViewOf(preview)),
    detailJson: JSON.stringify(preview.rows[0]),
    fullBytes: JSON.stringify(preview).length,
  };
}

function withTimeout<T>(promise: Promise<T>, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${operation} timed out after ${STEP_TIMEOUT_MS / 1000} s.`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measureOnce(context: BrowserContext, pageUrl: string, orderCount: number): Promise<Sample> {
  const page = await context.newPage();
  try {
    await page.addInitScript(RECORD_PARSE_TIMES);
    await page.goto(pageUrl, { timeout: STEP_TIMEOUT_MS });
    await page.getByRole("button", { name: "Run dry run" }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const run = await withTimeout(page.evaluate<RunTimes>(measureRunScript(orderCount)), `Rendering ${orderCount} orders`);
    const scroll = await withTimeout(page.evaluate<ScrollTimes>(measureScrollScript(SCROLL_STEPS)), `Scrolling ${orderCount} orders`);
    if (scroll.lastRowIndex !== orderCount + 1) {
      throw new Error(`After scrolling, the last row shown is ${scroll.lastRowIndex - 1} of ${orderCount}; the table did not reach its end.`);
    }
    return { run, scroll };
  } finally {
    await page.close();
  }
}

function describeSamples(orderCount: number, samples: Sample[]) {
  const pick = (read: (sample: Sample) => number) => median(samples.map(read));
  return {
    orderCount,
    loadMs: pick(({ run }) => run.parseEndMs - run.clickedMs),
    renderMs: pick(({ run }) => run.paintedMs - run.parseEndMs),
    totalMs: pick(({ run }) => run.paintedMs - run.clickedMs),
    scrollMs: pick(({ scroll }) => scroll.totalMs),
    worstStepMs: pick(({ scroll }) => scroll.worstStepMs),
    rowsInDom: pick(({ scroll }) => scroll.rowsInDom),
  };
}

function megabytes(length: number): string {
  return `${(length / 1e6).toFixed(2)} MB`;
}

function format(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(12);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install Debian's chromium package.`);
  if (!existsSync(join(rendererDir, "index.html"))) {
    throw new Error(`The built renderer is missing in ${rendererDir}. Run "npx vite build" first.`);
  }

  const responses = new Map<number, BenchResponses>();
  for (const orderCount of [SMALL_ORDERS, LARGE_ORDERS]) {
    responses.set(orderCount, benchResponsesOf({ ...benchPreview(orderCount), timeZone: STORE_TIME_ZONE }));
  }
  const stateJson = JSON.stringify(benchAppState());
  let current = SMALL_ORDERS;
  const channels: Record<string, () => string> = {
    "app:get-state": () => stateJson,
    "sync:status": () => JSON.stringify(benchAppState().sync),
    "dry-run:run": () => responses.get(current)!.viewJson,
    "dry-run:detail": () => responses.get(current)!.detailJson,
  };
  const server = await startBenchServer(rendererDir, (channel) => channels[channel]?.() ?? null);
  const userDataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bench-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });

  try {
    const samples = new Map<number, Sample[]>([[SMALL_ORDERS, []], [LARGE_ORDERS, []]]);
    current = SMALL_ORDERS;
    await measureOnce(context, server.pageUrl, SMALL_ORDERS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const orderCount of [SMALL_ORDERS, LARGE_ORDERS]) {
        current = orderCount;
        samples.get(orderCount)!.push(await measureOnce(context, server.pageUrl, orderCount));
      }
    }

    const small = describeSamples(SMALL_ORDERS, samples.get(SMALL_ORDERS)!);
    const large = describeSamples(LARGE_ORDERS, samples.get(LARGE_ORDERS)!);
    const version = context.browser()?.version() ?? "unknown";
    const smallResponses = responses.get(SMALL_ORDERS)!;
    const largeResponses = responses.get(LARGE_ORDERS)!;
    const builtAt = statSync(join(rendererDir, "index.html")).mtime.toISOString();
    const lines = [
      `Preview bench: Chromium ${version} headless, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}`,
      `Renderer built ${builtAt}; median of ${ROUNDS} rounds after one warm-up; scrolling is ${SCROLL_STEPS} equal jumps to the end.`,
      `Preview view JSON: ${megabytes(smallResponses.viewJson.length)} for ${SMALL_ORDERS} orders, ${megabytes(largeResponses.viewJson.length)} for ${LARGE_ORDERS}` +
        ` (the full preview that main keeps: ${megabytes(smallResponses.fullBytes)} and ${megabytes(largeResponses.fullBytes)}).`,
      "",
      `${"".padEnd(34)}${String(SMALL_ORDERS).padStart(12)}${String(LARGE_ORDERS).padStart(12)}     ratio`,
    ];
    const row = (label: string, read: (sizes: typeof small) => number, target: boolean) => {
      const ratio = read(large) / read(small);
      let verdict = "";
      if (target) verdict = ratio <= TARGET_RATIO ? "  (target ≤ 3: met)" : "  (target ≤ 3: missed)";
      lines.push(`${label.padEnd(34)}${format(read(small))}${format(read(large))}  ${ratio.toFixed(2).padStart(8)}${verdict}`);
    };
    row("Render (response parsed → painted)", (sizes) => sizes.renderMs, true);
    row("Scroll through the table", (sizes) => sizes.scrollMs, true);
    row("  worst scroll jump", (sizes) => sizes.worstStepMs, false);
    row("Request, transfer and JSON parse", (sizes) => sizes.loadMs, false);
    row("Click → painted, in all", (sizes) => sizes.totalMs, false);
    lines.push(`Rows in the DOM after scrolling: ${small.rowsInDom} and ${large.rowsInDom}.`);
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Preview bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
