import { Utf8Segments } from "./utf8-segments.js";
import type { ZipEntry } from "./zip-writer.js";

export type CellValue = string | number | null;

/** Rows a worksheet can have in Excel 2007 and later. */
export const MAX_SHEET_ROWS = 1_048_576;
/** Characters a cell can contain in Excel, by Microsoft's "Excel specifications and limits". */
export const MAX_CELL_CHARS = 32_767;

/**
 * Shortens text past MAX_CELL_CHARS to fit a cell, ending it with "…" so
 * the cut shows, and never between the two halves of a surrogate pair.
 */
export function cellText(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let end = MAX_CELL_CHARS - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}


// Characters XML 1.0 does not allow, plus CR, which an XML parser would turn
// into LF. SpreadsheetML writes them as _xHHHH_, so a literal "_xHHHH_" in
// the text needs its underscore written that way too.
const ESCAPED_CHARACTER =
  /[\u0000-\u0008\u000B-\u000D\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const NEEDS_ESCAPE =
  /[&<>\u0000-\u0008\u000B-\u000D\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** Escapes a string as the text of a SpreadsheetML element. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(
      ESCAPED_CHARACTER,
      (character) =>
        `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
}

/** Builds an inline string cell's `<is>` element, keeping edge whitespace. */
function inlineString(text: string): string {
  const keepsSpace = /^\s|\s$/.test(text);
  return keepsSpace
    ? `<is><t xml:space="preserve">${xmlText(text)}</t></is>`
    : `<is><t>${xmlText(text)}</t></is>`;
}

/** Looks up strings in a workbook's shared string table; null when it is full. */
export type StringTable = { indexOf(text: string): number | null };

/** Converts a 0-based column index to its letters: 0 is A, 26 is AA. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

export type SheetLayout = {
  /** Column widths in characters, from column A on. */
  columnWidths: readonly number[];
  /** Rows at the top that stay in view when scrolling; 0 when absent. */
  frozenRows?: number;
  /** Whether the sheet is the one shown when the workbook opens. */
  selected?: boolean;
  /**
   * Per column, whether its strings go to the shared string table. Worth it
   * for columns that repeat few values, such as a status or a product.
   */
  sharedColumns?: readonly boolean[];
};

/** Builds the worksheet XML before the first row. */
function sheetStart(layout: SheetLayout): string {
  const frozen = layout.frozenRows ?? 0;
  const firstFree = `A${frozen + 1}`;
  const pane =
    frozen > 0
      ? `<pane ySplit="${frozen}" topLeftCell="${firstFree}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${firstFree}" sqref="${firstFree}"/>`
      : "";
  const columns = layout.columnWidths
    .map(
      (width, index) =>
        `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`,
    )
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews><sheetView${layout.selected ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (columns ? `<cols>${columns}</cols>` : "") +
    "<sheetData>"
  );
}

/**
 * Streams the rows of one worksheet into its zip entry as SpreadsheetML, so
 * no row stays in memory once it is written. Strings are inline, except in
 * the columns the layout shares through the string table.
 */
export class SheetWriter {
  private readonly letters: string[] = [];
  // The last value and cell XML after the reference, per column: the rows of
  // one order repeat most of their cells, which so are escaped only once.
  private readonly lastValues: (CellValue | undefined)[] = [];
  private readonly lastStyles: number[] = [];
  private readonly lastBodies: string[] = [];
  // Rows are encoded as they are built, and each full segment goes to the zip.
  private readonly segments = new Utf8Segments();
  private rows = 0;
  private closed = false;

  private readonly sharedColumns: readonly boolean[];

  constructor(
    private readonly entry: ZipEntry,
    layout: SheetLayout,
    private readonly endXml: string,
    private readonly strings: StringTable,
  ) {
    this.append(sheetStart(layout));
    this.sharedColumns = layout.sharedColumns ?? [];
  }

  get rowCount(): number {
    return this.rows;
  }

  get ended(): boolean {
    return this.closed;
  }

  /**
   * Appends one row. `styles` contains a style id per cell, as returned by
   * CellStyles; a null or empty value leaves the cell blank. Returns false
   * when the zip is behind, and the caller should then await drain().
   */
  writeRow(values: readonly CellValue[], styles?: readonly number[]): boolean {
    if (this.rows >= MAX_SHEET_ROWS) {
      throw new Error(`A worksheet has at most ${MAX_SHEET_ROWS} rows`);
    }
    const rowNumber = String(++this.rows);
    let xml = `<row r="${rowNumber}">`;
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      if (value === null || value === undefined || value === "") continue;
      const reference = this.letterOf(index) + rowNumber;
      xml += `<c r="${reference}${this.bodyOf(index, value, styles?.[index] ?? 0, reference)}`;
    }
    return this.append(`${xml}</row>`);
  }

  drain(): Promise<void> {
    return this.entry.drain();
  }

  /** Writes the end of the worksheet and closes its zip entry. */
  async end(): Promise<void> {
    this.closed = true;
    this.append(`</sheetData>${this.endXml}</worksheet>`);
    this.flush();
    await this.entry.end();
  }

  /** Encodes text; returns false when the zip is behind. */
  private append(text: string): boolean {
    const full = this.segments.append(text);
    return full ? this.entry.write(full) : true;
  }

  private flush(): boolean {
    const rest = this.segments.take();
    return rest ? this.entry.write(rest) : true;
  }

  /** Returns a cell's XML after its reference, reusing the previous row's when the cell is the same. */
  private bodyOf(index: number, value: string | number, style: number, reference: string): string {
    if (this.lastValues[index] === value && this.lastStyles[index] === style) {
      return this.lastBodies[index]!;
    }
    const styleAttribute = style === 0 ? "" : ` s="${style}"`;
    let body: string;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        throw new Error(`Cell ${reference} is not a finite number: ${value}`);
      }
      body = `"${styleAttribute}><v>${value}</v></c>`;
    } else {
      const text = cellText(value);
      const shared = this.sharedColumns[index] ? this.strings.indexOf(text) : null;
      body =
        shared === null
          ? `"${styleAttribute} t="inlineStr">${inlineString(text)}</c>`
          : `"${styleAttribute} t="s"><v>${shared}</v></c>`;
    }
    this.lastValues[index] = value;
    this.lastStyles[index] = style;
    this.lastBodies[index] = body;
    return body;
  }

  private letterOf(index: number): string {
    return (this.letters[index] ??= columnLetters(index));
  }
}
