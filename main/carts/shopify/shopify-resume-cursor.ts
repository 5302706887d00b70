import { CartError } from "../cart-error.js";

/** The date field a listing window is on. */
export type CursorField = "created" | "updated";

// `field` is written only for update windows, so that tokens written before
// update listings existed still read as creation windows.
type CursorContent = { after: string; from: string; to: string; field?: "updated" };

const PREFIX = "shopify1.";

/**
 * Encodes Shopify's end cursor together with the window it belongs to, so
 * that a cursor is never carried into another date window: Shopify's cursor
 * only encodes a position, and applied to a different query it skips orders.
 */
export function encodeResumeCursor(
  after: string,
  fromUtc: string,
  toUtc: string,
  field: CursorField = "created",
): string {
  const content: CursorContent = { after, from: fromUtc, to: toUtc };
  if (field === "updated") content.field = "updated";
  return PREFIX + Buffer.from(JSON.stringify(content), "utf8").toString("base64url");
}

/** Returns Shopify's `after` cursor for a resume token of the same window, or null to start at the beginning. */
export function decodeResumeCursor(
  token: string | null | undefined,
  fromUtc: string,
  toUtc: string,
  field: CursorField = "created",
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
  const contentField: CursorField = content.field ?? "created";
  if (content.from !== fromUtc || content.to !== toUtc || contentField !== field) {
    throw new CartError(
      "window-violated",
      "The saved listing position belongs to another date range, and using it here would skip orders. Start the listing of this date range again from its beginning.",
      `resume cursor of ${contentField} ${content.from}..${content.to} used for ${field} ${fromUtc}..${toUtc}`,
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
    if (content.field !== undefined && content.field !== "updated") return null;
    const parsed: CursorContent = { after: content.after, from: content.from, to: content.to };
    if (content.field === "updated") parsed.field = "updated";
    return parsed;
  } catch {
    return null;
  }
}
