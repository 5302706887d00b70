import { CartError } from "../cart-error.js";
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

// `field` is written only for updated_at windows, so that cursors saved
// before modification listings existed still read as creation windows.
type CursorContent = { v: 1; from: string; to: string; afterId: number; field?: "updated_at" };

/** Encodes the resume point after the order with entity id afterId, bound to its window. */
export function encodeCursor(window: OrderWindow, afterId: number): string {
  const content: CursorContent = { v: 1, from: window.fromUtc, to: window.toUtc, afterId };
  if (window.field === "updated_at") content.field = "updated_at";
  return Buffer.from(JSON.stringify(content)).toString("base64url");
}

/**
 * Decodes a resume cursor and returns the entity id to continue after. A
 * cursor from another window is rejected, because an id cursor carried into
 * a different window would skip that window's lower ids.
 */
export function decodeCursor(cursor: string | null | undefined, window: OrderWindow): number {
  if (!cursor) return 0;
  let content: Partial<CursorContent>;
  try {
    content = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorContent>;
  } catch {
    content = {};
  }
  if (content.v !== 1 || typeof content.afterId !== "number" || !Number.isInteger(content.afterId)) {
    throw new CartError(
      "window-violated",
      "The saved resume point of this Magento run cannot be read. Start the run again from the beginning of its date range.",
      "unreadable Magento resume cursor",
    );
  }
  const cursorField: MagentoDateField = content.field === "updated_at" ? "updated_at" : "created_at";
  if (content.from !== window.fromUtc || content.to !== window.toUtc || cursorField !== window.field) {
    throw new CartError(
      "window-violated",
      "The saved resume point belongs to another date range. Start the run again from the beginning of its date range.",
      `cursor window ${cursorField} ${content.from ?? "?"}..${content.to ?? "?"}, query window ${window.field} ${window.fromUtc}..${window.toUtc}`,
    );
  }
  return content.afterId;
}
