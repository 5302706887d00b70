import type { CartOrder } from "../carts/cart-order.js";
import {
  exclusionReason,
  type ExclusionReason,
  type OrderFilter,
} from "../mapping/order-filter.js";

/**
 * The selection of pre-cut-off orders an export takes. "open" takes every order not yet
 * fulfilled and not cancelled, which is what the T-4 import of open sales
 * orders needs. "all" takes every order created in a date range, whatever
 * its status, for an old system that also wants history.
 */
export type ExportScope = "open" | "all";

/** The earliest creation instant an "open" export requests: before any cart in use today. */
export const EXPORT_HISTORY_START_UTC = "2000-01-01T00:00:00.000Z";

/** The filter of an "open" export: partly fulfilled orders are still open. */
export const EXPORT_FILTER: OrderFilter = {
  includePartiallyFulfilled: true,
  includeFulfilled: false,
  includeTest: false,
};

/** The reason an export leaves a cart order out. */
export type ExportExclusion = ExclusionReason | "imported-by-sync";

export const EXPORT_EXCLUSION_LABELS: Record<ExportExclusion, string> = {
  cancelled: "cancelled in the cart",
  test: "test order",
  draft: "draft, not yet an order",
  fulfilled: "already fulfilled",
  "partially-fulfilled": "partly fulfilled",
  "imported-by-sync": "already imported by the sync",
};

/** Returns why an export of this scope leaves the order out, or null when it takes it. */
export function exportExclusion(
  order: CartOrder,
  scope: ExportScope,
): ExclusionReason | null {
  // A draft is a checkout in progress, so no scope exports it.
  if (order.isDraft) return "draft";
  if (scope === "all") return null;
  return exclusionReason(order, EXPORT_FILTER);
}

/** Describes the cart's status of an order in a few words, for the export's status column. */
export function cartStatusOf(order: CartOrder): string {
  const words: string[] = [];
  if (order.isDraft) words.push("draft");
  if (order.cancelledAtUtc) words.push("cancelled");
  if (order.isTest) words.push("test");
  if (order.isArchived) words.push("archived");
  words.push(
    order.fulfillment === "partial" ? "partly fulfilled" : order.fulfillment,
  );
  return words.join(", ");
}

/** Returns the creation window an export reads: half-open, ending at the cut-off. */
export function exportWindowOf(
  scope: ExportScope,
  cutoffUtc: string,
  fromUtc: string | null,
): { fromUtc: string; toUtc: string } {
  const start = scope === "all" && fromUtc ? fromUtc : EXPORT_HISTORY_START_UTC;
  return {
    fromUtc: new Date(Date.parse(start)).toISOString(),
    toUtc: new Date(Date.parse(cutoffUtc)).toISOString(),
  };
}

/**
 * Returns the file name stem of an export, so that an "open" export and an
 * "all" export for the same cut-off never overwrite each other.
 */
export function exportFileStem(scope: ExportScope, fromUtc: string): string {
  if (scope === "open") return "open-orders-before-cutoff";
  const compact = fromUtc.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  return `all-orders-from-${compact}-before-cutoff`;
}
