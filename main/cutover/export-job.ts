import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import type { ExportStatus, ExportSummary } from "../../preload/contract.js";
import type { CartConnector } from "../carts/connector.js";
import { createLogger } from "../logging/logger.js";
import { mapOrder, type MappingOptions } from "../mapping/map-order.js";
import type { OrderFilter } from "../mapping/order-filter.js";
import { addToTotals } from "../money/money.js";
import { csvRow } from "./csv.js";
import { EXPORT_COLUMNS, exportRowsOf } from "./export-rows.js";

const log = createLogger("export");

/** The earliest creation instant an export asks for: before any cart in use today. */
export const EXPORT_HISTORY_START_UTC = "2000-01-01T00:00:00.000Z";

/** Which pre-cut-off orders the old system needs: by default every one not yet fulfilled and not cancelled. */
export const EXPORT_FILTER: OrderFilter = { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false };

export type ExportInput = {
  connector: CartConnector;
  mapping: MappingOptions;
  cutoffUtc: string;
  storeTimeZone: string;
  folder: string;
  expectedOrders: number | null;
  /** Called with the cart order id of every exported order, in export order. */
  onExported?: (cartOrderIds: string[]) => void;
};

function write(stream: WriteStream, text: string): Promise<void> {
  return stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once("drain", resolve));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * Exports the open orders created before the cut-off as CSV, page by page,
 * so memory stays flat. Progress and cancellation go through the job.
 */
export class ExportJob {
  status: ExportStatus = { state: "idle", ordersDone: 0, ordersTotal: null, summary: null, error: null };
  private readonly abort = new AbortController();

  async run(input: ExportInput): Promise<ExportSummary | null> {
    this.status = { state: "running", ordersDone: 0, ordersTotal: input.expectedOrders, summary: null, error: null };
    await mkdir(input.folder, { recursive: true });
    const csvPath = join(input.folder, "open-orders-before-cutoff.csv");
    const partialPath = `${csvPath}.partial`;
    const stream = createWriteStream(partialPath, { encoding: "utf8" });
    const mapping = { ...input.mapping, filter: EXPORT_FILTER };
    const totalsByCurrency: Record<string, number> = {};
    let orders = 0;
    let lines = 0;

    try {
      await write(stream, csvRow(EXPORT_COLUMNS));
      for await (const page of input.connector.listOrders({ createdFromUtc: EXPORT_HISTORY_START_UTC, createdToUtc: input.cutoffUtc, pageSize: 250, signal: this.abort.signal })) {
        const exported: string[] = [];
        for (const order of page.orders) {
          const mapped = mapOrder(order, mapping);
          if (order.isDraft || order.cancelledAtUtc || order.fulfillment === "fulfilled" || order.isTest) continue;
          const rows = exportRowsOf(mapped.document, input.storeTimeZone);
          for (const row of rows) await write(stream, csvRow(row));
          orders++;
          lines += rows.length;
          addToTotals(totalsByCurrency, mapped.document.currency, mapped.document.totalMinor);
          exported.push(order.orderId);
        }
        input.onExported?.(exported);
        this.status = { ...this.status, ordersDone: this.status.ordersDone + page.orders.length };
      }
      await close(stream);
      await rename(partialPath, csvPath);
    } catch (error) {
      stream.destroy();
      const cancelled = this.abort.signal.aborted;
      this.status = { ...this.status, state: cancelled ? "cancelled" : "failed", error: cancelled ? "The export was cancelled; no file was written." : (error as Error).message };
      log.warn("export ended early", { cancelled, reason: (error as Error).message });
      return null;
    }

    const summary: ExportSummary = { cutoffUtc: input.cutoffUtc, orders, lines, totalsByCurrency, files: [csvPath] };
    this.status = { ...this.status, state: "done", summary };
    log.info("export finished", { orders, lines, file: csvPath });
    return summary;
  }

  cancel(): void {
    this.abort.abort();
  }
}
