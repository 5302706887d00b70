import { rename } from "node:fs/promises";
import type { Preview, PreviewRow } from "../../preload/contract.js";
import type { PostalAddress } from "../carts/cart-order.js";
import { FINDING_LABELS } from "../mapping/findings.js";
import { EXCLUSION_LABELS } from "../mapping/order-filter.js";
import { DOCUMENT_KIND_LABELS } from "../mapping/sales-document.js";
import { formatMinor, formatMoney, spreadsheetFormatOf } from "../money/money.js";
import type { SheetWriter } from "../xlsx/sheet-writer.js";
import { writeWorkbookFile } from "../xlsx/workbook-file.js";
import type { CellValue, WorkbookWriter } from "../xlsx/workbook-writer.js";

const DOCUMENT_COLUMNS = [
  "Order",
  "Cart order ID",
  "Order date (UTC)",
  "Document",
  "Status",
  "Customer",
  "Customer e-mail",
  "Customer key",
  "Bill-to",
  "Ship-to",
  "Line",
  "Line kind",
  "SKU",
  "Item match",
  "Description",
  "Quantity",
  "Unit price",
  "Amount",
  "Line tax",
  "Currency",
  "Document total",
  "Paid currency",
  "Paid total",
  "Refunded",
  "Net after refunds",
  "Imported by the sync",
  "Not imported because",
] as const;

/** Columns of DOCUMENT_COLUMNS that hold amounts in the row's currency, 1-based. */
const SHOP_AMOUNT_COLUMNS = [17, 18, 19, 21, 24, 25];
const PAID_AMOUNT_COLUMN = 23;

const FINDING_COLUMNS = [
  "Order",
  "Cart order ID",
  "Severity",
  "Finding",
  "Code",
  "Reason",
  "Field",
] as const;

/** Returns the style id of each cell of a document row, by the currencies of its amounts. */
function documentStylesOf(book: WorkbookWriter, shopCurrency: string, paidCurrency: string): number[] {
  const shop = book.style({ numberFormat: spreadsheetFormatOf(shopCurrency) });
  const paid = book.style({ numberFormat: spreadsheetFormatOf(paidCurrency) });
  return DOCUMENT_COLUMNS.map((_, index) => {
    const column = index + 1;
    if (SHOP_AMOUNT_COLUMNS.includes(column)) return shop;
    return column === PAID_AMOUNT_COLUMN ? paid : 0;
  });
}

function amountOf(minor: number, currency: string): number {
  return Number(formatMinor(minor, currency));
}

function addressText(address: PostalAddress | null): string {
  if (!address) return "";
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(" ");
  return [address.name, address.company, ...address.lines, cityLine, address.region, address.countryCode]
    .filter(Boolean)
    .join(", ");
}

function writeHeader(book: WorkbookWriter, sheet: SheetWriter, columns: readonly string[]): void {
  const bold = book.style({ bold: true });
  sheet.writeRow([...columns], columns.map(() => bold));
}

function notImportedBecause(row: PreviewRow): string {
  if (row.importable) return "";
  if (row.exclusion) return EXCLUSION_LABELS[row.exclusion];
  const error = row.findings.find((finding) => finding.severity === "error");
  return error ? FINDING_LABELS[error.code] : "";
}

