import type { PreviewRow } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_LINE_KIND_LABELS,
  EXCLUSION_LABELS,
  FINDING_LABELS,
  SEVERITY_LABELS,
} from "../format/labels.js";
import { formatMoney } from "../format/money.js";
import { CartOrderView } from "./cart-order-view.js";

type RowViewProps = { row: PreviewRow; timeZone: string | null };

function importTextOf(row: PreviewRow): string {
  if (row.importable) return "yes";
  const reason = row.exclusion ? EXCLUSION_LABELS[row.exclusion] : "excluded";
  return `no: ${reason}`;
}

function DocumentView({ row, timeZone }: RowViewProps) {
  const { document } = row;
  const money = (amountMinor: number) =>
    formatMoney(amountMinor, document.currency);

  return (
    <section
      className="detail-column"
      aria-labelledby="detail-document-heading"
    >
      <h4 id="detail-document-heading">
        {DOCUMENT_KIND_LABELS[document.kind]} {document.reference}
      </h4>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{document.status}</dd>
        <dt>Order date</dt>
        <dd>
          <InstantText instantUtc={document.orderDateUtc} timeZone={timeZone} />
        </dd>
        <dt>Customer</dt>
        <dd>
          {document.customer.name}
          {document.customer.email ? `, ${document.customer.email}` : ""}
        </dd>
        <dt>Total</dt>
        <dd>{money(document.totalMinor)}</dd>
        <dt>Imported by the sync</dt>
        <dd>{importTextOf(row)}</dd>
      </dl>
      <table className="detail-lines">
        <caption>Document lines</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">SKU</th>
            <th scope="col">Description</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {document.lines.map((line, index) => (
            <tr key={index}>
              <td>{DOCUMENT_LINE_KIND_LABELS[line.kind]}</td>
              <td>{line.sku ?? "none"}</td>
              <td>{line.description}</td>
              <td className="amount">{line.quantity}</td>
              <td className="amount">{money(line.unitPriceMinor)}</td>
              <td className="amount">{money(line.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Shows one order of the dry run beside the document it becomes, with its
 * findings.
 */
export function PreviewDetail({ row, timeZone }: RowViewProps) {
  return (
    <section
      className="preview-detail"
      aria-labelledby="preview-detail-heading"
    >
      <h3 id="preview-detail-heading">Order {row.order.orderNumber}</h3>
      <div className="detail-columns">
        <CartOrderView order={row.order} timeZone={timeZone} />
        <DocumentView row={row} timeZone={timeZone} />
      </div>
      <h4>Findings</h4>
      {row.findings.length === 0 ? (
        <p>No findings.</p>
      ) : (
        <ul className="finding-list">
          {row.findings.map((finding, index) => (
            <li key={index} className={`severity-${finding.severity}`}>
              <strong>{SEVERITY_LABELS[finding.severity]}</strong>:{" "}
              {FINDING_LABELS[finding.code]}. {finding.message}
              {finding.field ? ` (field ${finding.field})` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
