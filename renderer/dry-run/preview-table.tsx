import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useRef } from "react";
import type { PreviewListRow } from "../../preload/contract.js";
import { PreviewTableRow } from "./preview-table-row.js";

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

function estimateRowHeight(): number {
  return ROW_HEIGHT_PX;
}

type PreviewTableProps = {
  rows: readonly PreviewListRow[];
  /** The store's IANA zone, or null to show creation times in UTC. */
  timeZone: string | null;
  documentKindLabel: string;
  /** The preview index of the chosen order, or null when none is chosen. */
  selectedIndex: number | null;
  /** Receives the preview index of the chosen order; should be a stable function. */
  onSelect: (index: number) => void;
};

/**
 * Lists the dry run's orders. Only the rows in view, plus a few either side,
 * are in the DOM, so the DOM stays the same size for 20,000 orders as for 20.
 */
export function PreviewTable({
  rows,
  timeZone,
  documentKindLabel,
  selectedIndex,
  onSelect,
}: PreviewTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // A new key function on every render makes the virtualizer re-measure every row.
  const itemKey = useCallback(
    (position: number) => rows[position]?.cartOrderId ?? position,
    [rows],
  );
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize: estimateRowHeight,
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
            return (
              <PreviewTableRow
                key={item.key}
                row={row}
                position={item.index}
                startPx={item.start}
                timeZone={timeZone}
                documentKindLabel={documentKindLabel}
                isSelected={row.index === selectedIndex}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
