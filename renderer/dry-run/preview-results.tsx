import { useMemo, useState } from "react";
import type { FindingCode } from "../../main/mapping/findings.js";
import type { Preview } from "../../preload/contract.js";
import { FINDING_LABELS } from "../format/labels.js";
import { PreviewDetail } from "./preview-detail.js";
import { PreviewSummaryView } from "./preview-summary.js";
import { PreviewTable } from "./preview-table.js";
import {
  ALL_ORDERS,
  filterRows,
  NO_FINDINGS,
  type FindingFilter,
} from "./preview-rows.js";

/** Counts the orders that have each finding at least once. */
function ordersPerFinding(preview: Preview): Map<FindingCode, number> {
  const counts = new Map<FindingCode, number>();
  for (const row of preview.rows) {
    for (const code of new Set(row.findings.map((finding) => finding.code))) {
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Shows a preview's summary, its orders with a finding filter, and the chosen
 * order's detail.
 */
export function PreviewResults({
  preview,
  timeZone,
}: {
  preview: Preview;
  timeZone: string | null;
}) {
  const [filter, setFilter] = useState<FindingFilter>(ALL_ORDERS);
  const [selectedOrderId, setSelectedOrderId] = useState<string | null>(null);

  const findingCounts = useMemo(() => ordersPerFinding(preview), [preview]);
  const withoutFindings = useMemo(
    () => preview.rows.filter((row) => row.findings.length === 0).length,
    [preview],
  );
  const rows = useMemo(
    () => filterRows(preview.rows, filter),
    [preview, filter],
  );
  const selectedRow =
    preview.rows.find((row) => row.order.orderId === selectedOrderId) ?? null;

  return (
    <div className="preview-results">
      <PreviewSummaryView summary={preview.summary} />

      <div className="field preview-filter">
        <label htmlFor="preview-finding-filter">Show orders with finding</label>
        <select
          id="preview-finding-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value as FindingFilter)}
        >
          <option value={ALL_ORDERS}>All orders ({preview.rows.length})</option>
          <option value={NO_FINDINGS}>No findings ({withoutFindings})</option>
          {[...findingCounts.entries()].map(([code, count]) => (
            <option key={code} value={code}>
              {FINDING_LABELS[code]} ({count})
            </option>
          ))}
        </select>
        <p role="status" className="hint">
          Showing {rows.length.toLocaleString("en-US")} of{" "}
          {preview.rows.length.toLocaleString("en-US")} orders.
        </p>
      </div>

      <div className="preview-layout">
        <PreviewTable
          rows={rows}
          timeZone={timeZone}
          selectedOrderId={selectedOrderId}
          onSelect={setSelectedOrderId}
        />
        {selectedRow ? (
          <PreviewDetail row={selectedRow} timeZone={timeZone} />
        ) : (
          <p className="hint">
            Choose an order number to see the document it becomes.
          </p>
        )}
      </div>
    </div>
  );
}
