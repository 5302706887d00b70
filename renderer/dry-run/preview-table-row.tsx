import { memo } from "react";
import type { PreviewListRow } from "../../preload/contract.js";
import { FINDING_LABELS, SEVERITY_LABELS } from "../format/labels.js";
import { formatMoney } from "../format/money.js";
import { formatInZone, formatUtc } from "../format/zoned-time.js";
import { customerNameOf } from "./preview-rows.js";

type PreviewTableRowProps = {
  row: PreviewListRow;
  /** The row's position in the table body, counted from 0. */
  position: number;
  /** Offset from the top of the table body, in pixels. */
  startPx: number;
  /** The store's IANA zone, or null to show the creation time in UTC. */
  timeZone: string | null;
  documentKindLabel: string;
  isSelected: boolean;
  onSelect: (index: number) => void;
};

function findingsTextOf(row: PreviewListRow): string {
  if (row.findingCodes.length === 0) return "none";
  return row.findingCodes.map((code) => FINDING_LABELS[code]).join(", ");
}

/**
 * Renders one order of the preview table. It is memoized because the table
 * re-renders each time the range of rows in view moves, and a row whose props
 * did not change need not format its time and amount again.
 */
export const PreviewTableRow = memo(function PreviewTableRow({
  row,
  position,
  startPx,
  timeZone,
  documentKindLabel,
  isSelected,
  onSelect,
}: PreviewTableRowProps) {
  const severity = row.worstSeverity;
  const findingsText = findingsTextOf(row);

  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      className={isSelected ? "preview-row selected" : "preview-row"}
      style={{ transform: `translateY(${startPx}px)` }}
    >
      <span role="cell">
        <button
          type="button"
          className="link-button"
          aria-current={isSelected ? "true" : undefined}
          onClick={() => onSelect(row.index)}
        >
          {row.orderNumber}
        </button>
      </span>
      <span role="cell">
        {timeZone
          ? formatInZone(row.createdAtUtc, timeZone)
          : formatUtc(row.createdAtUtc)}
      </span>
      <span role="cell">{customerNameOf(row)}</span>
      <span role="cell" className="amount">
        {formatMoney(row.totalMinor, row.currency)}
      </span>
      <span role="cell">{documentKindLabel}</span>
      <span role="cell" title={findingsText}>
        {findingsText}
      </span>
      <span
        role="cell"
        className={severity ? `severity-${severity}` : undefined}
      >
        {severity ? SEVERITY_LABELS[severity] : "none"}
      </span>
    </div>
  );
});
