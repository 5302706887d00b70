import type { DocumentLineKind } from "../mapping/sales-document.js";
import { formatMinor } from "../money/money.js";
import type { ExportedOrder } from "./export-record.js";

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

/**
 * Builds the CSV rows of one order: items, then shipping, fees, discounts,
 * tax and rounding, each a line of its own as the sales document has them.
 */
export function exportRowsOf(order: ExportedOrder): ExportRow[] {
  const money = (minor: number) => formatMinor(minor, order.currency);
  return order.lines.map((line) => [
    order.orderNumber,
    order.cartOrderId,
    order.createdAtUtc,
    order.createdAtStoreTime,
    order.customerName,
    order.customerEmail,
    order.cartStatus,
    LINE_KIND_LABELS[line.kind],
    line.sku,
    line.description,
    line.quantity,
    money(line.unitPriceMinor),
    money(line.amountMinor),
    money(line.taxMinor),
    order.currency,
    money(order.totalMinor),
  ]);
}
