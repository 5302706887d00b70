import type { ExportStatus, ExportSummary } from "../../preload/contract.js";
import { ErrorAlert } from "../components/error-alert.js";
import { InstantText } from "../components/instant-text.js";
import { TotalsList } from "../components/totals-list.js";
import { useExportProgress } from "./use-export-progress.js";

function countOf(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : `${noun}s`}`;
}

function ExportProgressBar({ status }: { status: ExportStatus }) {
  const { ordersDone, ordersTotal } = status;
  const text =
    ordersTotal === null
      ? `Exported ${countOf(ordersDone, "order")}. The cart has not reported the total yet.`
      : `Exported ${ordersDone.toLocaleString("en-US")} of ${countOf(ordersTotal, "order")}.`;
  const percent =
    ordersTotal && ordersTotal > 0
      ? Math.min(100, (ordersDone / ordersTotal) * 100)
      : null;

  return (
    <div className="export-progress">
      <div
        role="progressbar"
        aria-label="Export progress"
        aria-valuemin={0}
        aria-valuemax={ordersTotal ?? undefined}
        aria-valuenow={ordersDone}
        aria-valuetext={text}
        className={
          percent === null ? "progress-track indeterminate" : "progress-track"
        }
      >
        <div
          className="progress-fill"
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p role="status">{text}</p>
    </div>
  );
}

function ExportSummaryView({
  summary,
  timeZone,
}: {
  summary: ExportSummary;
  timeZone: string;
}) {
  return (
    <section
      className="export-summary"
      aria-labelledby="export-summary-heading"
    >
      <h3 id="export-summary-heading">Export summary</h3>
      <dl className="facts">
        <dt>Cut-off</dt>
        <dd>
          <InstantText instantUtc={summary.cutoffUtc} timeZone={timeZone} />
        </dd>
        <dt>Orders</dt>
        <dd>{summary.orders.toLocaleString("en-US")}</dd>
        <dt>Lines</dt>
        <dd>{summary.lines.toLocaleString("en-US")}</dd>
        <dt>Totals</dt>
        <dd>
          <TotalsList totalsByCurrency={summary.totalsByCurrency} />
        </dd>
        {summary.ordersToCheck ? (
          <>
            <dt>Orders to check</dt>
            <dd>
              {summary.ordersToCheck.toLocaleString("en-US")} would not import
              as the cart has them. The Instructions tab of the .xlsx and the
              summary file name them and say why.
            </dd>
          </>
        ) : null}
        <dt>Files written</dt>
        <dd>
          <ul className="file-list">
            {summary.files.map((file) => (
              <li key={file} className="path">
                {file}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

type ExportPanelProps = {
  /** The cut-off set now, or null, which disables the export. */
  cutoffUtc: string | null;
  /** The summary from the app state, shown until a new export ends. */
  savedSummary: ExportSummary | null;
  timeZone: string;
  onFinished: () => void;
};

/** Returns whether a summary belongs to another cut-off than the one set. */
function isStale(summary: ExportSummary, cutoffUtc: string | null): boolean {
  if (cutoffUtc === null) return true;
  return Date.parse(summary.cutoffUtc) !== Date.parse(cutoffUtc);
}

/**
 * Renders the export of the open orders before the cut-off: its button,
 * progress, Cancel and the summary.
 */
export function ExportPanel({
  cutoffUtc,
  savedSummary,
  timeZone,
  onFinished,
}: ExportPanelProps) {
  const { status, errorMessage, start, cancel } = useExportProgress(onFinished);
  const isRunning = status?.state === "running";
  const summary = status?.summary ?? savedSummary;

  return (
    <section className="export-panel" aria-labelledby="export-heading">
      <h3 id="export-heading">Export</h3>
      <p className="hint">
        Writes the orders placed before the cut-off that are still open, as CSV
        and as an .xlsx laid out like the Upload Transactions "Sales Orders"
        sheet, for the old system.
      </p>
      <button
        type="button"
        disabled={cutoffUtc === null || isRunning}
        onClick={() => void start()}
      >
        Export open orders before the cut-off
      </button>

      {status && isRunning ? (
        <>
          <ExportProgressBar status={status} />
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </>
      ) : null}
      {status?.state === "cancelled" ? (
        <p role="status">The export was cancelled.</p>
      ) : null}
      <ErrorAlert
        message={
          status?.state === "failed"
            ? (status.error ?? "The export failed. Start it again.")
            : null
        }
      />
      <ErrorAlert message={errorMessage} />

      {summary && !isRunning ? (
        <>
          {isStale(summary, cutoffUtc) ? (
            <p className="warning-box">
              This export was made for another cut-off. Export again, so that
              the files match the cut-off set now.
            </p>
          ) : null}
          <ExportSummaryView summary={summary} timeZone={timeZone} />
        </>
      ) : null}
    </section>
  );
}
