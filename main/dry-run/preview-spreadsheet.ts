import { rename, rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Preview, PreviewRow } from "../../preload/contract.js";
import type { PostalAddress } from "../carts/cart-order.js";
import { FINDING_LABELS } from "../mapping/findings.js";
import { EXCLUSION_LABELS } from "../mapping/order-filter.js";
import { DOCUMENT_KIND_LABELS } from "../mapping/sales-document.js";
import { formatMinor, formatMoney, minorDigits } from "../money/money.js";

type Cell = string | number | null;
type Sheet = ExcelJS.Worksheet;

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

/**
 * Shared style objects. exceljs 4.4 caches a style by object identity, so one
 * object per format keeps writing fast. A fresh style on every cell made a
 * workbook of 5,000 demo orders about four times slower to write.
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const BOLD_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };
const amountStyles = new Map<number, Partial<ExcelJS.Style>>();

function amountStyleOf(currency: string): Partial<ExcelJS.Style> {
  const digits = minorDigits(currency);
  let style = amountStyles.get(digits);
  if (!style) {
    style = { numFmt: digits === 0 ? "0" : `0.${"0".repeat(digits)}` };
    amountStyles.set(digits, style);
  }
  return style;
}

function applyStyles(
  row: ExcelJS.Row,
  cellCount: number,
  shopAmountStyle: Partial<ExcelJS.Style>,
  paidAmountStyle: Partial<ExcelJS.Style>,
): void {
  for (let column = 1; column <= cellCount; column++) {
    const style = SHOP_AMOUNT_COLUMNS.includes(column)
      ? shopAmountStyle
      : column === PAID_AMOUNT_COLUMN
        ? paidAmountStyle
        : PLAIN_STYLE;
    row.getCell(column).style = style;
  }
}

function styleAll(row: ExcelJS.Row, cellCount: number, style: Partial<ExcelJS.Style>): void {
  for (let column = 1; column <= cellCount; column++) row.getCell(column).style = style;
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

function addHeader(sheet: Sheet, columns: readonly string[]): void {
  const header = sheet.addRow([...columns]);
  styleAll(header, columns.length, BOLD_STYLE);
  header.commit();
}

function notImportedBecause(row: PreviewRow): string {
  if (row.importable) return "";
  if (row.exclusion) return EXCLUSION_LABELS[row.exclusion];
  const error = row.findings.find((finding) => finding.severity === "error");
  return error ? FINDING_LABELS[error.code] : "";
}

function writeDocumentRows(sheet: Sheet, row: PreviewRow): void {
  const { document } = row;
  const currency = document.currency;
  const netMinor = document.netMinor ?? document.totalMinor - document.refundedMinor;
  document.lines.forEach((line, index) => {
    const cells: Cell[] = [
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
    const added = sheet.addRow(cells);
    const paidStyle = amountStyleOf(document.presentment.currency);
    applyStyles(added, cells.length, amountStyleOf(currency), paidStyle);
    added.commit();
  });
}

function writeFindingRows(sheet: Sheet, row: PreviewRow): void {
  for (const finding of row.findings) {
    const cells: Cell[] = [
      row.order.orderNumber,
      row.order.orderId,
      finding.severity,
      FINDING_LABELS[finding.code],
      finding.code,
      finding.message,
      finding.field ?? null,
    ];
    const added = sheet.addRow(cells);
    styleAll(added, cells.length, PLAIN_STYLE);
    added.commit();
  }
}

function writeAboutSheet(sheet: Sheet, preview: Preview): void {
  const { summary } = preview;
  const counts = (record: Record<string, number | undefined>) =>
    Object.entries(record)
      .map(([code, count]) => `${code}: ${count}`)
      .join(", ") || "none";
  const totals =
    Object.entries(summary.totalsByCurrency)
      .map(([currency, minor]) => formatMoney(minor, currency))
      .join(", ") || "none";
  const facts: [string, Cell][] = [
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
  for (const [label, value] of facts) {
    const added = sheet.addRow([label, value]);
    added.getCell(1).style = BOLD_STYLE;
    added.getCell(2).style = PLAIN_STYLE;
    added.commit();
  }
}

/**
 * Writes the preview as an .xlsx workbook with the sheets "Preview" (what the
 * file is), "Documents" (one row per document line) and "Findings" (one row
 * per finding). It streams rows to disk, so the workbook is never held in
 * memory whole, and renames the file into place only when it is complete.
 */
export async function writePreviewSpreadsheet(path: string, preview: Preview): Promise<void> {
  const partialPath = `${path}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partialPath,
    useStyles: true,
  });
  workbook.creator = "Cart Cutover";
  workbook.created = new Date(preview.createdAtUtc);
  try {
    const about = workbook.addWorksheet("Preview");
    about.columns = [{ width: 30 }, { width: 90 }];
    writeAboutSheet(about, preview);
    about.commit();

    const documents = workbook.addWorksheet("Documents", { views: [{ state: "frozen", ySplit: 1 }] });
    addHeader(documents, DOCUMENT_COLUMNS);
    for (const row of preview.rows) writeDocumentRows(documents, row);
    documents.commit();

    const findings = workbook.addWorksheet("Findings", { views: [{ state: "frozen", ySplit: 1 }] });
    addHeader(findings, FINDING_COLUMNS);
    for (const row of preview.rows) writeFindingRows(findings, row);
    findings.commit();

    await workbook.commit();
    await rename(partialPath, path);
  } catch (error) {
    await rm(partialPath, { force: true });
    throw error;
  }
}
