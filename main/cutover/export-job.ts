import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ExportStatus, ExportSummary } from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
import type { CartConnector } from "../carts/connector.js";
import { createLogger } from "../logging/logger.js";
import type { MappingOptions } from "../mapping/map-order.js";
import { addToTotals } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import {
  ExportFileSet,
  exportPathsOf,
  type ExportPaths,
} from "./export-files.js";
import { exportedOrderOf } from "./export-record.js";
import {
  exportExclusion,
  exportFileStem,
  exportWindowOf,
  type ExportExclusion,
  type ExportScope,
} from "./export-scope.js";
import { OrderStaging } from "./export-staging.js";
import {
  formatTotals,
  scopeSentence,
  type ExportSummaryFile,
  type LeftOut,
  type OrderWindow,
} from "./export-summary.js";

export { EXPORT_FILTER, EXPORT_HISTORY_START_UTC } from "./export-scope.js";
export type { ExportSummaryFile } from "./export-summary.js";

const log = createLogger("export");

/** Cart order ids per exported ledger record, so one record stays a modest line. */
const LEDGER_BATCH_IDS = 1_000;

export type ExportInput = {
  connector: CartConnector;
  mapping: MappingOptions;
  cutoffUtc: string;
  storeTimeZone: string;
  folder: string;
  /** Orders the cart reports in all, for the progress bar; null when unknown. */
  expectedOrders: number | null;
  /**
   * Called with the cart order ids of the exported orders, in file order,
   * once every file is complete. A cancelled or failed export never calls it.
   */
  onExported?: (cartOrderIds: string[]) => void;
  /** "open" when absent. */
  scope?: ExportScope;
  /** With scope "all": the start of the creation range; the end is the cut-off. */
  fromUtc?: string | null;
  /** True for an order the sync already imported; the export leaves it out. */
  isImported?: (order: CartOrder) => boolean;
  pageSize?: number;
  /** Orders sorted in memory before a run goes to disk; tests set it low. */
  runOrders?: number;
};

/** The export's status, with the phase the progress counts refer to. */
export type ExportJobStatus = ExportStatus & {
  /** "reading": orders read from the cart; "writing": orders written to the files. */
  phase: "reading" | "writing" | null;
};


/** The scope, window and file paths of one export run. */
type ExportPlan = {
  input: ExportInput;
  scope: ExportScope;
  window: OrderWindow;
  paths: ExportPaths;
};

