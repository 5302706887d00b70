import type { Preview, PreviewListRow, PreviewRow, PreviewView } from "../../preload/contract.js";
import type { FindingSeverity } from "../mapping/findings.js";

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

function worstSeverityOf(row: PreviewRow): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const finding of row.findings) {
    if (!worst || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
  }
  return worst;
}

/** Builds the table row of one preview row. */
export function listRowOf(row: PreviewRow, index: number): PreviewListRow {
  return {
    index,
    cartOrderId: row.order.orderId,
    orderNumber: row.order.orderNumber,
    createdAtUtc: row.order.createdAtUtc,
    customerName: row.document.customer.name,
    currency: row.document.currency,
    totalMinor: row.document.totalMinor,
    findingCodes: [...new Set(row.findings.map((finding) => finding.code))],
    worstSeverity: worstSeverityOf(row),
    importable: row.importable,
    exclusion: row.exclusion,
  };
}

/** Returns the preview as the renderer receives it; the full rows stay in the main process. */
export function previewViewOf(preview: Preview): PreviewView {
  return { ...preview, rows: preview.rows.map(listRowOf) };
}
