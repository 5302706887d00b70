import { minorDigits } from "../money/money.js";
import { MAX_SHEET_ROWS } from "../xlsx/sheet-writer.js";
import type { ExportedLine, ExportedOrder } from "./export-record.js";
import { MAX_LISTED_CHECKS, type OrderToCheck } from "./export-summary.js";
import { LINE_KIND_LABELS } from "./export-rows.js";

export type SheetCell = string | number | null;

/**
 * One column of the "Sales Orders" sheet. NOTE: the order system does not
 * publish the column list of its Upload Transactions template, so these
 * columns are our best mapping of the order data onto it. Compare them with
 * the template downloaded from the order system before the T-4 upload.
 */
export type SheetColumn = {
  header: string;
  /** Yellow header: the template convention for a mandatory column. */
  mandatory: boolean;
  /** Blue header text: the template convention for a column whose syntax the import checks. */
  syntaxChecked: boolean;
  /** Extra column at the end, as the template wants for fields it does not have. */
  extra: boolean;
  /** Money column: a number with the currency's minor digits. */
  money: boolean;
  /** Column of few distinct values, kept in the shared string table. */
  repetitive: boolean;
  widthChars: number;
  note: string;
  value(order: ExportedOrder, line: ExportedLine): SheetCell;
};

/**
 * Converts minor units to the amount a money cell holds. Dividing by a power
 * of ten rounds to the same double as parsing the decimal text does, and
 * is much cheaper on the export's hot path.
 */
const amount = (order: ExportedOrder, minor: number) =>
  minor / 10 ** minorDigits(order.currency);

type ColumnFlag = "mandatory" | "syntaxChecked" | "extra" | "money" | "repetitive";
type ColumnInput = Omit<SheetColumn, ColumnFlag> &
  Partial<Pick<SheetColumn, ColumnFlag>>;

/** Builds a column; every flag left out is false. */
function column(input: ColumnInput): SheetColumn {
  return {
    mandatory: false,
    syntaxChecked: false,
    extra: false,
    money: false,
    repetitive: false,
    ...input,
  };
}

export const SALES_ORDER_COLUMNS: readonly SheetColumn[] = [
  column({
    header: "Order Reference",
    mandatory: true,
    widthChars: 16,
    note: "The cart's order number. Every row with the same reference belongs to one sales order.",
    value: (order) => order.orderNumber,
  }),
  column({
    header: "Order Date",
    repetitive: true,
    mandatory: true,
    syntaxChecked: true,
    widthChars: 12,
    note: "The day the order was placed, in the store's time zone, written YYYY-MM-DD.",
    value: (order) => order.createdAtStoreTime.slice(0, 10),
  }),
  column({
    header: "Customer",
    repetitive: true,
    mandatory: true,
    widthChars: 24,
    note: "The customer's name as the cart has it, or the shared guest customer.",
    value: (order) => order.customerName,
  }),
  column({
    header: "Customer E-mail",
    repetitive: true,
    widthChars: 30,
    note: "The customer's e-mail address, lowercased; empty for a guest without one.",
    value: (order) => order.customerEmail,
  }),
  column({
    header: "Line Type",
    repetitive: true,
    mandatory: true,
    syntaxChecked: true,
    widthChars: 10,
    note: "Item, Shipping, Fee, Discount, Tax or Rounding. Tax, shipping and discounts are lines of their own.",
    value: (_order, line) => LINE_KIND_LABELS[line.kind],
  }),
  column({
    header: "SKU",
    repetitive: true,
    syntaxChecked: true,
    widthChars: 16,
    note: "The item code of an item line; it must exist as an item in the order system. Empty on other lines.",
    value: (_order, line) => line.sku,
  }),
  column({
    header: "Description",
    repetitive: true,
    mandatory: true,
    widthChars: 36,
    note: "The product title and variant, or what the line is for.",
    value: (_order, line) => line.description,
  }),
  column({
    header: "Quantity",
    mandatory: true,
    syntaxChecked: true,
    widthChars: 9,
    note: "A number: units on an item line, 1 on other lines.",
    value: (_order, line) => line.quantity,
  }),
  column({
    header: "Unit Price",
    mandatory: true,
    syntaxChecked: true,
    money: true,
    widthChars: 11,
    note: "A number in the order's currency, before tax; negative on a discount line.",
    value: (order, line) => amount(order, line.unitPriceMinor),
  }),
  column({
    header: "Line Amount",
    syntaxChecked: true,
    money: true,
    widthChars: 12,
    note: "Quantity times unit price, before tax.",
    value: (order, line) => amount(order, line.amountMinor),
  }),
  column({
    header: "Line Tax",
    syntaxChecked: true,
    money: true,
    widthChars: 10,
    note: "Tax the cart charged on this line, for reference; the Tax line carries the tax that counts.",
    value: (order, line) => amount(order, line.taxMinor),
  }),
  column({
    header: "Currency",
    repetitive: true,
    mandatory: true,
    syntaxChecked: true,
    widthChars: 9,
    note: "ISO 4217 code of the shop currency, such as EUR.",
    value: (order) => order.currency,
  }),
  column({
    header: "Cart Order ID",
    extra: true,
    widthChars: 18,
    note: "Custom field: the cart's own immutable order id, which traces each row back to the cart order.",
    value: (order) => order.cartOrderId,
  }),
  column({
    header: "Cart Platform",
    repetitive: true,
    extra: true,
    widthChars: 12,
    note: "Custom field: the cart platform the order came from.",
    value: (order) => order.platform,
  }),
  column({
    header: "Created At (UTC)",
    extra: true,
    widthChars: 24,
    note: "Custom field: the instant the cart created the order, in UTC.",
    value: (order) => order.createdAtUtc,
  }),
  column({
    header: "Order Time (store time)",
    extra: true,
    widthChars: 20,
    note: "Custom field: date and time of the order in the store's time zone.",
    value: (order) => order.createdAtStoreTime,
  }),
  column({
    header: "Cart Status",
    repetitive: true,
    extra: true,
    widthChars: 18,
    note: "Custom field: the order's status in the cart at export time.",
    value: (order) => order.cartStatus,
  }),
  column({
    header: "Order Total",
    extra: true,
    money: true,
    widthChars: 12,
    note: "Custom field: the document total of the order, the sum of its line amounts.",
    value: (order) => amount(order, order.totalMinor),
  }),
];

