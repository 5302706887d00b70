import { useCallback, useMemo, useState } from "react";
import type { PreviewView } from "../../preload/contract.js";
import { DOCUMENT_KIND_LABELS, FINDING_LABELS } from "../format/labels.js";
import { PreviewDetailPane } from "./preview-detail.js";
import { PreviewSummaryView } from "./preview-summary.js";
import { PreviewTable } from "./preview-table.js";
import {
  ALL_ORDERS,
  countOrdersPerFinding,
  filterRows,
  NO_FINDINGS,
  type FindingFilter,
} from "./preview-rows.js";
import { usePreviewDetail } from "./use-preview-detail.js";

/** The chosen order, by preview index; it belongs to the preview it was chosen in. */
type Selection = { preview: PreviewView; index: number };

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/**
 * Shows a preview's summary, its orders with a finding filter, and the chosen
 * order's detail. Everything that walks all rows is memoized on the preview,
 * so choosing an order or scrolling does not repeat it.
 */
export function PreviewResults({
  preview,
  timeZone,
}: {
  preview: PreviewView;
  timeZone: string | null;
}) {
  const [filter, setFilter] = useState<FindingFilter>(ALL_ORDERS);
  const [selection, setSelection] = useState<Selection | null>(null);

  const counts = useMemo(
    () => countOrdersPerFinding(preview.rows),
    [preview.rows],
  );
  const findingOptions = useMemo(
    () => [...counts.ordersPerFinding.entries()],
    [counts],
  );
  const rows = useMemo(
    () => filterRows(preview.rows, filter),
    [preview.rows, filter],
  );

  const selectedIndex =
    selection?.preview === preview ? selection.index : null;
  const selectedRow =
    selectedIndex === null ? null : (preview.rows[selectedIndex] ?? null);
  const detail = usePreviewDetail(preview, selectedRow?.index ?? null);
  // Stable for the preview, so the memoized table rows do not re-render.
  const selectOrder = useCallback(
    (index: number) => setSelection({ preview, index }),
    [preview],
  );

  return (
    <div className="preview-results">
      <PreviewSummaryView
        summary={preview.summary}
        ordersPerFinding={counts.ordersPerFinding}
      />

      <div className="field preview-filter">
        <label htmlFor="preview-finding-filter">Show orders with finding</label>
        <select
          id="preview-finding-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value as FindingFilter)}
        >
          <option value={ALL_ORDERS}>All orders ({preview.rows.length})</option>
          <option value={NO_FINDINGS}>
            No findings ({counts.ordersWithoutFindings})
          </option>
          {findingOptions.map(([code, count]) => (
            <option key={code} value={code}>
              {FINDING_LABELS[code]} ({count})
            </option>
          ))}
        </select>
        <p role="status" className="hint">
          Showing {formatCount(rows.length)} of{" "}
          {formatCount(preview.rows.length)} orders.
        </p>
      </div>

      <div className="preview-layout">
        <PreviewTable
          rows={rows}
          timeZone={timeZone}
          documentKindLabel={DOCUMENT_KIND_LABELS[preview.documentKind]}
          selectedIndex={selectedIndex}
          onSelect={selectOrder}
        />
        {selectedRow ? (
          <PreviewDetailPane
            listRow={selectedRow}
            detail={detail}
            timeZone={timeZone}
          />
        ) : (
          <p className="hint">
            Choose an order number to see the document it becomes.
          </p>
        )}
      </div>
    </div>
  );
}
