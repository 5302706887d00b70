import type { ProofReport, ProofRow } from "../../preload/contract.js";
import { TotalsList } from "../components/totals-list.js";
import { formatMoney } from "../format/money.js";
import { formatInZone, formatUtc, machineTimeZone } from "../format/zoned-time.js";
import { PROOF_SET_LABELS, PROOF_SETS } from "./proof-labels.js";
import { ProofTimeline } from "./proof-timeline.js";

/** The daylight-saving rule of every cut-off, as the main process applies it. */
const DAYLIGHT_SAVING_RULE =
  "A local time that occurs twice because the clocks go back is read as the first of the two instants. A local time that does not exist because the clocks go forward is moved forward by the length of the gap.";

type OrderRowsProps = { rows: ProofRow[]; timeZone: string; label: string };

function OrderRows({ rows, timeZone, label }: OrderRowsProps) {
  return (
    <table className="proof-rows" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Cart order id</th>
          <th scope="col">Created (store time)</th>
          <th scope="col">Set</th>
          <th scope="col">Total</th>
          <th scope="col">Reason, or what to do</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.cartOrderId}
            className={row.foundIn.length > 1 ? "doubled" : row.set}
          >
            <td>{row.orderNumber}</td>
            <td>{row.cartOrderId}</td>
            <td>{formatInZone(row.createdAtUtc, timeZone)}</td>
            <td>
              {PROOF_SET_LABELS[row.set]}
              {row.foundIn.length > 1
                ? ` (doubled: ${row.foundIn.map((set) => PROOF_SET_LABELS[set]).join(" and ")})`
                : ""}
            </td>
            <td>{formatMoney(row.totalMinor, row.currency)}</td>
            <td>{row.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CutoffFacts({ report }: { report: ProofReport }) {
  const userZone = machineTimeZone();
  return (
    <dl className="facts">
      <dt>Cut-off, store time ({report.timeZone})</dt>
      <dd>{formatInZone(report.cutoffUtc, report.timeZone)}</dd>
      <dt>Cut-off, UTC</dt>
      <dd>{formatUtc(report.cutoffUtc)}</dd>
      {userZone !== report.timeZone ? (
        <>
          <dt>Cut-off, your time ({userZone})</dt>
          <dd>{formatInZone(report.cutoffUtc, userZone)}</dd>
        </>
      ) : null}
      <dt>Daylight-saving rule</dt>
      <dd>{DAYLIGHT_SAVING_RULE}</dd>
      <dt>Orders covered</dt>
      <dd>
        Created from {formatInZone(report.window.fromUtc, report.timeZone)} up
        to, not including, {formatInZone(report.window.toUtc, report.timeZone)}
      </dd>
    </dl>
  );
}

/** Shows one proof: the verdict, what to do, counts and totals, the timeline and the orders. */
export function ProofView({ report }: { report: ProofReport }) {
  const [verdict, ...details] = report.messages;
  const problems = report.rows.filter(
    (row) => row.set === "missing" || row.foundIn.length > 1,
  );

  return (
    <section className="proof-view" aria-labelledby="proof-result-heading">
      <h3 id="proof-result-heading">Result</h3>
      <p
        role="status"
        className={report.clean ? "proof-verdict clean" : "proof-verdict problem"}
      >
        {verdict}
      </p>
      {details.length ? (
        <ul className="proof-messages">
          {details.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <CutoffFacts report={report} />

      <table className="proof-counts" aria-label="Orders and totals per set">
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Orders</th>
            <th scope="col">Totals</th>
          </tr>
        </thead>
        <tbody>
          {PROOF_SETS.map((set) => (
            <tr key={set}>
              <th scope="row">{PROOF_SET_LABELS[set]}</th>
              <td>{report.counts[set]}</td>
              <td>
                <TotalsList totalsByCurrency={report.totalsByCurrency[set]} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Doubled</th>
            <td>{report.counts.doubled}</td>
            <td />
          </tr>
        </tbody>
      </table>

      <ProofTimeline report={report} />

      {problems.length ? (
        <>
          <h4>Orders to act on</h4>
          <OrderRows rows={problems} timeZone={report.timeZone} label="Orders to act on" />
        </>
      ) : null}
      {report.files ? (
        <dl className="facts">
          <dt>Report to send on</dt>
          <dd className="path">{report.files.html}</dd>
          <dt>Rows as .xlsx</dt>
          <dd className="path">{report.files.spreadsheet}</dd>
        </dl>
      ) : null}
      <details>
        <summary>Every order ({report.rows.length})</summary>
        <OrderRows rows={report.rows} timeZone={report.timeZone} label="Every order" />
      </details>
    </section>
  );
}
