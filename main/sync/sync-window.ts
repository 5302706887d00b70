import { CartError } from "../carts/cart-error.js";
import type { CartOrder } from "../carts/cart-order.js";
import type { Ledger, OrderWindow } from "./ledger.js";

/** A window the next run queries, and where in it the run starts. */
export type PlannedWindow = OrderWindow & {
  /** Cursor of the last committed page, when the window was left unfinished. */
  resumeCursor: string | null;
  /** Page size the unfinished window was read with, or null for a fresh window. */
  pageSize: number | null;
  resumed: boolean;
};

/** Rounds an instant down to its whole second: every cart stores at least seconds, not all store milliseconds. */
export function floorToSecondMs(instantMs: number): number {
  return Math.floor(instantMs / 1000) * 1000;
}

function isoOf(instantMs: number): string {
  return new Date(instantMs).toISOString();
}

/**
 * Plans the window of the next run. A window left unfinished is resumed
 * from its last committed page, with its original end. Otherwise the window
 * starts `overlapMs` before Last Order from (never before Import Orders from)
 * and ends now, rounded down to the second. Returns null when that window
 * is empty, such as when Import Orders from is still in the future.
 */
export function planWindow(ledger: Ledger, importFromUtc: string, nowMs: number, overlapMs: number): PlannedWindow | null {
  const importFromMs = Date.parse(importFromUtc);
  if (Number.isNaN(importFromMs)) {
    throw new RangeError(`Import Orders from (${importFromUtc}) is not a valid instant`);
  }
  const open = ledger.openCheckpoint;
  if (open && Date.parse(open.window.fromUtc) >= importFromMs) {
    return { ...open.window, resumeCursor: open.cursor, pageSize: open.pageSize, resumed: true };
  }
  return planFreshWindow(ledger.lastOrderFromUtc, importFromMs, nowMs, overlapMs);
}

/** Plans a window from the mark minus the overlap up to now, ignoring any unfinished one. */
export function planFreshWindow(
  markUtc: string | null,
  importFromMs: number,
  nowMs: number,
  overlapMs: number,
): PlannedWindow | null {
  const fromMs = markUtc === null ? importFromMs : Math.max(importFromMs, Date.parse(markUtc) - overlapMs);
  const toMs = floorToSecondMs(nowMs);
  if (toMs <= fromMs) return null;
  return { fromUtc: isoOf(fromMs), toUtc: isoOf(toMs), resumeCursor: null, pageSize: null, resumed: false };
}

/**
 * Plans the modification window of a change check: from the end of the last
 * check minus the overlap (never before Import Orders from) up to the end of
 * the creation window just committed.
 */
export function planChangeWindow(
  ledger: Ledger,
  importFromUtc: string,
  untilUtc: string,
  overlapMs: number,
): OrderWindow | null {
  const importFromMs = Date.parse(importFromUtc);
  const checkedUntil = ledger.changesCheckedUntilUtc;
  const fromMs = checkedUntil === null ? importFromMs : Math.max(importFromMs, Date.parse(checkedUntil) - overlapMs);
  const toMs = Date.parse(untilUtc);
  if (toMs <= fromMs) return null;
  return { fromUtc: isoOf(fromMs), toUtc: isoOf(toMs) };
}

/** Returns true when an instant lies in the half-open window; an unreadable instant never does. */
export function isInWindow(instantUtc: string, window: OrderWindow): boolean {
  const instantMs = Date.parse(instantUtc);
  if (Number.isNaN(instantMs)) return false;
  return instantMs >= Date.parse(window.fromUtc) && instantMs < Date.parse(window.toUtc);
}

/**
 * Raises when the cart returned an order whose instant lies outside the
 * window it was asked for. The cart then ignored a filter, so the page may
 * also lack orders, and nothing from it may be imported.
 */
export function checkOrdersInWindow(
  orders: readonly CartOrder[],
  window: OrderWindow,
  field: "createdAtUtc" | "updatedAtUtc",
): void {
  const stray = orders.find((order) => !isInWindow(order[field], window));
  if (!stray) return;
  const what = field === "createdAtUtc" ? "created" : "last changed";
  const filter = field === "createdAtUtc" ? "creation date" : "modification date";
  throw new CartError(
    "window-violated",
    `The cart returned order ${stray.orderNumber}, ${what} ${stray[field] || "(no date)"}, which lies outside the requested window ${window.fromUtc} to ${window.toUtc}. The cart ignored the ${filter} filter, so nothing from this page was imported and Last Order from did not move. Check the store's API plugins, then run again.`,
    `order ${stray.orderId} ${field}=${stray[field]} outside ${window.fromUtc}..${window.toUtc}`,
  );
}

/** Returns the smallest window holding both. */
export function unionOf(first: OrderWindow | null, second: OrderWindow): OrderWindow {
  if (!first) return { fromUtc: second.fromUtc, toUtc: second.toUtc };
  return {
    fromUtc: Date.parse(first.fromUtc) <= Date.parse(second.fromUtc) ? first.fromUtc : second.fromUtc,
    toUtc: Date.parse(first.toUtc) >= Date.parse(second.toUtc) ? first.toUtc : second.toUtc,
  };
}
