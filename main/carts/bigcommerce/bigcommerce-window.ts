import { CartError } from "../cart-error.js";
import { formatRfc2822, parseRfc2822 } from "./bigcommerce-dates.js";
import type { BcOrder } from "./bigcommerce-payload.js";

export type DateField = "created" | "modified";
export type OrderWindow = { field: DateField; fromUtc: string; toUtc: string };

/**
 * The position of a listing: its pass, the highest id read in it, and when
 * the listing started, which the pass for orders changed mid-listing reads.
 */
export type ListPosition = { pass: number; lastId: number; startedAtMs: number };

export function encodeCursor(window: OrderWindow, position: ListPosition): string {
  return Buffer.from(JSON.stringify({ ...window, ...position })).toString("base64url");
}

export function decodeCursor(cursor: string, window: OrderWindow, nowMs: number): ListPosition {
  try {
    const saved = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<OrderWindow & ListPosition>;
    const sameWindow = saved.field === window.field && saved.fromUtc === window.fromUtc && saved.toUtc === window.toUtc;
    if (sameWindow && Number.isInteger(saved.pass) && Number.isInteger(saved.lastId)) {
      // A cursor written before startedAtMs existed counts from this resume.
      const startedAtMs = Number.isInteger(saved.startedAtMs) ? saved.startedAtMs! : nowMs;
      return { pass: saved.pass!, lastId: saved.lastId!, startedAtMs };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new RangeError("The resume cursor does not belong to this BigCommerce window");
}

/**
 * Window bounds in RFC 2822 UTC with full times, never a bare date. Whether
 * the bounds are inclusive is not documented, so the request starts one
 * second early and ends on the second after `to`. Orders outside [from,
 * to) by up to BIGCOMMERCE_WIDENING_MS are dropped afterwards, so a store
 * with other bound rules or a day-granular filter still yields exactly the
 * window.
 */
export function windowParams(window: OrderWindow): Record<string, string> {
  const fromMs = Math.floor(Date.parse(window.fromUtc) / 1000) * 1000 - 1000;
  const toMs = Math.ceil(Date.parse(window.toUtc) / 1000) * 1000;
  const [minName, maxName] =
    window.field === "created" ? ["min_date_created", "max_date_created"] : ["min_date_modified", "max_date_modified"];
  return { [minName]: formatRfc2822(fromMs), [maxName]: formatRfc2822(toMs), sort: "id:asc" };
}

function instantOf(order: BcOrder, window: OrderWindow): string | null {
  return parseRfc2822(window.field === "created" ? order.date_created : order.date_modified);
}

export function isInWindow(order: BcOrder, window: OrderWindow): boolean {
  const instant = instantOf(order, window);
  if (!instant) return false;
  const ms = Date.parse(instant);
  return ms >= Date.parse(window.fromUtc) && ms < Date.parse(window.toUtc);
}

export function checkWindow(window: OrderWindow): void {
  const fromMs = Date.parse(window.fromUtc);
  const toMs = Date.parse(window.toUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw new RangeError(`Invalid order window ${window.fromUtc} to ${window.toUtc}`);
  }
}

/**
 * How far outside the window BigCommerce returns orders by its own bound
 * rules. The request is one second wider than the window and its bounds may
 * be inclusive. Some stores filter by whole days, and a store that reads the
 * day in its own time zone can start it up to 14 hours (UTC+14) before the
 * UTC day. An order further outside means the store ignored the filter.
 */
export const BIGCOMMERCE_WIDENING_MS = (24 + 14) * 3_600_000 + 2_000;

function msOutside(ms: number, window: OrderWindow): number {
  const fromMs = Date.parse(window.fromUtc);
  const toMs = Date.parse(window.toUtc);
  if (ms < fromMs) return fromMs - ms;
  if (ms >= toMs) return ms - toMs;
  return 0;
}

/**
 * Raises window-violated when a page of a creation listing contains an
 * order further outside the window than BIGCOMMERCE_WIDENING_MS. The store
 * then did not apply the filter as sent, so the page cannot be trusted to be
 * complete and none of it is handed out.
 */
export function checkNoStrayOrder(orders: BcOrder[], window: OrderWindow): void {
  if (window.field !== "created") return;
  for (const order of orders) {
    const createdAtUtc = instantOf(order, window);
    if (!createdAtUtc) continue;
    if (msOutside(Date.parse(createdAtUtc), window) <= BIGCOMMERCE_WIDENING_MS) continue;
    throw new CartError(
      "window-violated",
      `BigCommerce returned order #${order.id}, created ${createdAtUtc}, although only orders from ${window.fromUtc} up to ${window.toUtc} were requested. The store ignored the date filter, so nothing from this page was imported. An app or a proxy may be rewriting requests to the API; check them, then try again.`,
      `order ${order.id} created ${createdAtUtc} outside ${window.fromUtc}..${window.toUtc}`,
    );
  }
}
