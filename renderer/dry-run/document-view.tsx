import type {
  DocumentLine,
  SalesDocument,
} from "../../main/mapping/sales-document.js";
import type { PreviewRow } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";
import {
  ADJUSTMENT_KIND_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_LINE_KIND_LABELS,
  EXCLUSION_LABELS,
  ITEM_MATCH_LABELS,
} from "../format/labels.js";
import { formatMoney } from "../format/money.js";

/**
 * Returns why an order is not imported: its exclusion, and the message of
 * each error finding, because an error finding alone also keeps it out.
 */
function notImportedReasonsOf(row: PreviewRow): string[] {
  const reasons: string[] = [];
  if (row.exclusion) reasons.push(EXCLUSION_LABELS[row.exclusion]);
  for (const finding of row.findings) {
    if (finding.severity === "error") reasons.push(finding.message);
  }
  return reasons;
}

function ImportVerdict({ row }: { row: PreviewRow }) {
  if (row.importable) return <>yes</>;
  const reasons = notImportedReasonsOf(row);
  if (reasons.length === 0) return <>no: excluded</>;
  if (reasons.length === 1) return <>no: {reasons[0]}</>;
  return (
    <>
      no, because:
      <ul>
        {reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ul>
    </>
  );
}

function itemMatchTextOf(line: DocumentLine): string {
  if (line.kind !== "item") return "";
  // Previews saved before SKUs were checked have no match on their lines.
  return line.itemMatch ? ITEM_MATCH_LABELS[line.itemMatch] : "not recorded";
}

/**
 * Returns the document's worth after refunds. Previews saved before
 * adjustments existed have no net amount, so it is computed from the
 * refunded sum there, as the preview spreadsheet does.
 */
function netMinorOf(document: SalesDocument): number {
  return document.netMinor ?? document.totalMinor - document.refundedMinor;
}

function hasRefundsOrAdjustments(document: SalesDocument): boolean {
  return (
    (document.adjustments?.length ?? 0) > 0 ||
    document.refundedMinor !== 0 ||
    netMinorOf(document) !== document.totalMinor
  );
}

type DocumentPartProps = { document: SalesDocument; timeZone: string | null };

function DocumentLinesTable({ document }: { document: SalesDocument }) {
  const money = (amountMinor: number) =>
    formatMoney(amountMinor, document.currency);
  return (
    <table className="detail-lines">
      <caption>Document lines</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">SKU</th>
          <th scope="col">Item match</th>
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
            <td>{itemMatchTextOf(line)}</td>
            <td>{line.description}</td>
            <td className="amount">{line.quantity}</td>
            <td className="amount">{money(line.unitPriceMinor)}</td>
            <td className="amount">{money(line.amountMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AdjustmentsTable({ document, timeZone }: DocumentPartProps) {
  const adjustments = document.adjustments ?? [];
  if (adjustments.length === 0) return null;
  return (
    <table className="detail-lines">
      <caption>Refunds and adjustments</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Date</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {adjustments.map((adjustment, index) => (
          <tr key={index}>
            <td>{ADJUSTMENT_KIND_LABELS[adjustment.kind]}</td>
            <td>
              <InstantText
                instantUtc={adjustment.createdAtUtc}
                timeZone={timeZone}
              />
            </td>
            <td className="amount">
              {formatMoney(adjustment.amountMinor, document.currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Shows the sales document an order becomes: its facts, whether the sync
 * imports it, its lines with their item match, and its refunds.
 */
export function DocumentView({
  row,
  timeZone,
}: {
  row: PreviewRow;
  timeZone: string | null;
}) {
  const { document } = row;
  const money = (amountMinor: number) =>
    formatMoney(amountMinor, document.currency);
  const showsRefunds = hasRefundsOrAdjustments(document);

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
        {showsRefunds ? (
          <>
            <dt>Refunded</dt>
            <dd>{money(document.refundedMinor)}</dd>
            <dt>Net amount</dt>
            <dd>{money(netMinorOf(document))}</dd>
          </>
        ) : null}
        <dt>Imported by the sync</dt>
        <dd>
          <ImportVerdict row={row} />
        </dd>
      </dl>
      <DocumentLinesTable document={document} />
      <AdjustmentsTable document={document} timeZone={timeZone} />
    </section>
  );
}
