import type { ReactNode } from "react";
import type { PreviewListRow, PreviewRow } from "../../preload/contract.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FINDING_LABELS, SEVERITY_LABELS } from "../format/labels.js";
import { CartOrderView } from "./cart-order-view.js";
import { DocumentView } from "./document-view.js";
import type { PreviewDetailState } from "./use-preview-detail.js";

type RowViewProps = { row: PreviewRow; timeZone: string | null };

function FindingList({ row }: { row: PreviewRow }) {
  if (row.findings.length === 0) return <p>No findings.</p>;
  return (
    <ul className="finding-list">
      {row.findings.map((finding, index) => (
        <li key={index} className={`severity-${finding.severity}`}>
          <strong>{SEVERITY_LABELS[finding.severity]}</strong>:{" "}
          {FINDING_LABELS[finding.code]}. {finding.message}
          {finding.field ? ` (field ${finding.field})` : ""}
        </li>
      ))}
    </ul>
  );
}

function RowDetail({ row, timeZone }: RowViewProps) {
  return (
    <>
      <div className="detail-columns">
        <CartOrderView order={row.order} timeZone={timeZone} />
        <DocumentView row={row} timeZone={timeZone} />
      </div>
      <h4>Findings</h4>
      <FindingList row={row} />
    </>
  );
}

/**
 * Returns the sentence for a fetched row that is another order than the
 * table's. The detail request names only an index, so this happens when the
 * main process has a newer preview than the one on screen.
 */
function mismatchMessageOf(listRow: PreviewListRow): string {
  return `Order ${listRow.orderNumber} is no longer at this place in the app's preview. Run the dry run again or reopen the saved preview.`;
}

type PreviewDetailPaneProps = {
  /** The chosen order as the table shows it. */
  listRow: PreviewListRow;
  /** The fetch of its full row. */
  detail: PreviewDetailState;
  timeZone: string | null;
};

/**
 * Shows one order of the dry run beside the document it becomes, with its
 * findings, once its full row has arrived from the main process.
 */
export function PreviewDetailPane({
  listRow,
  detail,
  timeZone,
}: PreviewDetailPaneProps) {
  let content: ReactNode;
  if (detail.status === "loaded") {
    content =
      detail.row.order.orderId === listRow.cartOrderId ? (
        <RowDetail row={detail.row} timeZone={timeZone} />
      ) : (
        <ErrorAlert message={mismatchMessageOf(listRow)} />
      );
  } else if (detail.status === "failed") {
    content = (
      <>
        <ErrorAlert message={detail.message} />
        <button type="button" onClick={detail.retry}>
          Try again
        </button>
      </>
    );
  } else {
    content = <p role="status">Loading order {listRow.orderNumber}…</p>;
  }

  return (
    <section
      className="preview-detail"
      aria-labelledby="preview-detail-heading"
    >
      <h3 id="preview-detail-heading">Order {listRow.orderNumber}</h3>
      {content}
    </section>
  );
}
