import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useRef } from "react";
import type { PreviewRow } from "../../preload/contract.js";
import { formatMoney } from "../format/money.js";
import { DOCUMENT_KIND_LABELS, SEVERITY_LABELS } from "../format/labels.js";
import { formatInZone, formatUtc } from "../format/zoned-time.js";
import { customerNameOf, worstSeverityOf } from "./preview-rows.js";

/** Row height in pixels, which must match the row height in app.css. */
const ROW_HEIGHT_PX = 36;

const COLUMNS = [
  "Order",
  "Created",
  "Customer",
  "Total",
  "Document",
  "Findings",
  "Worst severity",
];

type PreviewTableProps = {
  rows: PreviewRow[];
  /** The store's IANA zone, or null to show creation times in UTC. */
  timeZone: string | null;
  selectedOrderId: string | null;
  onSelect: (orderId: string) => void;
};

/**
 * Lists the dry run's orders. Only the rows in view, plus a few either side,
 * are in the DOM, so the DOM stays the same size for 20,000 orders as for 20.
 */
export function PreviewTable({
  rows,
  timeZone,
  selectedOrderId,
  onSelect,
}: PreviewTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // A new key function on every render makes the virtualizer re-measure every row.
  const itemKey = useCallback((index: number) => rows[index]?.order.orderId ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    getItemKey: itemKey,
  });
  const createdLabel = timeZone ? `Created (${timeZone})` : "Created (UTC)";

  return (
    <div
      className="preview-table"
      role="table"
      aria-label="Orders in the dry run"
      aria-rowcount={rows.length + 1}
    >
      <div role="rowgroup" className="preview-header-group">
        <div
          className="preview-row preview-header"
          role="row"
          aria-rowindex={1}
        >
          {COLUMNS.map((column) => (
            <span role="columnheader" key={column}>
              {column === "Created" ? createdLabel : column}
            </span>
          ))}
        </div>
      </div>
      <div
        className="preview-scroll"
        ref={scrollRef}
        data-testid="preview-scroll"
      >
        <div
          role="rowgroup"
          className="preview-body"
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const severity = worstSeverityOf(row);
            const isSelected = row.order.orderId === selectedOrderId;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={isSelected ? "preview-row selected" : "preview-row"}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">
                  <button
                    type="button"
                    className="link-button"
                    aria-current={isSelected ? "true" : undefined}
                    onClick={() => onSelect(row.order.orderId)}
                  >
                    {row.order.orderNumber}
                  </button>
                </span>
                <span role="cell">
                  {timeZone
                    ? formatInZone(row.order.createdAtUtc, timeZone)
                    : formatUtc(row.order.createdAtUtc)}
                </span>
                <span role="cell">{customerNameOf(row)}</span>
                <span role="cell" className="amount">
                  {formatMoney(row.document.totalMinor, row.document.currency)}
                </span>
                <span role="cell">
                  {DOCUMENT_KIND_LABELS[row.document.kind]}
                </span>
                <span role="cell" className="amount">
                  {row.findings.length}
                </span>
                <span
                  role="cell"
                  className={severity ? `severity-${severity}` : undefined}
                >
                  {severity ? SEVERITY_LABELS[severity] : "none"}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
