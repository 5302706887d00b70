import type { FindingCode } from "../../main/mapping/findings.js";
import type { PreviewSummary } from "../../preload/contract.js";
import { TotalsList } from "../components/totals-list.js";
import {
  countWithUnit,
  EXCLUSION_LABELS,
  FINDING_LABELS,
  FINDING_UNITS,
  labelOf,
  type CountUnit,
} from "../format/labels.js";

const ORDERS: CountUnit = { singular: "order", plural: "orders" };

function CountList({
  counts,
  labels,
  unit,
  emptyText,
}: {
  counts: Partial<Record<string, number>>;
  labels: Record<string, string>;
  unit: CountUnit;
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
          {labelOf(labels, code)}: {countWithUnit(count, unit)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Returns the count of one finding kind with its units, such as "3 orders,
 * 5 lines". The order count comes first because the finding filter counts
 * orders. The finding count follows only where it differs. Without rows,
 * only the finding count is known.
 */
export function findingCountText(
  code: FindingCode,
  findingCount: number,
  orderCount: number | undefined,
): string {
  const findings = countWithUnit(findingCount, FINDING_UNITS[code]);
  if (orderCount === undefined) return findings;

  const orders = countWithUnit(orderCount, ORDERS);
  return orderCount === findingCount ? orders : `${orders}, ${findings}`;
}

function FindingCountList({
  findingCounts,
  ordersPerFinding,
}: {
  findingCounts: PreviewSummary["findings"];
  ordersPerFinding: ReadonlyMap<FindingCode, number> | undefined;
}) {
  const entries = (
    Object.entries(findingCounts) as [FindingCode, number | undefined][]
  ).filter((entry): entry is [FindingCode, number] => (entry[1] ?? 0) > 0);
  if (entries.length === 0) return <span>none</span>;
  return (
    <ul className="count-list">
      {entries.map(([code, count]) => (
        <li key={code}>
          {labelOf(FINDING_LABELS, code)}:{" "}
          {findingCountText(
            code,
            count,
            ordersPerFinding ? (ordersPerFinding.get(code) ?? 0) : undefined,
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Shows a dry run's counts: orders, importable, exclusions and findings by
 * kind, totals per currency. `ordersPerFinding` comes from the preview's rows;
 * without it, the findings are counted in their own units only.
 */
export function PreviewSummaryView({
  summary,
  ordersPerFinding,
}: {
  summary: PreviewSummary;
  ordersPerFinding?: ReadonlyMap<FindingCode, number>;
}) {
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
            unit={ORDERS}
            emptyText="none"
          />
        </dd>
        <dt>Findings</dt>
        <dd>
          <FindingCountList
            findingCounts={summary.findings}
            ordersPerFinding={ordersPerFinding}
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
