import { decodeIdCursor, encodeIdCursor, type IdCursorFields } from "../id-cursor.js";
import type { ModifiedOrderQuery, OrderQuery } from "../connector.js";

/** The order date a listing window is on. */
export type MagentoDateField = "created_at" | "updated_at";

/** A window in milliseconds on one order date, half-open: from is included, to is not. */
export type OrderWindow = { field: MagentoDateField; fromMs: number; toMs: number; fromUtc: string; toUtc: string };

function checkedWindow(field: MagentoDateField, fromUtc: string, toUtc: string): OrderWindow {
  const fromMs = Date.parse(fromUtc);
  const toMs = Date.parse(toUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new RangeError(`The order window ${fromUtc} to ${toUtc} is not a pair of ISO instants.`);
  }
  if (toMs <= fromMs) {
    throw new RangeError(`The order window ends (${toUtc}) before or when it starts (${fromUtc}).`);
  }
  return {
    field,
    fromMs,
    toMs,
    fromUtc: new Date(fromMs).toISOString(),
    toUtc: new Date(toMs).toISOString(),
  };
}

/** Reads and checks the creation window of a query; an empty or reversed window is a caller error. */
export function windowOf(query: OrderQuery): OrderWindow {
  return checkedWindow("created_at", query.createdFromUtc, query.createdToUtc);
}

/** Reads and checks the modification window of a query, on updated_at. */
export function modifiedWindowOf(query: ModifiedOrderQuery): OrderWindow {
  return checkedWindow("updated_at", query.modifiedFromUtc, query.modifiedToUtc);
}

const MAGENTO_CURSOR_FIELDS: IdCursorFields<MagentoDateField> = { created: "created_at", modified: "updated_at", platformLabel: "Magento" };

/** Encodes the resume point after the order with entity id afterId, bound to its window. */
export function encodeCursor(window: OrderWindow, afterId: number): string {
  return encodeIdCursor(window, afterId, MAGENTO_CURSOR_FIELDS);
}

/** Decodes a resume cursor bound to this window and returns the entity id to continue after. */
export function decodeCursor(cursor: string | null | undefined, window: OrderWindow): number {
  return decodeIdCursor(cursor, window, MAGENTO_CURSOR_FIELDS);
}
