import type { Writable } from "node:stream";
import { constants } from "node:zlib";
import { CellStyles, type CellStyle } from "./cell-styles.js";
import {
  appPropertiesXml,
  commentsXml,
  contentTypesXml,
  corePropertiesXml,
  NOTES_DRAWING_ID,
  notesDrawingXml,
  packageRelationshipsXml,
  sheetRelationshipsXml,
  workbookRelationshipsXml,
  workbookXml,
  type CellNote,
  type SheetPart,
} from "./package-parts.js";
import { SharedStrings } from "./shared-strings.js";
import { SheetWriter, type SheetLayout } from "./sheet-writer.js";
import { ZipWriter } from "./zip-writer.js";

export type { CellStyle } from "./cell-styles.js";
export type { CellNote } from "./package-parts.js";
export { MAX_SHEET_ROWS, type CellValue } from "./sheet-writer.js";

export type WorkbookOptions = {
  /** Creation time in the document properties and the zip, so the same rows give the same bytes. */
  pinnedAt: Date;
  /** Author of the document and its notes. */
  creator: string;
  /** zlib deflate level, 1 (fastest) to 9 (smallest). */
  compressionLevel?: number;
};

export type SheetOptions = SheetLayout & { notes?: readonly CellNote[] };

/**
 * Writes an .xlsx workbook onto a stream, one worksheet at a time, with
 * memory bounded by a chunk of rows whatever the row count. Sheets may be
 * written in any order: finish() takes the tab order, so a summary sheet
 * whose figures are known only at the end can still be the first tab.
 */
export class WorkbookWriter {
  readonly styles = new CellStyles();
  private readonly strings = new SharedStrings();
  private readonly zip: ZipWriter;
  private readonly sheets: SheetPart[] = [];
  private current: SheetWriter | null = null;

  constructor(
    output: Writable,
    private readonly options: WorkbookOptions,
  ) {
    this.zip = new ZipWriter(
      output,
      options.pinnedAt,
      options.compressionLevel ?? constants.Z_DEFAULT_COMPRESSION,
    );
  }

  style(style: CellStyle): number {
    return this.styles.style(style);
  }

  /** Starts a worksheet; end it with its end() before the next one starts. */
  async addSheet(name: string, options: SheetOptions): Promise<SheetWriter> {
    checkSheetName(name, this.sheets);
    if (this.current && !this.current.ended) {
      throw new Error(`Worksheet ${name} started before the previous one ended`);
    }
    const sheet: SheetPart = {
      name,
      number: this.sheets.length + 1,
      notes: options.notes ?? [],
    };
    this.sheets.push(sheet);
    const entry = await this.zip.entry(`xl/worksheets/sheet${sheet.number}.xml`);
    const endXml = sheet.notes.length ? `<legacyDrawing r:id="${NOTES_DRAWING_ID}"/>` : "";
    this.current = new SheetWriter(entry, options, endXml, this.strings);
    return this.current;
  }

  /** Writes the remaining package parts, with the sheets in `tabOrder`, and ends the stream. */
  async finish(tabOrder: readonly string[]): Promise<void> {
    if (this.current && !this.current.ended) {
      throw new Error("The workbook was finished with a worksheet still open");
    }
    const tabs = tabOrder.map((name) => {
      const sheet = this.sheets.find((candidate) => candidate.name === name);
      if (!sheet) throw new Error(`The tab order names ${name}, which was never written`);
      return sheet;
    });
    if (new Set(tabOrder).size !== this.sheets.length) {
      throw new Error("The tab order must name every worksheet once");
    }

    for (const sheet of this.sheets.filter((candidate) => candidate.notes.length)) {
      await this.zip.add(`xl/worksheets/_rels/sheet${sheet.number}.xml.rels`, sheetRelationshipsXml(sheet));
      await this.zip.add(`xl/comments${sheet.number}.xml`, commentsXml(sheet.notes, this.options.creator));
      await this.zip.add(
        `xl/drawings/vmlDrawing${sheet.number}.vml`,
        notesDrawingXml(sheet.notes, sheet.number),
      );
    }
    const hasStrings = this.strings.size > 0;
    if (hasStrings) await this.zip.add("xl/sharedStrings.xml", this.strings.xml());
    await this.zip.add("xl/styles.xml", this.styles.xml());
    await this.zip.add("xl/workbook.xml", workbookXml(tabs));
    await this.zip.add("xl/_rels/workbook.xml.rels", workbookRelationshipsXml(tabs, hasStrings));
    await this.zip.add("docProps/core.xml", corePropertiesXml(this.options.creator, this.options.pinnedAt));
    await this.zip.add("docProps/app.xml", appPropertiesXml(this.options.creator));
    await this.zip.add("_rels/.rels", packageRelationshipsXml());
    await this.zip.add("[Content_Types].xml", contentTypesXml(this.sheets, hasStrings));
    await this.zip.finish();
  }

  /** Stops writing; the caller closes the stream and removes the file. */
  abort(): void {
    this.zip.abort();
  }
}

/** Checks a name against Excel's rules for sheet names. */
function checkSheetName(name: string, sheets: readonly SheetPart[]): void {
  const invalid =
    name.length === 0 ||
    name.length > 31 ||
    /[\\/?*[\]:]/.test(name) ||
    /^'|'$/.test(name);
  if (invalid) {
    throw new Error(
      `Invalid worksheet name "${name}": use 1 to 31 characters without \\ / ? * [ ] or :, not starting or ending with '`,
    );
  }
  const lower = name.toLowerCase();
  if (sheets.some((sheet) => sheet.name.toLowerCase() === lower)) {
    throw new Error(`The workbook already has a worksheet named "${name}"`);
  }
}
