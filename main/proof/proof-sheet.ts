import type { ProofReport } from "../../preload/contract.js";
import { formatMinor, spreadsheetFormatOf } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import { writeWorkbookFile } from "../xlsx/workbook-file.js";
import type { CellValue, WorkbookWriter } from "../xlsx/workbook-writer.js";
import { PROOF_SETS } from "./proof-classify.js";
import { SET_LABELS } from "./timeline-svg.js";

function totalsText(totals: Record<string, number>): string {
  const parts = Object.keys(totals)
    .sort()
    .map((currency) => `${currency} ${formatMinor(totals[currency]!, currency)}`);
  return parts.join(", ") || "none";
}

/**
 * Writes the proof's rows as an .xlsx: a "Summary" tab with the verdict,
 * counts and totals, then an "Orders" tab with one row per cart order.
 */
export function writeProofWorkbook(
  path: string,
  report: ProofReport,
): Promise<void> {
  const options = { pinnedAt: new Date(report.generatedAtUtc), creator: "Cart Cutover" };
  return writeWorkbookFile(path, options, async (book) => {
    await writeSummarySheet(book, report);
    await writeOrdersSheet(book, report);
    return ["Summary", "Orders"];
  });
}

async function writeSummarySheet(book: WorkbookWriter, report: ProofReport): Promise<void> {
  const summary = await book.addSheet("Summary", { columnWidths: [28, 14, 60] });
  const facts: CellValue[][] = [
    ["Cut-off (store time)", formatInZone(report.cutoffUtc, report.timeZone)],
    ["Cut-off (UTC)", report.cutoffUtc],
    ["Store time zone", report.timeZone],
    ["Window from (UTC)", report.window.fromUtc],
    ["Window to, not included (UTC)", report.window.toUtc],
    ["Generated (UTC)", report.generatedAtUtc],
    [
      "Verdict",
      report.clean ? "complete: nothing missing, nothing doubled" : "NOT complete",
    ],
    [],
    ["Set", "Orders", "Totals per currency"],
    ...PROOF_SETS.map((set) => [
      SET_LABELS[set],
      report.counts[set],
      totalsText(report.totalsByCurrency[set]),
    ]),
    ["Doubled", report.counts.doubled, ""],
    [],
    ["Messages"],
    ...report.messages.map((message) => ["", "", message]),
  ];
  const bold = book.style({ bold: true });
  for (const values of facts) {
    const heading = values[0] === "Set" || values[0] === "Messages";
    summary.writeRow(values, heading ? values.map(() => bold) : undefined);
  }
  await summary.end();
}

async function writeOrdersSheet(book: WorkbookWriter, report: ProofReport): Promise<void> {
  const orders = await book.addSheet("Orders", {
    columnWidths: [14, 18, 22, 26, 16, 24, 8, 12, 80],
    frozenRows: 1,
  });
  const header = [
    "Order",
    "Cart Order ID",
    "Created (store time)",
    "Created (UTC)",
    "Set",
    "Doubled In",
    "Currency",
    "Total",
    "Reason, or what to do",
  ];
  const bold = book.style({ bold: true });
  orders.writeRow(header, header.map(() => bold));
  for (const proofRow of report.rows) {
    const doubledIn = proofRow.foundIn.length > 1
      ? proofRow.foundIn.map((set) => SET_LABELS[set]).join(" and ")
      : "";
    const total = book.style({ numberFormat: spreadsheetFormatOf(proofRow.currency) });
    const caughtUp = orders.writeRow(
      [
        proofRow.orderNumber,
        proofRow.cartOrderId,
        formatInZone(proofRow.createdAtUtc, report.timeZone),
        proofRow.createdAtUtc,
        SET_LABELS[proofRow.set],
        doubledIn,
        proofRow.currency,
        Number(formatMinor(proofRow.totalMinor, proofRow.currency)),
        proofRow.reason ?? "",
      ],
      [0, 0, 0, 0, 0, 0, 0, total, 0],
    );
    if (!caughtUp) await orders.drain();
  }
  await orders.end();
}
