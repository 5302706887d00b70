import type { SalesDocument } from "../mapping/sales-document.js";
import { formatMinor } from "../money/money.js";
import { toWallClock } from "../time/zoned-time.js";

/** Columns of the export, one row per document line, as the old system and the T-4 upload take them. */
export const EXPORT_COLUMNS = [
  "Order Reference",
  "Cart Order ID",
  "Order Date (UTC)",
  "Order Date (store time)",
  "Customer",
  "Customer E-mail",
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

/** Builds the export rows of one document: items, then shipping, fees, discounts, tax and rounding. */
export function exportRowsOf(document: SalesDocument, storeTimeZone: string): ExportRow[] {
  const orderDateLocal = toWallClock(Date.parse(document.orderDateUtc), storeTimeZone).replace("T", " ");
  return document.lines.map((line) => [
    document.reference,
    document.cartOrderId,
    document.orderDateUtc,
    orderDateLocal,
    document.customer.name,
    document.customer.email,
    line.kind,
    line.sku,
    line.description,
    line.quantity,
    formatMinor(line.unitPriceMinor, document.currency),
    formatMinor(line.amountMinor, document.currency),
    formatMinor(line.taxMinor, document.currency),
    document.currency,
    formatMinor(document.totalMinor, document.currency),
  ]);
}
