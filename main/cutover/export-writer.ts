import type { ExportSummary } from "../../preload/contract.js";
import { addToTotals } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import { ExportFileSet, type ExportPaths } from "./export-files.js";
import type { ExportedOrder } from "./export-record.js";
import type { ExportScope } from "./export-scope.js";
import {
  formatTotals,
  scopeSentence,
  MAX_LISTED_CHECKS,
  type ExportSummaryFile,
  type LeftOut,
  type OrderToCheck,
  type OrderWindow,
} from "./export-summary.js";

/**
 * Returns the orders left out with their reasons in code order, so the
 * summary's bytes do not depend on the order the cart listed them in.
 */
function sortedKeys(leftOut: LeftOut): LeftOut {
  const sorted: LeftOut = {};
  for (const reason of Object.keys(leftOut).sort() as (keyof LeftOut)[]) {
    sorted[reason] = leftOut[reason];
  }
  return sorted;
}

/** The cut-off, scope, window and file paths of one export. */
export type ExportPlan = {
  storeId: string;
  cutoffUtc: string;
  storeTimeZone: string;
  folder: string;
  scope: ExportScope;
  window: OrderWindow;
  paths: ExportPaths;
};

/**
 * Writes orders, given in file order, to one export's files and tallies
 * the orders, lines and totals that the Instructions tab and the summary
 * state at the end.
 */
export class ExportWriter {
  readonly exportedIds: string[] = [];
  private readonly files: ExportFileSet;
  private readonly totalsByCurrency: Record<string, number> = {};
  private lines = 0;
  private ordersToCheck = 0;
  /** The first orders to check, as many as the summary lists. */
  private readonly checks: OrderToCheck[] = [];

  constructor(
    private readonly plan: ExportPlan,
    private readonly signal: AbortSignal,
  ) {
    this.files = new ExportFileSet(plan.paths, new Date(plan.window.toUtc));
  }

  begin(): Promise<void> {
    return this.files.begin();
  }

  async write(order: ExportedOrder): Promise<void> {
    this.signal.throwIfAborted();
    await this.files.writeOrder(order);
    this.lines += order.lines.length;
    addToTotals(this.totalsByCurrency, order.currency, order.totalMinor);
    this.exportedIds.push(order.cartOrderId);
    if (order.checks.length > 0) {
      this.ordersToCheck++;
      if (this.checks.length < MAX_LISTED_CHECKS) {
        this.checks.push({
          orderNumber: order.orderNumber,
          cartOrderId: order.cartOrderId,
          reasons: order.checks,
        });
      }
    }
  }

  /** Completes the files, then writes the summary and the checksums. */
  async finish(leftOut: LeftOut): Promise<ExportSummary> {
    const { plan } = this;
    const orders = this.exportedIds.length;
    const summaryFile: ExportSummaryFile = {
      formatVersion: 1,
      storeId: plan.storeId,
      cutoffUtc: plan.window.toUtc,
      storeTimeZone: plan.storeTimeZone,
      scope: plan.scope,
      window: plan.window,
      orders,
      lines: this.lines,
      totalsByCurrency: this.totalsByCurrency,
      leftOut: sortedKeys(leftOut),
      ordersToCheck: this.ordersToCheck,
      checks: this.checks,
      files: [plan.paths.csv, plan.paths.xlsx].map((path) =>
        path.slice(plan.folder.length + 1),
      ),
    };
    this.signal.throwIfAborted();
    await this.files.finish(
      {
        storeTimeZone: plan.storeTimeZone,
        cutoffInStoreZone: formatInZone(plan.window.toUtc, plan.storeTimeZone),
        cutoffUtc: plan.window.toUtc,
        scopeSentence: scopeSentence(plan.scope, plan.window.fromUtc, plan.storeTimeZone),
        orders,
        lines: this.lines,
        totals: formatTotals(this.totalsByCurrency),
        ordersToCheck: this.ordersToCheck,
        checks: this.checks,
      },
      `${JSON.stringify(summaryFile, null, 2)}\n`,
    );
    return {
      cutoffUtc: plan.cutoffUtc,
      orders,
      lines: this.lines,
      totalsByCurrency: this.totalsByCurrency,
      files: [plan.paths.csv, plan.paths.xlsx, plan.paths.summary, plan.paths.checksums],
      ordersToCheck: this.ordersToCheck,
    };
  }

  /** Stops writing and removes every partial file. */
  abort(): Promise<void> {
    return this.files.abort();
  }
}
