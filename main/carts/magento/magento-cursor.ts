import { CartError } from "../cart-error.js";
import type { OrderQuery } from "../connector.js";

/** A creation window in milliseconds, half-open: from is included, to is not. */
export type OrderWindow = { fromMs: number; toMs: number; fromUtc: string; toUtc: string };

/** Reads and checks the window of a query; an empty or reversed window is a caller error. */
export function windowOf(query: OrderQuery): OrderWindow {
  const fromMs = Date.parse(query.createdFromUtc);
  const toMs = Date.parse(query.createdToUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new RangeError(
      `The order window ${query.createdFromUtc} to ${query.createdToUtc} is not a pair of ISO instants.`,
    );
  }
  if (toMs <= fromMs) {
    throw new RangeError(
      `The order window ends (${query.createdToUtc}) before or when it starts (${query.createdFromUtc}).`,
    );
  }
  return {
    fromMs,
    toMs,
    fromUtc: new Date(fromMs).toISOString(),
    toUtc: new Date(toMs).toISOString(),
  };
}

type CursorContent = { v: 1; from: string; to: string; afterId: number };

/** Encodes the resume point after the order with entity id afterId, bound to its window. */
export function encodeCursor(window: OrderWindow, afterId: number): string {
  const content: CursorContent = { v: 1, from: window.fromUtc, to: window.toUtc, afterId };
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
  if (content.from !== window.fromUtc || content.to !== window.toUtc) {
    throw new CartError(
      "window-violated",
      "The saved resume point belongs to another date range. Start the run again from the beginning of its date range.",
      `cursor window ${content.from ?? "?"}..${content.to ?? "?"}, query window ${window.fromUtc}..${window.toUtc}`,
    );
  }
  return content.afterId;
}
