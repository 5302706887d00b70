import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ExportSummary } from "../../preload/contract.js";
import { createLogger } from "../logging/logger.js";
import { exportPathsOf, PartlyReplacedError } from "./export-files.js";
import type { ExportInput, ExportJobStatus } from "./export-input.js";
import { exportedOrderOf, type ExportedOrder } from "./export-record.js";
import {
  exportExclusion,
  exportFileStem,
  exportWindowOf,
  type ExportExclusion,
} from "./export-scope.js";
import { OrderStaging } from "./export-staging.js";
import type { LeftOut } from "./export-summary.js";
import { ExportWriter, type ExportPlan } from "./export-writer.js";
import { ReorderWindow } from "./reorder-window.js";

export { EXPORT_FILTER, EXPORT_HISTORY_START_UTC } from "./export-scope.js";
export type { ExportInput, ExportJobStatus } from "./export-input.js";
export type { ExportSummaryFile } from "./export-summary.js";

const log = createLogger("export");

/** Cart order ids per exported ledger record, so one record stays a modest line. */
const LEDGER_BATCH_IDS = 1_000;
/** Orders held to sort a listing with local disorder; about eight pages of 250. */
const DEFAULT_REORDER_ORDERS = 2_000;
/** Document lines those orders may have between them, so that long orders keep memory bounded. */
const MAX_REORDER_LINES = 8_000;

/**
 * Exports the pre-cut-off orders for the old system: a CSV and an .xlsx laid
 * out like the Upload Transactions "Sales Orders" sheet, a summary and a
 * checksum file. Orders are read with every status and written sorted by
 * creation and id, so the same cart gives the same bytes. Progress and
 * cancellation go through the job.
 *
 * Carts list orders in creation or id order, which is nearly always
 * creation order, so the files are first written while reading, through a
 * small reorder window. An order that comes too late for the window, such
 * as one backdated in the cart, makes the job read the cart again and sort
 * on disk, with memory bounded either way.
 */
export class ExportJob {
  status: ExportJobStatus = {
    state: "idle",
    phase: null,
    ordersDone: 0,
    ordersTotal: null,
    summary: null,
    error: null,
  };
  private readonly abort = new AbortController();

  async run(input: ExportInput): Promise<ExportSummary | null> {
    const scope = input.scope ?? "open";
    const window = exportWindowOf(scope, input.cutoffUtc, input.fromUtc ?? null);
    const stem = exportFileStem(scope, window.fromUtc);
    const plan: ExportPlan = {
      storeId: input.mapping.storeId,
      cutoffUtc: input.cutoffUtc,
      storeTimeZone: input.storeTimeZone,
      folder: input.folder,
      scope,
      window,
      paths: exportPathsOf(input.folder, stem),
    };
    this.status = { ...this.status, state: "running", ordersTotal: input.expectedOrders };
    log.info("export started", { scope, from: window.fromUtc, to: window.toUtc });

    try {
      await mkdir(input.folder, { recursive: true });
      const summary =
        (await this.exportInListingOrder(input, plan)) ??
        (await this.exportSortedOnDisk(input, plan, join(input.folder, `.staging-${stem}`)));
      this.status = { ...this.status, state: "done", summary };
      log.info("export finished", {
        orders: summary.orders,
        lines: summary.lines,
        file: plan.paths.csv,
      });
      return summary;
    } catch (error) {
      this.fail(error as Error);
      return null;
    }
  }

  cancel(): void {
    this.abort.abort();
  }

  private fail(error: Error): void {
    const cancelled = this.abort.signal.aborted;
    let message = `The export failed: ${error.message} No file was written. Start the export again.`;
    if (cancelled) {
      message = "The export was cancelled. No file was written, and files of an earlier export stay as they were.";
    } else if (error instanceof PartlyReplacedError) {
      message = `The export failed: ${error.message}`;
    }
    this.status = {
      ...this.status,
      state: cancelled ? "cancelled" : "failed",
      error: message,
    };
    log.warn(cancelled ? "export cancelled" : "export failed", {
      reason: error.message,
    });
  }

