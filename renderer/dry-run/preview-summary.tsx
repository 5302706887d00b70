import type { PreviewSummary } from "../../preload/contract.js";
import { TotalsList } from "../components/totals-list.js";
import { EXCLUSION_LABELS, FINDING_LABELS, labelOf } from "../format/labels.js";

function CountList({
  counts,
  labels,
  emptyText,
}: {
  counts: Partial<Record<string, number>>;
  labels: Record<string, string>;
  emptyText: string;
}) {
  const entries = Object.entries(counts).filter(
    (entry): entry is [string, number] => (entry[1] ?? 0) > 0,
  );
  if (entries.length === 0) return <span>{emptyText}</span>;
  return (
    <ul className="count-list">
      {entries.map(([code, count]) => (
        <li key={code}>
          {labelOf(labels, code)}: {count.toLocaleString("en-US")}
        </li>
      ))}
    </ul>
  );
}

/**
 * Shows a dry run's counts: orders, importable, exclusions and findings by
 * kind, totals per currency.
 */
export function PreviewSummaryView({ summary }: { summary: PreviewSummary }) {
  return (
    <section
      className="preview-summary"
      aria-labelledby="preview-summary-heading"
    >
      <h3 id="preview-summary-heading">Summary</h3>
      <dl className="facts">
        <dt>Orders</dt>
        <dd>{summary.orders.toLocaleString("en-US")}</dd>
        <dt>Importable</dt>
        <dd>{summary.importable.toLocaleString("en-US")}</dd>
        <dt>Excluded</dt>
        <dd>
          <CountList
            counts={summary.excluded}
            labels={EXCLUSION_LABELS}
            emptyText="none"
          />
        </dd>
        <dt>Findings</dt>
        <dd>
          <CountList
            counts={summary.findings}
            labels={FINDING_LABELS}
            emptyText="none"
          />
        </dd>
        <dt>Totals</dt>
        <dd>
          <TotalsList totalsByCurrency={summary.totalsByCurrency} />
        </dd>
      </dl>
    </section>
  );
}
