import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { sha256SumsOf } from "./checksums.js";
import { csvRow } from "./csv.js";
import type { ExportedOrder } from "./export-record.js";
import { EXPORT_COLUMNS, exportRowsOf } from "./export-rows.js";
import {
  abortWorkbook,
  createPinnedWorkbook,
  waitForWorksheetDrain,
} from "./pinned-workbook.js";
import {
  instructionRows,
  moneyFormatOf,
  SALES_ORDER_COLUMNS,
  type InstructionsFacts,
} from "./sales-orders-sheet.js";

const MANDATORY_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFFFFF00" },
};
const SYNTAX_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FF0000FF" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

/** Final paths of one export's files; partial names add ".partial". */
export type ExportPaths = {
  csv: string;
  xlsx: string;
  summary: string;
  checksums: string;
};

export function exportPathsOf(folder: string, stem: string): ExportPaths {
  return {
    csv: join(folder, `${stem}.csv`),
    xlsx: join(folder, `${stem}.xlsx`),
    summary: join(folder, `${stem}.summary.json`),
    checksums: join(folder, `${stem}.sha256`),
  };
}

const partial = (path: string) => `${path}.partial`;

function writeText(stream: WriteStream, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return once(stream, "drain").then(() => undefined);
}

async function closeStream(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  if (!stream.destroyed) stream.destroy();
  await once(stream, "close");
}

/**
 * The CSV and the .xlsx of one export, written side by side under partial
 * names. finish() renames them and adds the summary and the checksum file.
 * abort() removes every partial file. A cancelled export so leaves nothing
 * behind, and an earlier complete export stays as it was.
 */
export class ExportFileSet {
  private readonly csv: WriteStream;
  private readonly xlsxFile: WriteStream;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private readonly moneyStyles = new Map<string, Partial<ExcelJS.Style>>();
  private ordersSinceDrain = 0;

  constructor(
    private readonly paths: ExportPaths,
    pinnedAt: Date,
  ) {
    this.csv = createWriteStream(partial(paths.csv), { encoding: "utf8" });
    this.xlsxFile = createWriteStream(partial(paths.xlsx));
    this.workbook = createPinnedWorkbook(
      { stream: this.xlsxFile, useStyles: true, useSharedStrings: false },
      pinnedAt,
    );
  }

  /** Writes the CSV header, the Instructions tab and the Sales Orders header. */
  async begin(facts: InstructionsFacts): Promise<void> {
    await writeText(this.csv, csvRow(EXPORT_COLUMNS));

    const instructions = this.workbook.addWorksheet("Instructions");
    instructions.columns = [{ width: 22 }, { width: 110 }];
    for (const values of instructionRows(facts)) {
      const row = instructions.addRow(values);
      if (values.length === 1) row.font = HEADER_FONT;
      row.commit();
    }
    instructions.commit();

    const sheet = this.workbook.addWorksheet("Sales Orders", {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns = SALES_ORDER_COLUMNS.map((column) => ({
      width: column.widthChars,
    }));
    const header = sheet.addRow(
      SALES_ORDER_COLUMNS.map((column) => column.header),
    );
    SALES_ORDER_COLUMNS.forEach((column, index) => {
      const cell = header.getCell(index + 1);
      cell.font = column.syntaxChecked ? SYNTAX_FONT : HEADER_FONT;
      if (column.mandatory) cell.fill = MANDATORY_FILL;
      cell.note = column.note;
    });
    header.commit();
    this.sheet = sheet;
  }

  private moneyStyle(currency: string): Partial<ExcelJS.Style> {
    const format = moneyFormatOf(currency);
    let style = this.moneyStyles.get(format);
    if (!style) {
      style = { numFmt: format };
      this.moneyStyles.set(format, style);
    }
    return style;
  }

  /** Writes one order's lines to both files. */
  async writeOrder(order: ExportedOrder): Promise<void> {
    await writeText(this.csv, exportRowsOf(order).map(csvRow).join(""));

    const sheet = this.sheet!;
    const money = this.moneyStyle(order.currency);
    for (const line of order.lines) {
      const row = sheet.addRow(
        SALES_ORDER_COLUMNS.map((column) => column.value(order, line)),
      );
      // One shared style object per kind of cell lets exceljs reuse its
      // style id instead of building a style for every cell.
      SALES_ORDER_COLUMNS.forEach((column, index) => {
        row.getCell(index + 1).style = column.money ? money : PLAIN_STYLE;
      });
      row.commit();
    }
    this.ordersSinceDrain++;
    if (this.ordersSinceDrain >= 200) {
      this.ordersSinceDrain = 0;
      await waitForWorksheetDrain(sheet);
    }
  }

  /** Closes both files, renames them, then writes the summary and checksums. */
  async finish(summaryJson: string): Promise<ExportPaths> {
    this.sheet?.commit();
    await this.workbook.commit();
    await new Promise<void>((resolve, reject) => {
      this.csv.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    await rename(partial(this.paths.csv), this.paths.csv);
    await rename(partial(this.paths.xlsx), this.paths.xlsx);
    await writeFile(partial(this.paths.summary), summaryJson);
    await rename(partial(this.paths.summary), this.paths.summary);

    const sums = await sha256SumsOf([
      this.paths.csv,
      this.paths.xlsx,
      this.paths.summary,
    ]);
    await writeFile(partial(this.paths.checksums), sums);
    await rename(partial(this.paths.checksums), this.paths.checksums);
    return this.paths;
  }

  /** Stops writing and removes every partial file. */
  async abort(): Promise<void> {
    try {
      abortWorkbook(this.workbook);
    } catch {
      // The zip may have finished or failed already. The partial files are
      // removed either way.
    }
    await Promise.all([closeStream(this.csv), closeStream(this.xlsxFile)]);
    const partials = Object.values(this.paths).map(partial);
    await Promise.all(partials.map((path) => rm(path, { force: true })));
  }
}
