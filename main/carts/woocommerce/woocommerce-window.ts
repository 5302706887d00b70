import { CartError } from "../cart-error.js";
import type { WooOrder } from "./woocommerce-payload.js";
import { gmtToUtcIso } from "./woocommerce-normalize.js";

/**
 * Every order status. "any" covers the registered statuses, custom ones from
 * plugins included, but leaves trashed orders out, so trash is asked for too.
 * Checkout drafts are not orders yet and stay out.
 */
export const ALL_STATUSES = "any,trash";

/**
 * Decimal places of amounts (the `dp` parameter, 2 by default). Four keep
 * the precision that converting a foreign-currency order back to the shop
 * currency needs; every amount is still rounded once, to minor units.
 */
export const AMOUNT_DECIMALS = "4";

/** WordPress rejects per_page above 100 with rest_invalid_param. */
export const MAX_PAGE_SIZE = 100;

export type DateField = "created" | "modified";

/** A half-open window [fromUtc, toUtc) on the creation or the modification date. */
export type OrderWindow = { field: DateField; fromUtc: string; toUtc: string };

/** The position of a listing: the highest id read and the number of list entries up to it. */
export type ListPosition = { lastId: number; position: number };

export function encodeCursor(window: OrderWindow, position: ListPosition): string {
  return Buffer.from(JSON.stringify({ ...window, ...position })).toString("base64url");
}

export function decodeCursor(cursor: string, window: OrderWindow): ListPosition {
  try {
    const saved = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<
      OrderWindow & ListPosition
    >;
    const sameWindow =
      saved.field === window.field &&
      saved.fromUtc === window.fromUtc &&
      saved.toUtc === window.toUtc;
    if (sameWindow && Number.isInteger(saved.lastId) && Number.isInteger(saved.position)) {
      return { lastId: saved.lastId!, position: saved.position! };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new RangeError("The resume cursor does not belong to this WooCommerce window");
}

function wooDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * Query parameters of a window. WooCommerce stores whole seconds and does not
 * document whether its bounds are inclusive, so the request starts one
 * second early and the connector drops the orders this returns outside the
 * window.
 * dates_are_gmt=true makes the store compare the GMT columns; without it the
 * bounds are read as site time.
 */
export function windowParams(window: OrderWindow): Record<string, string> {
  const fromMs = Date.parse(window.fromUtc);
  const toMs = Date.parse(window.toUtc);
  const after = wooDate(Math.floor(fromMs / 1000) * 1000 - 1000);
  const before = wooDate(Math.ceil(toMs / 1000) * 1000);
  const [afterName, beforeName] =
    window.field === "created" ? ["after", "before"] : ["modified_after", "modified_before"];
  return {
    [afterName]: after,
    [beforeName]: before,
    dates_are_gmt: "true",
    orderby: "id",
    order: "asc",
    status: ALL_STATUSES,
    dp: AMOUNT_DECIMALS,
  };
}

export function checkWindow(window: OrderWindow): void {
  const fromMs = Date.parse(window.fromUtc);
  const toMs = Date.parse(window.toUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw new RangeError(`Invalid order window ${window.fromUtc} to ${window.toUtc}`);
  }
}

/**
 * How far outside the window WooCommerce returns orders by its own bound
 * rules: the request starts one second early, and both bounds are whole
 * seconds that the store may compare inclusively. An order further outside
 * means the store ignored the date filter.
 */
export const WOOCOMMERCE_WIDENING_MS = 2_000;

/** Returns how many milliseconds an instant lies outside the window, 0 inside it. */
function msOutside(ms: number, window: OrderWindow): number {
  const fromMs = Date.parse(window.fromUtc);
  const toMs = Date.parse(window.toUtc);
  if (ms < fromMs) return fromMs - ms;
  if (ms >= toMs) return ms - toMs;
  return 0;
}

function instantOf(order: WooOrder, window: OrderWindow): string | null {
  return gmtToUtcIso(window.field === "created" ? order.date_created_gmt : order.date_modified_gmt);
}

export function isInWindow(order: WooOrder, window: OrderWindow): boolean {
  const instant = instantOf(order, window);
  if (!instant) return false;
  const ms = Date.parse(instant);
  return ms >= Date.parse(window.fromUtc) && ms < Date.parse(window.toUtc);
}

/**
 * Raises window-violated when a creation listing returned an order further
 * outside the window than WOOCOMMERCE_WIDENING_MS. The store then did not
 * apply the filter as sent, so the page cannot be trusted to be complete.
 */
export function checkCreationWindow(orders: WooOrder[], window: OrderWindow): void {
  if (window.field !== "created") return;
  for (const order of orders) {
    const createdAtUtc = instantOf(order, window);
    if (!createdAtUtc) continue;
    if (msOutside(Date.parse(createdAtUtc), window) <= WOOCOMMERCE_WIDENING_MS) continue;
    throw new CartError(
      "window-violated",
      `WooCommerce returned order #${order.number || order.id}, created ${createdAtUtc}, although only orders from ${window.fromUtc} up to ${window.toUtc} were requested. The store ignored the date filter, so nothing from this page was imported. A plugin or a proxy may be rewriting requests to the REST API; check them, then try again.`,
      `order ${order.id} created ${createdAtUtc} outside ${window.fromUtc}..${window.toUtc}`,
    );
  }
}
