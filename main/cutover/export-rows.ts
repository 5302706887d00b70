import type { DocumentLineKind } from "../mapping/sales-document.js";
import { formatMinor } from "../money/money.js";
import { csvField } from "./csv.js";
import type { ExportedLine, ExportedOrder } from "./export-record.js";

/** Columns of the CSV for the old system, one row per document line. */
export const EXPORT_COLUMNS = [
  "Order Reference",
  "Cart Order ID",
  "Order Date (UTC)",
  "Order Date (store time)",
  "Customer",
  "Customer E-mail",
  "Cart Status",
  "Line Type",
  "SKU",
  "Description",
  "Quantity",
  "Unit Price",
  "Line Amount",
  "Line Tax",
  "Currency",
  "Order Total",
] as const;

export type ExportRow = (string | number | null)[];

export const LINE_KIND_LABELS: Record<DocumentLineKind, string> = {
  item: "Item",
  shipping: "Shipping",
  fee: "Fee",
  discount: "Discount",
  tax: "Tax",
  rounding: "Rounding",
};

/** Returns the leading fields every row of the order repeats: reference to status. */
function orderFields(order: ExportedOrder): ExportRow {
  return [
    order.orderNumber,
    order.cartOrderId,
    order.createdAtUtc,
    order.createdAtStoreTime,
    order.customerName,
    order.customerEmail,
    order.cartStatus,
  ];
}

/** Returns the fields of one line: type to line tax. */
function lineFields(order: ExportedOrder, line: ExportedLine): ExportRow {
  const money = (minor: number) => formatMinor(minor, order.currency);
  return [
    LINE_KIND_LABELS[line.kind],
    line.sku,
    line.description,
    line.quantity,
    money(line.unitPriceMinor),
    money(line.amountMinor),
    money(line.taxMinor),
  ];
}

/** Returns the trailing fields every row of the order repeats: currency and total. */
function totalFields(order: ExportedOrder): ExportRow {
  return [order.currency, formatMinor(order.totalMinor, order.currency)];
}

/**
 * Builds the CSV rows of one order: items, then shipping, fees, discounts,
 * tax and rounding, each a line of its own as the sales document has them.
 */
export function exportRowsOf(order: ExportedOrder): ExportRow[] {
  const head = orderFields(order);
  const tail = totalFields(order);
  return order.lines.map((line) => [...head, ...lineFields(order, line), ...tail]);
}

/**
 * Builds the CSV records of one order, the same text as csvRow over
 * exportRowsOf. The order's own fields, which every line repeats, are
 * quoted once per order instead of once per line.
 */
export function exportCsvOf(order: ExportedOrder): string {
  const head = orderFields(order).map(csvField).join(",");
  const tail = `${totalFields(order).map(csvField).join(",")}\r\n`;
  let text = "";
  for (const line of order.lines) {
    text += `${head},${lineFields(order, line).map(csvField).join(",")},${tail}`;
  }
  return text;
}