/**
 * Exports the pre-cut-off orders for the old system: a CSV and an .xlsx laid
 * out like the Upload Transactions "Sales Orders" sheet, a summary and a
 * checksum file. Orders are read with every status and sorted by creation
 * and id on disk, so memory stays flat and the same cart gives the same
 * bytes. Progress and cancellation go through the job.
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
      input,
      scope,
      window,
      paths: exportPathsOf(input.folder, stem),
    };
    const staging = new OrderStaging(
      join(input.folder, `.staging-${stem}`),
      input.runOrders,
    );
    this.status = {
      ...this.status,
      state: "running",
      phase: "reading",
      ordersTotal: input.expectedOrders,
    };
    log.info("export started", { scope, from: window.fromUtc, to: window.toUtc });

    let files: ExportFileSet | null = null;
    try {
      await mkdir(input.folder, { recursive: true });
      const leftOut = await this.stage(plan, staging);
      files = new ExportFileSet(plan.paths, new Date(window.toUtc));
      const summary = await this.write(plan, staging, files, leftOut);
      this.status = { ...this.status, state: "done", summary };
      log.info("export finished", {
        orders: summary.orders,
        lines: summary.lines,
        file: plan.paths.csv,
      });
      return summary;
    } catch (error) {
      await files?.abort();
      this.fail(error as Error);
      return null;
    } finally {
      await staging.dispose();
    }
  }

  private fail(error: Error): void {
    const cancelled = this.abort.signal.aborted;
    this.status = {
      ...this.status,
      state: cancelled ? "cancelled" : "failed",
      error: cancelled
        ? "The export was cancelled. No file was written, and files of an earlier export stay as they were."
        : `The export failed: ${error.message} No file was written. Start the export again.`,
    };
    log.warn(cancelled ? "export cancelled" : "export failed", {
      reason: error.message,
    });
  }

  /** Reads every order of the window with any status and stages those the scope takes. */
  private async stage(plan: ExportPlan, staging: OrderStaging): Promise<LeftOut> {
    const { input } = plan;
    const leftOut: LeftOut = {};
    const pages = input.connector.listOrders({
      createdFromUtc: plan.window.fromUtc,
      createdToUtc: plan.window.toUtc,
      pageSize: input.pageSize ?? 250,
      signal: this.abort.signal,
    });
    for await (const page of pages) {
      for (const order of page.orders) {
        const reason: ExportExclusion | null =
          exportExclusion(order, plan.scope) ??
          (input.isImported?.(order) ? "imported-by-sync" : null);
        if (reason) {
          leftOut[reason] = (leftOut[reason] ?? 0) + 1;
          continue;
        }
        const exported = exportedOrderOf(order, input.mapping, input.storeTimeZone);
        await staging.add(exported);
      }
      this.abort.signal.throwIfAborted();
      this.status = {
        ...this.status,
        ordersDone: this.status.ordersDone + page.orders.length,
      };
    }
    return leftOut;
  }

  /**
   * Writes the staged orders in sorted order, then the summary and the
   * checksums, and only then passes the exported ids to onExported.
   */
  private async write(
    plan: ExportPlan,
    staging: OrderStaging,
    files: ExportFileSet,
    leftOut: LeftOut,
  ): Promise<ExportSummary> {
    const { input, paths } = plan;
    // A first pass counts orders, lines and totals, which the Instructions
    // tab states before the first row is written.
    const totalsByCurrency: Record<string, number> = {};
    let orders = 0;
    let lines = 0;
    for await (const order of staging.sorted()) {
      orders++;
      lines += order.lines.length;
      addToTotals(totalsByCurrency, order.currency, order.totalMinor);
    }
    this.status = {
      ...this.status,
      phase: "writing",
      ordersDone: 0,
      ordersTotal: orders,
    };

    await files.begin({
      storeTimeZone: input.storeTimeZone,
      cutoffInStoreZone: formatInZone(plan.window.toUtc, input.storeTimeZone),
      cutoffUtc: plan.window.toUtc,
      scopeSentence: scopeSentence(
        plan.scope,
        plan.window.fromUtc,
        input.storeTimeZone,
      ),
      orders,
      lines,
      totals: formatTotals(totalsByCurrency),
    });
    const exportedIds: string[] = [];
    for await (const order of staging.sorted()) {
      this.abort.signal.throwIfAborted();
      await files.writeOrder(order);
      exportedIds.push(order.cartOrderId);
      this.status = { ...this.status, ordersDone: exportedIds.length };
    }

    const summaryFile: ExportSummaryFile = {
      formatVersion: 1,
      cutoffUtc: plan.window.toUtc,
      storeTimeZone: input.storeTimeZone,
      scope: plan.scope,
      window: plan.window,
      orders,
      lines,
      totalsByCurrency,
      leftOut,
      files: [paths.csv, paths.xlsx].map((path) =>
        path.slice(input.folder.length + 1),
      ),
    };
    this.abort.signal.throwIfAborted();
    await files.finish(`${JSON.stringify(summaryFile, null, 2)}\n`);

    for (let start = 0; start < exportedIds.length; start += LEDGER_BATCH_IDS) {
      input.onExported?.(exportedIds.slice(start, start + LEDGER_BATCH_IDS));
    }
    return {
      cutoffUtc: input.cutoffUtc,
      orders,
      lines,
      totalsByCurrency,
      files: [paths.csv, paths.xlsx, paths.summary, paths.checksums],
    };
  }

  cancel(): void {
    this.abort.abort();
  }
}
