import { CartError } from "../cart-error.js";

type CursorContent = { after: string; from: string; to: string };

const PREFIX = "shopify1.";

/**
 * Encodes Shopify's end cursor together with the window it belongs to, so
 * that a cursor is never carried into another date window: Shopify's cursor
 * only encodes a position, and applied to a different query it skips orders.
 */
export function encodeResumeCursor(after: string, createdFromUtc: string, createdToUtc: string): string {
  const content: CursorContent = { after, from: createdFromUtc, to: createdToUtc };
  return PREFIX + Buffer.from(JSON.stringify(content), "utf8").toString("base64url");
}

/** Returns Shopify's `after` cursor for a resume token of the same window, or null to start at the beginning. */
export function decodeResumeCursor(
  token: string | null | undefined,
  createdFromUtc: string,
  createdToUtc: string,
): string | null {
  if (!token) return null;
  const content = parse(token);
  if (!content) {
    throw new CartError(
      "window-violated",
      "The saved listing position is not one this version of Cart Cutover wrote. Start the listing of this date range again from its beginning.",
      "unreadable Shopify resume cursor",
    );
  }
  if (content.from !== createdFromUtc || content.to !== createdToUtc) {
    throw new CartError(
      "window-violated",
      "The saved listing position belongs to another date range, and using it here would skip orders. Start the listing of this date range again from its beginning.",
      `resume cursor of ${content.from}..${content.to} used for ${createdFromUtc}..${createdToUtc}`,
    );
  }
  return content.after;
}

function parse(token: string): CursorContent | null {
  if (!token.startsWith(PREFIX)) return null;
  try {
    const content = JSON.parse(Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8")) as Partial<CursorContent>;
    if (typeof content.after !== "string" || typeof content.from !== "string" || typeof content.to !== "string") {
      return null;
    }
    return { after: content.after, from: content.from, to: content.to };
  } catch {
    return null;
  }
}
