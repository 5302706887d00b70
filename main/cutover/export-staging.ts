import { createReadStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compareExportedOrders, type ExportedOrder } from "./export-record.js";
import { decodeStagedOrder, encodeStagedOrder } from "./staged-order-codec.js";

/** Orders held in memory before a sorted run goes to disk. */
export const DEFAULT_RUN_ORDERS = 5_000;
/** Document lines a run may have, so that orders of many lines keep memory bounded too. */
const MAX_RUN_LINES = 16_000;

/** Bytes read from a run file at a time. */
const READ_CHUNK_BYTES = 1024 * 1024;

type RunReader = {
  head: ExportedOrder | null;
  next(): Promise<void>;
  close(): void;
};

/** Yields the lines of a file, reading it in large chunks. */
async function* linesOf(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, {
    encoding: "utf8",
    highWaterMark: READ_CHUNK_BYTES,
  });
  let carry = "";
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      const text = carry + chunk;
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      carry = text.slice(start);
    }
    if (carry) yield carry;
  } finally {
    input.destroy();
  }
}

async function openRun(path: string): Promise<RunReader> {
  const lines = linesOf(path);
  const reader: RunReader = {
    head: null,
    async next() {
      const step = await lines.next();
      reader.head = step.done ? null : decodeStagedOrder(step.value);
    },
    close() {
      void lines.return(undefined);
    },
  };
  await reader.next();
  return reader;
}

/**
 * Sorts exported orders by creation and id whatever order the cart lists
 * them in, with memory bounded by one run: full runs are sorted and written
 * to a staging folder, and reading merges the runs. The caller stages each
 * order once.
 */
export class OrderStaging {
  private run: ExportedOrder[] = [];
  private readonly runPaths: string[] = [];
  private staged = 0;
  private runLines = 0;
  private folderReady = false;

  constructor(
    private readonly folder: string,
    private readonly runOrders = DEFAULT_RUN_ORDERS,
  ) {}

  get size(): number {
    return this.staged;
  }

  async add(order: ExportedOrder): Promise<void> {
    this.staged++;
    this.run.push(order);
    this.runLines += order.lines.length;
    if (this.run.length >= this.runOrders || this.runLines >= MAX_RUN_LINES) {
      await this.spill();
    }
  }

  private async spill(): Promise<void> {
    if (this.run.length === 0) return;
    if (!this.folderReady) {
      await mkdir(this.folder, { recursive: true });
      this.folderReady = true;
    }
    this.run.sort(compareExportedOrders);
    const path = join(this.folder, `run-${this.runPaths.length}.jsonl`);
    const lines = this.run.map((order) => `${encodeStagedOrder(order)}\n`);
    await writeFile(path, lines.join(""));
    this.runPaths.push(path);
    this.run = [];
    this.runLines = 0;
  }

  /** Yields every staged order once, sorted by creation and then id. */
  async *sorted(): AsyncGenerator<ExportedOrder> {
    if (this.runPaths.length === 0) {
      // Everything fitted in one run: no disk needed.
      yield* this.run.sort(compareExportedOrders);
      return;
    }
    await this.spill();
    const readers = await Promise.all(this.runPaths.map(openRun));
    try {
      for (;;) {
        let smallest: RunReader | null = null;
        for (const reader of readers) {
          if (!reader.head) continue;
          const before =
            !smallest || compareExportedOrders(reader.head, smallest.head!) < 0;
          if (before) smallest = reader;
        }
        if (!smallest) return;
        const order = smallest.head!;
        await smallest.next();
        yield order;
      }
    } finally {
      for (const reader of readers) reader.close();
    }
  }

  /** Removes the staging folder and its runs. */
  async dispose(): Promise<void> {
    this.run = [];
    await rm(this.folder, { recursive: true, force: true });
  }
}