export type InstructionsFacts = {
  storeTimeZone: string;
  cutoffInStoreZone: string;
  cutoffUtc: string;
  scopeSentence: string;
  orders: number;
  lines: number;
  totals: string;
  /** Names of the Sales Orders sheets; more than one when the rows pass a sheet's limit. */
  salesOrderSheets: readonly string[];
  ordersToCheck: number;
  /** The first orders to check, with their reasons. */
  checks: readonly OrderToCheck[];
};

/** Orders to check that the Instructions tab names one by one. */
const MAX_INSTRUCTION_CHECKS = 50;

function checkRows(facts: InstructionsFacts): string[][] {
  if (facts.ordersToCheck === 0) return [];
  const listed = facts.checks.slice(0, MAX_INSTRUCTION_CHECKS);
  const more = facts.ordersToCheck - listed.length;
  return [
    [
      "Orders to check",
      `${facts.ordersToCheck} order(s) would not import as the cart has them. Check and correct them in the order system after the upload, or leave them out of it.${more > 0 ? ` The first ${listed.length} are listed here; the summary file lists up to ${MAX_LISTED_CHECKS.toLocaleString("en-US")}.` : ""}`,
    ],
    ...listed.map((check) => [check.orderNumber, `Cart order ${check.cartOrderId}: ${check.reasons.join(" ")}`]),
  ];
}

function sheetsRows(names: readonly string[]): string[][] {
  if (names.length < 2) return [];
  return [
    [
      "Sheets",
      `The rows pass the ${MAX_SHEET_ROWS.toLocaleString("en-US")} rows a sheet can hold, so they continue from tab to tab: ${names.join(", ")}. Upload each tab in turn.`,
    ],
  ];
}

/** Builds the rows of the first tab, which the template convention reserves for instructions. */
export function instructionRows(facts: InstructionsFacts): string[][] {
  const columnRows = SALES_ORDER_COLUMNS.map((sheetColumn) => [
    sheetColumn.header,
    [
      sheetColumn.mandatory ? "Mandatory (yellow header)." : "Optional.",
      sheetColumn.syntaxChecked ? "Syntax checked (blue header text)." : "",
      sheetColumn.note,
    ]
      .filter(Boolean)
      .join(" "),
  ]);
  return [
    ["Sales Orders for the Upload Transactions import"],
    [],
    [
      "Cut-off",
      `${facts.cutoffInStoreZone} in ${facts.storeTimeZone} (${facts.cutoffUtc} UTC)`,
    ],
    ["Orders in this file", facts.scopeSentence],
    ["Orders", String(facts.orders)],
    ["Lines", String(facts.lines)],
    ["Totals", facts.totals],
    ...sheetsRows(facts.salesOrderSheets),
    ...checkRows(facts),
    [],
    ["How to use this workbook"],
    [
      "1",
      "The \"Sales Orders\" tab has one row per document line, sorted by order creation time and then by cart order id. No order is split across tabs.",
    ],
    [
      "2",
      "A yellow header marks a mandatory column. Blue header text marks a column whose syntax the import checks: a wrong date, number or code fails the import.",
    ],
    [
      "3",
      "Extra columns stand at the end: Cart Order ID and the columns after it are custom fields that trace each row back to the cart.",
    ],
    [
      "4",
      "Upload a couple of orders first and check them in the order system before you upload the rest.",
    ],
    [
      "5",
      "Uploading again updates the records whose values differ.",
    ],
    [],
    [
      "NOTE",
      "The order system does not publish the column list of its Sales Orders template, so these columns are Cart Cutover's best mapping. Compare them with the template from Setup > Import Data > Upload Transactions and move or rename columns to match it before the upload.",
    ],
    [],
    ["Column", "Meaning"],
    ...columnRows,
  ];
}
