import type { RunSummary } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";
import { EXCLUSION_LABELS, labelOf } from "../format/labels.js";

const TRIGGER_LABELS: Record<RunSummary["trigger"], string> = {
  schedule: "schedule",
  manual: "Import new orders now",
  start: "Start",
  retry: "Retry",
};

function skippedText(skipped: RunSummary["skipped"]): string {
  const parts = Object.entries(skipped)
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .map(([reason, count]) => {
      const label = labelOf(EXCLUSION_LABELS, reason).toLowerCase();
      return `${count} ${label}`;
    });
  return parts.length > 0 ? parts.join(", ") : "0";
}

/**
 * Lists the sync runs, newest first, with their window, pages, counts, retries
 * and error.
 */
export function RunHistory({
  runs,
  timeZone,
}: {
  runs: RunSummary[];
  timeZone: string | null;
}) {
  const newestFirst = [...runs].sort(
    (a, b) => Date.parse(b.startedAtUtc) - Date.parse(a.startedAtUtc),
  );
  return (
    <section aria-labelledby="run-history-heading">
      <h3 id="run-history-heading">Run history</h3>
      {newestFirst.length === 0 ? (
        <p>No run yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">Trigger</th>
                <th scope="col">Window</th>
                <th scope="col">Pages</th>
                <th scope="col">Imported</th>
                <th scope="col">Already imported</th>
                <th scope="col">Skipped</th>
                <th scope="col">Failed</th>
                <th scope="col">Retries</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((run) => (
                <tr
                  key={run.runId}
                  className={run.error ? "run-failed" : undefined}
                >
                  <td>
                    <InstantText
                      instantUtc={run.startedAtUtc}
                      timeZone={timeZone}
                    />
                  </td>
                  <td>
                    <InstantText
                      instantUtc={run.endedAtUtc}
                      timeZone={timeZone}
                      emptyText="running"
                    />
                  </td>
                  <td>{TRIGGER_LABELS[run.trigger]}</td>
                  <td>
                    {run.window ? (
                      <>
                        <InstantText
                          instantUtc={run.window.fromUtc}
                          timeZone={timeZone}
                        />{" "}
                        to{" "}
                        <InstantText
                          instantUtc={run.window.toUtc}
                          timeZone={timeZone}
                        />
                      </>
                    ) : (
                      "none"
                    )}
                  </td>
                  <td className="amount">{run.pages}</td>
                  <td className="amount">{run.imported}</td>
                  <td className="amount">{run.alreadyImported}</td>
                  <td>{skippedText(run.skipped)}</td>
                  <td className="amount">{run.failed}</td>
                  <td className="amount">{run.retries}</td>
                  <td>{run.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Returns the newest run that has ended, or null. */
export function latestEndedRunOf(runs: RunSummary[]): RunSummary | null {
  let latest: RunSummary | null = null;
  for (const run of runs) {
    if (run.endedAtUtc === null) continue;
    const isNewer =
      !latest || Date.parse(run.startedAtUtc) > Date.parse(latest.startedAtUtc);
    if (isNewer) latest = run;
  }
  return latest;
}
