import { formatMoney } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import type { ExportExclusion, ExportScope } from "./export-scope.js";

export type OrderWindow = { fromUtc: string; toUtc: string };

/** Orders an export left out, counted by reason. */
export type LeftOut = Partial<Record<ExportExclusion, number>>;

/** Orders to check that the summary file lists by name. */
export const MAX_LISTED_CHECKS = 1_000;

/** An exported order to check before the upload, with its reasons. */
export type OrderToCheck = {
  orderNumber: string;
  cartOrderId: string;
  reasons: string[];
};

/** The contents of the summary file beside the export. */
export type ExportSummaryFile = {
  formatVersion: 1;
  /** The store the export was made for; absent in summaries written before each store had its own export folder. */
  storeId?: string;
  cutoffUtc: string;
  storeTimeZone: string;
  scope: ExportScope;
  window: OrderWindow;
  orders: number;
  lines: number;
  totalsByCurrency: Record<string, number>;
  leftOut: LeftOut;
  /** Exported orders with an error finding, such as lines that do not add up to the cart's total. */
  ordersToCheck: number;
  /** The first of them, at most MAX_LISTED_CHECKS. */
  checks: OrderToCheck[];
  /** The CSV and the .xlsx, by name inside the export folder. */
  files: string[];
};

/** Describes which orders an export of this scope contains, for the Instructions tab. */
export function scopeSentence(
  scope: ExportScope,
  fromUtc: string,
  storeTimeZone: string,
): string {
  const from = formatInZone(fromUtc, storeTimeZone);
  const base =
    scope === "open"
      ? "Every order created before the cut-off that is not yet fulfilled and not cancelled. Test orders and drafts are left out."
      : `Every order created from ${from} up to the cut-off, whatever its status. Drafts are left out.`;
  return `${base} Orders the sync already imported are left out too, so that no order is in both systems.`;
}

/** Formats totals per currency in code order, such as "EUR 12.50, USD 3.00". */
export function formatTotals(totals: Record<string, number>): string {
  const currencies = Object.keys(totals).sort();
  if (currencies.length === 0) return "none";
  return currencies
    .map((currency) => formatMoney(totals[currency]!, currency))
    .join(", ");
}
