import type { CartOrder } from "../carts/cart-order.js";

/** Which cart orders the sync imports. The default takes unfulfilled orders only. */
export type OrderFilter = {
  includePartiallyFulfilled: boolean;
  includeFulfilled: boolean;
  includeTest: boolean;
};

export const DEFAULT_ORDER_FILTER: OrderFilter = {
  includePartiallyFulfilled: true,
  includeFulfilled: false,
  includeTest: false,
};

export type ExclusionReason = "cancelled" | "test" | "draft" | "fulfilled" | "partially-fulfilled";

export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  cancelled: "cancelled in the cart",
  test: "test order",
  draft: "draft, not yet an order",
  fulfilled: "already fulfilled",
  "partially-fulfilled": "partly fulfilled",
};

/** Returns why the filter leaves an order out, or null when the sync imports it. */
export function exclusionReason(order: CartOrder, filter: OrderFilter): ExclusionReason | null {
  if (order.isDraft) return "draft";
  if (order.cancelledAtUtc) return "cancelled";
  if (order.isTest && !filter.includeTest) return "test";
  if (order.fulfillment === "fulfilled" && !filter.includeFulfilled) return "fulfilled";
  if (order.fulfillment === "partial" && !filter.includePartiallyFulfilled && !filter.includeFulfilled) {
    return "partially-fulfilled";
  }
  return null;
}
