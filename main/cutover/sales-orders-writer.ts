import type { SheetWriter } from "../xlsx/sheet-writer.js";
import type { WorkbookWriter } from "../xlsx/workbook-writer.js";
import type { ExportedOrder } from "./export-record.js";
import { spreadsheetFormatOf } from "../money/money.js";
import { SALES_ORDER_COLUMNS, type SheetCell } from "./sales-orders-sheet.js";

const YELLOW = "FFFFFF00";
const BLUE = "FF0000FF";
const FIRST_SHEET_NAME = "Sales Orders";

/**
 * Writes the Sales Orders rows of an export: a header with the template's
 * colours and a note per column, then one row per document line. When the
 * next order would pass `maxRows`, the rows go on in a new sheet ("Sales
 * Orders 2" and so on) with the same header, so that no order is split
 * across sheets.
 */
export class SalesOrdersSheets {
  private readonly names: string[] = [];
  private sheet: SheetWriter | null = null;
  private readonly stylesByCurrency = new Map<string, number[]>();
  // One row's cells, refilled for every line: writeRow copies what it needs.
  private readonly values: SheetCell[] = [];

  constructor(
    private readonly workbook: WorkbookWriter,
    private readonly maxRows: number,
  ) {}

  async start(): Promise<void> {
    const name =
      this.names.length === 0
        ? FIRST_SHEET_NAME
        : `${FIRST_SHEET_NAME} ${this.names.length + 1}`;
    this.names.push(name);
    this.sheet = await this.workbook.addSheet(name, {
      columnWidths: SALES_ORDER_COLUMNS.map((column) => column.widthChars),
      frozenRows: 1,
      sharedColumns: SALES_ORDER_COLUMNS.map((column) => column.repetitive),
      notes: SALES_ORDER_COLUMNS.map((column, index) => ({
        column: index,
        row: 1,
        text: column.note,
      })),
    });
    this.sheet.writeRow(
      SALES_ORDER_COLUMNS.map((column) => column.header),
      SALES_ORDER_COLUMNS.map((column) =>
        this.workbook.style({
          bold: true,
          fontArgb: column.syntaxChecked ? BLUE : undefined,
          fillArgb: column.mandatory ? YELLOW : undefined,
        }),
      ),
    );
  }

  async writeOrder(order: ExportedOrder): Promise<void> {
    if (order.lines.length > this.maxRows - 1) {
      throw new Error(
        `Order ${order.orderNumber} has ${order.lines.length} lines, more than one sheet can hold`,
      );
    }
    if (this.sheet!.rowCount + order.lines.length > this.maxRows) {
      await this.sheet!.end();
      await this.start();
    }
    const sheet = this.sheet!;
    const styles = this.stylesOf(order.currency);
    const values = this.values;
    let caughtUp = true;
    for (const line of order.lines) {
      for (let index = 0; index < SALES_ORDER_COLUMNS.length; index++) {
        values[index] = SALES_ORDER_COLUMNS[index]!.value(order, line);
      }
      caughtUp = sheet.writeRow(values, styles) && caughtUp;
    }
    if (!caughtUp) await sheet.drain();
  }

  /** Ends the last sheet and returns the names of all of them, in order. */
  async end(): Promise<string[]> {
    await this.sheet?.end();
    this.sheet = null;
    return [...this.names];
  }

  /** Returns the style id of each column for an order's currency. */
  private stylesOf(currency: string): number[] {
    let styles = this.stylesByCurrency.get(currency);
    if (!styles) {
      const money = this.workbook.style({ numberFormat: spreadsheetFormatOf(currency) });
      styles = SALES_ORDER_COLUMNS.map((column) => (column.money ? money : 0));
      this.stylesByCurrency.set(currency, styles);
    }
    return styles;
  }
}
