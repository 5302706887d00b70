import { CartError } from "./cart-error.js";

/** A date window that an id cursor is bound to, with the date field it filters on. */
export type IdCursorWindow<Field extends string> = { field: Field; fromUtc: string; toUtc: string };

/** The two date fields a listing can filter on: creation, and modification. */
export type IdCursorFields<Field extends string> = { created: Field; modified: Field; platformLabel: string };

// `field` is written only for modification windows, so that cursors saved
// before modification listings existed still read as creation windows.
type CursorContent = { v: 1; from: string; to: string; afterId: number; field?: string };

/** Encodes the resume point after the order with id afterId, bound to its window. */
export function encodeIdCursor<Field extends string>(window: IdCursorWindow<Field>, afterId: number, fields: IdCursorFields<Field>): string {
  const content: CursorContent = { v: 1, from: window.fromUtc, to: window.toUtc, afterId };
  if (window.field === fields.modified) content.field = fields.modified;
  return Buffer.from(JSON.stringify(content)).toString("base64url");
}

/**
 * Decodes a resume cursor and returns the id to continue after. A cursor
 * from another window is rejected, because an id cursor carried into a
 * different window would skip that window's lower ids.
 */
export function decodeIdCursor<Field extends string>(
  cursor: string | null | undefined,
  window: IdCursorWindow<Field>,
  fields: IdCursorFields<Field>,
): number {
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
      `The saved resume point of this ${fields.platformLabel} run cannot be read. Start the run again from the beginning of its date range.`,
      `unreadable ${fields.platformLabel} resume cursor`,
    );
  }
  const cursorField = content.field === fields.modified ? fields.modified : fields.created;
  if (content.from !== window.fromUtc || content.to !== window.toUtc || cursorField !== window.field) {
    throw new CartError(
      "window-violated",
      "The saved resume point belongs to another date range. Start the run again from the beginning of its date range.",
      `cursor window ${cursorField} ${content.from ?? "?"}..${content.to ?? "?"}, query window ${window.field} ${window.fromUtc}..${window.toUtc}`,
    );
  }
  return content.afterId;
}
