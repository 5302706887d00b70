import { decodeIdCursor, encodeIdCursor, type IdCursorFields } from "../id-cursor.js";
import type { ModifiedOrderQuery, OrderQuery } from "../connector.js";
import { offsetMsAt, resolveWallClock, type ResolvedWallClock } from "../../time/zoned-time.js";

/** The order date a listing window is on: date_add (creation) or date_upd (last change). */
export type PrestaShopDateField = "date_add" | "date_upd";

/** A window in milliseconds on one order date, half-open: from is included, to is not. */
export type OrderWindow = { field: PrestaShopDateField; fromMs: number; toMs: number; fromUtc: string; toUtc: string };

const DAY_MS = 86_400_000;

function checkedWindow(field: PrestaShopDateField, fromUtc: string, toUtc: string): OrderWindow {
  const fromMs = Date.parse(fromUtc);
  const toMs = Date.parse(toUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new RangeError(`The order window ${fromUtc} to ${toUtc} is not a pair of ISO instants.`);
  }
  if (toMs <= fromMs) {
    throw new RangeError(`The order window ends (${toUtc}) before or when it starts (${fromUtc}).`);
  }
  return { field, fromMs, toMs, fromUtc: new Date(fromMs).toISOString(), toUtc: new Date(toMs).toISOString() };
}

/** Reads and checks the creation window of a query; an empty or reversed window is a caller error. */
export function windowOf(query: OrderQuery): OrderWindow {
  return checkedWindow("date_add", query.createdFromUtc, query.createdToUtc);
}

/** Reads and checks the modification window of a query, on date_upd. */
export function modifiedWindowOf(query: ModifiedOrderQuery): OrderWindow {
  return checkedWindow("date_upd", query.modifiedFromUtc, query.modifiedToUtc);
}

function asWallClock(msAsIfUtc: number): string {
  return new Date(msAsIfUtc).toISOString().slice(0, 19).replace("T", " ");
}

function offsetsAround(instantMs: number, timeZone: string): number[] {
  return [-2, -1, 0, 1, 2].map((days) => offsetMsAt(instantMs + days * DAY_MS, timeZone));
}

/**
 * Converts a UTC window into the shop-local bounds of filter[date_add] or
 * filter[date_upd],
 * which PrestaShop compares inclusively on local times without offset.
 * Orders are placed by resolveWallClock: a repeated local time takes its
 * earlier instant and a skipped one moves forward by the gap. Near a
 * daylight-saving change such a time can land up to the change's length
 * outside the plain conversion of the bounds, so the bounds widen by the
 * offsets in force within two days. The connector drops what falls outside.
 */
export function localDateBounds(window: OrderWindow, timeZone: string): { from: string; to: string } {
  const fromSecondMs = Math.floor(window.fromMs / 1000) * 1000;
  const toSecondMs = Math.ceil(window.toMs / 1000) * 1000;
  return {
    from: asWallClock(fromSecondMs + Math.min(...offsetsAround(window.fromMs, timeZone))),
    to: asWallClock(toSecondMs + Math.max(...offsetsAround(window.toMs, timeZone))),
  };
}

/** Reads a shop-local "YYYY-MM-DD HH:MM:SS" as one UTC instant, by resolveWallClock's rules. */
export function fromShopLocal(value: string, timeZone: string): ResolvedWallClock {
  return resolveWallClock(value.trim().replace(" ", "T"), timeZone);
}

const PRESTASHOP_CURSOR_FIELDS: IdCursorFields<PrestaShopDateField> = { created: "date_add", modified: "date_upd", platformLabel: "PrestaShop" };

/** Encodes the resume point after the order with order id afterId, bound to its window. */
export function encodeCursor(window: OrderWindow, afterId: number): string {
  return encodeIdCursor(window, afterId, PRESTASHOP_CURSOR_FIELDS);
}

/** Decodes a resume cursor bound to this window and returns the order id to continue after. */
export function decodeCursor(cursor: string | null | undefined, window: OrderWindow): number {
  return decodeIdCursor(cursor, window, PRESTASHOP_CURSOR_FIELDS);
}
