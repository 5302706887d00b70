import type { ProofReport, ProofRow } from "../../preload/contract.js";
import { formatInZone } from "../time/zoned-time.js";

/** Problem orders named one by one in the messages; the rows contain every one. */
const MAX_ORDERS_NAMED = 50;

export type CoverageFacts = {
  /** The requested window end: the cut-off plus the requested hours, or now when earlier. */
  requestedToUtc: string;
  /** Last Order from, or null before Go live was saved. */
  lastOrderFromUtc: string | null;
  exportsMade: number;
};

type ReportFacts = Pick<ProofReport, "cutoffUtc" | "timeZone">;

function describeProblem(row: ProofRow, report: ReportFacts): string {
  const created = formatInZone(row.createdAtUtc, report.timeZone);
  const before = Date.parse(row.createdAtUtc) < Date.parse(report.cutoffUtc);
  const side = before ? "before the cut-off" : "after the cut-off";
  return `${row.orderNumber} (cart order id ${row.cartOrderId}, created ${created}, ${side}): ${row.reason ?? ""}`;
}

/**
 * Writes the proof's messages: the verdict first, then each missing and
 * each doubled order with what to do, then what the window does not cover.
 */
export function proofMessages(
  report: Pick<ProofReport, "cutoffUtc" | "timeZone" | "window" | "counts" | "rows">,
  coverage: CoverageFacts,
): string[] {
  const { counts } = report;
  const total =
    counts.exported + counts.imported + counts.excluded + counts.missing;
  const from = formatInZone(report.window.fromUtc, report.timeZone);
  const to = formatInZone(report.window.toUtc, report.timeZone);
  const messages: string[] = [];

  if (total === 0) {
    messages.push(
      `Nothing is proven: the cart has no orders created from ${from} up to ${to}. Check the cut-off and widen the hours around it, then run the proof again.`,
    );
  } else if (counts.missing === 0 && counts.doubled === 0) {
    messages.push(
      `The cut-over is complete: each of the ${total} cart orders created from ${from} up to ${to} is in exactly one set. ${counts.exported} exported for the old system, ${counts.imported} imported by the sync, ${counts.excluded} excluded on purpose. None is missing and none is doubled.`,
    );
  } else {
    messages.push(
      `The cut-over is NOT complete: ${counts.missing} order(s) are missing and ${counts.doubled} order(s) are doubled among the ${total} cart orders created from ${from} up to ${to}. Each is named below with what to do.`,
    );
  }

  const problems = report.rows.filter(
    (row) => row.set === "missing" || row.foundIn.length > 1,
  );
  for (const row of problems.slice(0, MAX_ORDERS_NAMED)) {
    messages.push(describeProblem(row, report));
  }
  if (problems.length > MAX_ORDERS_NAMED) {
    const more = problems.length - MAX_ORDERS_NAMED;
    messages.push(`${more} more problem orders are listed in the rows of this report.`);
  }

  if (coverage.exportsMade === 0) {
    messages.push(
      "No export was found for this cut-off, so the orders before it are not in the old system through Cart Cutover.",
    );
  }
  if (Date.parse(report.window.toUtc) < Date.parse(coverage.requestedToUtc)) {
    const until = formatInZone(report.window.toUtc, report.timeZone);
    messages.push(
      coverage.lastOrderFromUtc
        ? `Orders created after ${until} are not covered yet, because the sync has read the cart only up to Last Order from. Run the proof again after the next import.`
        : `Orders created after the cut-off are not covered, because Go live has not been saved and the sync has not run. Run the proof again after the first import.`,
    );
  }
  return messages;
}