async function writeDocumentRows(book: WorkbookWriter, sheet: SheetWriter, row: PreviewRow): Promise<void> {
  const { document } = row;
  const currency = document.currency;
  const netMinor = document.netMinor ?? document.totalMinor - document.refundedMinor;
  const styles = documentStylesOf(book, currency, document.presentment.currency);
  let caughtUp = true;
  for (const [index, line] of document.lines.entries()) {
    const cells: CellValue[] = [
      document.reference,
      document.cartOrderId,
      document.orderDateUtc,
      DOCUMENT_KIND_LABELS[document.kind],
      document.status,
      document.customer.name,
      document.customer.email,
      document.customer.key,
      addressText(document.billTo),
      addressText(document.shipTo),
      index + 1,
      line.kind,
      line.sku,
      line.itemMatch ?? null,
      line.description,
      line.quantity,
      amountOf(line.unitPriceMinor, currency),
      amountOf(line.amountMinor, currency),
      amountOf(line.taxMinor, currency),
      currency,
      amountOf(document.totalMinor, currency),
      document.presentment.currency,
      amountOf(document.presentment.totalMinor, document.presentment.currency),
      amountOf(document.refundedMinor, currency),
      amountOf(netMinor, currency),
      row.importable ? "yes" : "no",
      notImportedBecause(row),
    ];
    caughtUp = sheet.writeRow(cells, styles) && caughtUp;
  }
  if (!caughtUp) await sheet.drain();
}

async function writeFindingRows(sheet: SheetWriter, row: PreviewRow): Promise<void> {
  let caughtUp = true;
  for (const finding of row.findings) {
    const cells: CellValue[] = [
      row.order.orderNumber,
      row.order.orderId,
      finding.severity,
      FINDING_LABELS[finding.code],
      finding.code,
      finding.message,
      finding.field ?? null,
    ];
    caughtUp = sheet.writeRow(cells) && caughtUp;
  }
  if (!caughtUp) await sheet.drain();
}

function writeAboutRows(book: WorkbookWriter, sheet: SheetWriter, preview: Preview): void {
  const { summary } = preview;
  const counts = (record: Record<string, number | undefined>) =>
    Object.entries(record)
      .map(([code, count]) => `${code}: ${count}`)
      .join(", ") || "none";
  const totals =
    Object.entries(summary.totalsByCurrency)
      .map(([currency, minor]) => formatMoney(minor, currency))
      .join(", ") || "none";
  const facts: [string, CellValue][] = [
    ["Cart Cutover test import", "Read-only record of a dry run: nothing was written to the cart or the order system."],
    ["Store", preview.storeName],
    ["Platform", preview.platform],
    ["Store address", preview.storeUrl],
    ["Orders created from (UTC)", preview.window.fromUtc],
    ["Orders created before (UTC)", preview.window.toUtc],
    ["Made at (UTC)", preview.createdAtUtc],
    ["Import Orders As", DOCUMENT_KIND_LABELS[preview.documentKind]],
    ["Orders", summary.orders],
    ["Would be imported", summary.importable],
    ["Left out by the filter", counts(summary.excluded)],
    ["Findings by kind", counts(summary.findings)],
    ["Totals of the imported orders", totals],
  ];
  const labelStyles = [book.style({ bold: true }), 0];
  for (const [label, value] of facts) sheet.writeRow([label, value], labelStyles);
}

/**
 * Writes the preview as an .xlsx workbook with the sheets "Preview" (what the
 * file is), "Documents" (one row per document line) and "Findings" (one row
 * per finding). It streams rows to disk, so the workbook is never held in
 * memory whole, and renames the file into place only when it is complete.
 */
export async function writePreviewSpreadsheet(path: string, preview: Preview): Promise<void> {
  const partialPath = `${path}.partial`;
  const options = { pinnedAt: new Date(preview.createdAtUtc), creator: "Cart Cutover" };
  await writeWorkbookFile(partialPath, options, async (book) => {
    const about = await book.addSheet("Preview", { columnWidths: [30, 90] });
    writeAboutRows(book, about, preview);
    await about.end();

    const documents = await book.addSheet("Documents", { columnWidths: [], frozenRows: 1 });
    writeHeader(book, documents, DOCUMENT_COLUMNS);
    for (const row of preview.rows) await writeDocumentRows(book, documents, row);
    await documents.end();

    const findings = await book.addSheet("Findings", { columnWidths: [], frozenRows: 1 });
    writeHeader(book, findings, FINDING_COLUMNS);
    for (const row of preview.rows) await writeFindingRows(findings, row);
    await findings.end();
    return ["Preview", "Documents", "Findings"];
  });
  await rename(partialPath, path);
}