  /**
   * Writes the files while reading the cart. Returns null, with every
   * partial file removed, when an order comes too late for the window.
   */
  private exportInListingOrder(
    input: ExportInput,
    plan: ExportPlan,
  ): Promise<ExportSummary | null> {
    const window = new ReorderWindow(
      input.reorderOrders ?? DEFAULT_REORDER_ORDERS,
      MAX_REORDER_LINES,
    );
    return this.writeFiles(input, plan, async (writer) => {
      const leftOut = await this.read(input, plan, async (order) => {
        const released = window.add(order);
        if (!released) return false;
        for (const earliest of released) await writer.write(earliest);
        return true;
      });
      if (!leftOut) {
        log.info("export reads the cart again to sort on disk", {
          reason: "an order came later than the reorder window allows",
        });
        return null;
      }
      this.status = { ...this.status, phase: "writing" };
      for (const order of window.drain()) await writer.write(order);
      return leftOut;
    });
  }

  /** Reads the cart into sorted runs on disk, then writes the files from their merge. */
  private async exportSortedOnDisk(
    input: ExportInput,
    plan: ExportPlan,
    stagingFolder: string,
  ): Promise<ExportSummary> {
    const staging = new OrderStaging(stagingFolder, input.runOrders);
    try {
      const leftOut = (await this.read(input, plan, async (order) => {
        await staging.add(order);
        return true;
      }))!;
      this.status = {
        ...this.status,
        phase: "writing",
        ordersDone: 0,
        ordersTotal: staging.size,
      };
      const summary = await this.writeFiles(input, plan, async (writer) => {
        for await (const order of staging.sorted()) {
          await writer.write(order);
          this.status = { ...this.status, ordersDone: writer.exportedIds.length };
        }
        return leftOut;
      });
      return summary!;
    } finally {
      await staging.dispose();
    }
  }

  /**
   * Opens the export's files for `fill`, which writes the orders and
   * returns the orders left out, or null to give up. Completes the files and
   * passes the exported ids on; removes every partial file when `fill`
   * gives up or fails.
   */
  private async writeFiles(
    input: ExportInput,
    plan: ExportPlan,
    fill: (writer: ExportWriter) => Promise<LeftOut | null>,
  ): Promise<ExportSummary | null> {
    const writer = new ExportWriter(plan, this.abort.signal);
    try {
      await writer.begin();
      const leftOut = await fill(writer);
      if (!leftOut) {
        await writer.abort();
        return null;
      }
      const summary = await writer.finish(leftOut);
      for (let start = 0; start < writer.exportedIds.length; start += LEDGER_BATCH_IDS) {
        input.onExported?.(writer.exportedIds.slice(start, start + LEDGER_BATCH_IDS));
      }
      return summary;
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  /**
   * Reads every order of the window with any status and hands each order
   * the scope takes, once, to `take`. Returns the orders left out, or null
   * as soon as `take` returns false.
   */
  private async read(
    input: ExportInput,
    plan: ExportPlan,
    take: (order: ExportedOrder) => Promise<boolean>,
  ): Promise<LeftOut | null> {
    this.status = { ...this.status, phase: "reading", ordersDone: 0 };
    const leftOut: LeftOut = {};
    // A page that shifted while the cart was paged lists an order twice.
    const seen = new Set<string>();
    const pages = input.connector.listOrders({
      createdFromUtc: plan.window.fromUtc,
      createdToUtc: plan.window.toUtc,
      pageSize: input.pageSize ?? 250,
      signal: this.abort.signal,
    });
    for await (const page of pages) {
      for (const order of page.orders) {
        if (seen.has(order.orderId)) continue;
        seen.add(order.orderId);
        const reason: ExportExclusion | null =
          exportExclusion(order, plan.scope) ??
          (input.isImported?.(order) ? "imported-by-sync" : null);
        if (reason) {
          leftOut[reason] = (leftOut[reason] ?? 0) + 1;
          continue;
        }
        const exported = exportedOrderOf(order, input.mapping, input.storeTimeZone);
        if (!(await take(exported))) return null;
      }
      this.abort.signal.throwIfAborted();
      this.status = {
        ...this.status,
        ordersDone: this.status.ordersDone + page.orders.length,
      };
    }
    this.abort.signal.throwIfAborted();
    return leftOut;
  }
}
