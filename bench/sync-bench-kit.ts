import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { CartOrder } from "../main/carts/cart-order.js";
import type { CartConnector, OrderPage, OrderQuery } from "../main/carts/connector.js";
import { OrderBook } from "../main/destinations/order-book.js";
import { Ledger } from "../main/sync/ledger.js";
import type { SyncRunSummary } from "../main/sync/run-tally.js";
import { runSync } from "../main/sync/sync-engine.js";
import { SUITE_MAPPING } from "../tests/sync/sync-kit.js";

/** The machine a figure came from: logical CPUs, CPU model, Node version and the load when it started. */
export function describeMachine(): string {
  let model = "unknown CPU";
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? model;
  } catch {
    // Not Linux: the model stays unknown.
  }
  return `${availableParallelism()} logical CPUs (nproc), ${model}, Node ${process.version}, 1-minute load average ${loadavg()[0]!.toFixed(1)}`;
}

/** One timed sync run into a fresh order book, with the instant each page was committed. */
export type TimedRun = {
  summary: SyncRunSummary;
  startedMs: number;
  endedMs: number;
  /** Process CPU time (user and system) at the start and end, in ms. */
  startedCpuMs: number;
  endedCpuMs: number;
  /** After each committed page: orders read so far, when (performance.now() ms) and the process CPU time so far. */
  progress: { orders: number; atMs: number; cpuMs: number }[];
};

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export async function timedSync(
  connector: CartConnector,
  window: { fromUtc: string; toUtc: string },
  pageSize: number,
): Promise<TimedRun> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bench-"));
  const ledger = new Ledger(dataDir);
  const orderBook = new OrderBook(dataDir);
  const progress: TimedRun["progress"] = [];
  let orders = 0;
  try {
    const startedCpuMs = cpuMs();
    const startedMs = performance.now();
    const summary = await runSync(
      {
        connector,
        destination: orderBook,
        ledger,
        mapping: SUITE_MAPPING,
        importFromUtc: window.fromUtc,
        pageSize,
        now: () => Date.parse(window.toUtc),
        onPageCommitted: (event) => {
          orders += event.orders;
          progress.push({ orders, atMs: performance.now(), cpuMs: cpuMs() });
        },
      },
      "manual",
    );
    const endedMs = performance.now();
    const endedCpuMs = cpuMs();
    if (summary.error) throw new Error(`The benchmark run failed: ${summary.error}`);
    return { summary, startedMs, endedMs, startedCpuMs, endedCpuMs, progress };
  } finally {
    ledger.close();
    orderBook.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Creates a cart held in memory that pages through prepared orders by
 * offset. It costs next to nothing per page, so a run against it times the
 * sync's own work: mapping, the order book and the ledger.
 */
export function inMemoryCart(orders: readonly CartOrder[]): CartConnector {
  // Sorted creation instants, read once here so that no listing pays for them.
  const sorted = [...orders].sort((left, right) => Date.parse(left.createdAtUtc) - Date.parse(right.createdAtUtc));
  const createdMs = sorted.map((order) => Date.parse(order.createdAtUtc));
  const firstAtOrAfter = (instantMs: number): number => {
    let low = 0;
    let high = createdMs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (createdMs[middle]! < instantMs) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    platform: "demo",
    testConnection: () => Promise.reject(new Error("The in-memory cart has no connection to test")),
    async *listOrders(query: OrderQuery): AsyncIterable<OrderPage> {
      const start = firstAtOrAfter(Date.parse(query.createdFromUtc));
      const end = firstAtOrAfter(Date.parse(query.createdToUtc));
      const pageSize = query.pageSize ?? 100;
      let offset = query.resumeCursor ? Number(query.resumeCursor) : start;
      do {
        const page = sorted.slice(offset, Math.min(end, offset + pageSize));
        offset += page.length;
        yield { orders: page, nextCursor: offset < end ? String(offset) : null, attempts: 1 };
      } while (offset < end);
    },
  };
}

/** Returns the progress entry at which the run had read at least `count` orders. */
export function reached(run: TimedRun, count: number): TimedRun["progress"][number] {
  const point = run.progress.find((entry) => entry.orders >= count);
  if (!point) throw new Error(`The run read fewer than ${count} orders`);
  return point;
}

/**
 * Returns the shortest time in ms a leaky bucket allows for a sequence of
 * queries, each needing `requested` points available and then costing
 * `actual`, with the bucket full at the start and requests taking no time.
 */
export function minimumThrottledMs(
  queries: readonly { requested: number; actual: number }[],
  bucket: { maximumAvailable: number; restoreRate: number },
): number {
  let available = bucket.maximumAvailable;
  let elapsedMs = 0;
  for (const query of queries) {
    if (available < query.requested) {
      elapsedMs += ((query.requested - available) / bucket.restoreRate) * 1000;
      available = query.requested;
    }
    available -= query.actual;
  }
  return elapsedMs;
}

export function formatRatio(value: number): string {
  return value.toFixed(2);
}
