import { createReadStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { compareExportedOrders, type ExportedOrder } from "./export-record.js";

/** Orders held in memory before a sorted run goes to disk. */
export const DEFAULT_RUN_ORDERS = 5_000;

type RunReader = {
  head: ExportedOrder | null;
  next(): Promise<void>;
  close(): void;
};

async function openRun(path: string): Promise<RunReader> {
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const reader: RunReader = {
    head: null,
    async next() {
      const step = await iterator.next();
      reader.head = step.done
        ? null
        : (JSON.parse(step.value) as ExportedOrder);
    },
    close() {
      lines.close();
      input.destroy();
    },
  };
  await reader.next();
  return reader;
}

/**
 * Sorts exported orders by creation and id whatever order the cart lists
 * them in, with memory bounded by one run: full runs are sorted and written
 * to a staging folder, and reading merges the runs. An order listed twice
 * (a page shifted while the cart was paged) comes out once.
 */
export class OrderStaging {
  private run: ExportedOrder[] = [];
  private readonly runPaths: string[] = [];
  private folderReady = false;

  constructor(
    private readonly folder: string,
    private readonly runOrders = DEFAULT_RUN_ORDERS,
  ) {}

  async add(order: ExportedOrder): Promise<void> {
    this.run.push(order);
    if (this.run.length >= this.runOrders) await this.spill();
  }

  private async spill(): Promise<void> {
    if (this.run.length === 0) return;
    if (!this.folderReady) {
      await mkdir(this.folder, { recursive: true });
      this.folderReady = true;
    }
    this.run.sort(compareExportedOrders);
    const path = join(this.folder, `run-${this.runPaths.length}.jsonl`);
    const lines = this.run.map((order) => `${JSON.stringify(order)}\n`);
    await writeFile(path, lines.join(""));
    this.runPaths.push(path);
    this.run = [];
  }

  /** Yields every staged order once, sorted by creation and then id. */
  async *sorted(): AsyncGenerator<ExportedOrder> {
    let previous: ExportedOrder | null = null;
    for await (const order of this.merged()) {
      if (previous && compareExportedOrders(previous, order) === 0) continue;
      previous = order;
      yield order;
    }
  }

  private async *merged(): AsyncGenerator<ExportedOrder> {
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
