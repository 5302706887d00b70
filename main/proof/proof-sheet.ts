import ExcelJS from "exceljs";
import type { ProofReport } from "../../preload/contract.js";
import { formatMinor, minorDigits } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import { PROOF_SETS } from "./proof-classify.js";
import { SET_LABELS } from "./timeline-svg.js";

const BOLD: Partial<ExcelJS.Font> = { bold: true };

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
export async function writeProofWorkbook(
  path: string,
  report: ProofReport,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });

  const summary = workbook.addWorksheet("Summary");
  summary.columns = [{ width: 28 }, { width: 14 }, { width: 60 }];
  const facts: (string | number)[][] = [
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
  for (const values of facts) {
    const row = summary.addRow(values);
    if (values[0] === "Set" || values[0] === "Messages") row.font = BOLD;
    row.commit();
  }
  summary.commit();

  const orders = workbook.addWorksheet("Orders", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const widths = [14, 18, 22, 26, 16, 24, 8, 12, 80];
  orders.columns = widths.map((width) => ({ width }));
  const header = orders.addRow([
    "Order",
    "Cart Order ID",
    "Created (store time)",
    "Created (UTC)",
    "Set",
    "Doubled In",
    "Currency",
    "Total",
    "Reason, or what to do",
  ]);
  header.font = BOLD;
  header.commit();
  for (const proofRow of report.rows) {
    const digits = minorDigits(proofRow.currency);
    const doubledIn = proofRow.foundIn.length > 1
      ? proofRow.foundIn.map((set) => SET_LABELS[set]).join(" and ")
      : "";
    const row = orders.addRow([
      proofRow.orderNumber,
      proofRow.cartOrderId,
      formatInZone(proofRow.createdAtUtc, report.timeZone),
      proofRow.createdAtUtc,
      SET_LABELS[proofRow.set],
      doubledIn,
      proofRow.currency,
      Number(formatMinor(proofRow.totalMinor, proofRow.currency)),
      proofRow.reason ?? "",
    ]);
    row.getCell(8).numFmt = digits === 0 ? "0" : `0.${"0".repeat(digits)}`;
    row.commit();
  }
  orders.commit();
  await workbook.commit();
}
