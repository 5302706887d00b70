import { generateSeedOrders } from "../../simulators/common/generate-orders.js";
import type { SeedOrder } from "../../simulators/common/seed-order.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The simulated store of the end-to-end tests. */
export const STORE = {
  storeName: "Harbour & Pine Supply",
  timeZone: "America/New_York",
  currency: "USD",
};

const ORDERS_BEFORE_CUTOFF = 38;
const FIRST_ORDER_ID = 1001;

/** Seed orders changed to the cases the wizard must tell apart, by position. */
const CASES: Record<number, (order: SeedOrder) => void> = {
  2: (order) => {
    order.fulfillment = "fulfilled";
    order.status = "closed";
  },
  5: (order) => {
    order.fulfillment = "partial";
  },
  8: (order) => {
    const cancelledAtMs = Date.parse(order.createdAtUtc) + HOUR_MS;
    order.status = "cancelled";
    order.financialStatus = "refunded";
    order.cancelledAtUtc = new Date(cancelledAtMs).toISOString();
    order.updatedAtUtc = order.cancelledAtUtc;
  },
  11: (order) => {
    order.isTest = true;
  },
  14: (order) => {
    order.email = null;
    order.customerId = null;
  },
  20: (order) => {
    order.fulfillment = "fulfilled";
  },
};

/**
 * Builds 40 orders over the last 30 days. 38 lie before the cut-off, from
 * 29 days to 3 hours before `nowMs`, among them fulfilled, partly
 * fulfilled, cancelled, test and guest-without-e-mail orders. 2 unfulfilled
 * orders lie after the cut-off, 40 and 20 minutes before `nowMs`, and the
 * first sync run must import them.
 */
export function cutoverOrders(nowMs: number): SeedOrder[] {
  const firstAtMs = nowMs - 29 * DAY_MS;
  const lastAtMs = nowMs - 3 * HOUR_MS;
  const beforeCutoff = generateSeedOrders({
    count: ORDERS_BEFORE_CUTOFF,
    firstId: FIRST_ORDER_ID,
    startUtc: new Date(firstAtMs).toISOString(),
    stepMs: Math.floor((lastAtMs - firstAtMs) / (ORDERS_BEFORE_CUTOFF - 1)),
    currency: STORE.currency,
  });
  for (const [index, change] of Object.entries(CASES)) {
    change(beforeCutoff[Number(index)]!);
  }

  const afterCutoff = [40, 20].flatMap((minutesAgo, index) =>
    generateSeedOrders({
      count: 1,
      firstId: FIRST_ORDER_ID + ORDERS_BEFORE_CUTOFF + index,
      startUtc: new Date(nowMs - minutesAgo * MINUTE_MS).toISOString(),
      stepMs: 0,
      currency: STORE.currency,
      seed: 100 + index,
    }),
  );
  return [...beforeCutoff, ...afterCutoff];
}

/** Builds `count` unfulfilled orders created now, one millisecond apart. */
export function ordersPlacedNow(firstId: number, count: number): SeedOrder[] {
  return generateSeedOrders({
    count,
    firstId,
    startUtc: new Date().toISOString(),
    stepMs: 1,
    currency: STORE.currency,
    seed: firstId,
  });
}

function isCancelled(order: SeedOrder): boolean {
  return order.status === "cancelled" || order.cancelledAtUtc !== null;
}

/**
 * Returns whether the sync's default filter takes the order: not
 * cancelled, not a test, not a draft and not fully fulfilled. The export of
 * open orders uses the same rule.
 */
export function isOpenOrder(order: SeedOrder): boolean {
  return (
    !isCancelled(order) &&
    !order.isTest &&
    order.status !== "draft" &&
    order.fulfillment !== "fulfilled"
  );
}

export function createdBefore(order: SeedOrder, instantUtc: string): boolean {
  return Date.parse(order.createdAtUtc) < Date.parse(instantUtc);
}

/** Returns the order numbers of the orders, sorted. */
export function numbersOf(orders: SeedOrder[]): string[] {
  return orders.map((order) => order.number).sort();
}

/** Adds up the orders' totals in minor units (cents for USD). */
export function totalMinorOf(orders: SeedOrder[]): number {
  return orders.reduce(
    (sum, order) => sum + Math.round(Number(order.total) * 100),
    0,
  );
}
