import type { SyncStatus } from "../../preload/contract.js";
import { InstantText } from "../components/instant-text.js";

/** Shows Auto Sync's state in large type, with its runs, marks and counts. */
export function SyncOverview({
  sync,
  timeZone,
}: {
  sync: SyncStatus;
  timeZone: string | null;
}) {
  return (
    <section className="sync-overview" aria-labelledby="sync-state-heading">
      <h3 id="sync-state-heading" className="visually-hidden">
        Auto Sync status
      </h3>
      <p
        role="status"
        className={`sync-state sync-${sync.state.toLowerCase()}`}
      >
        Auto Sync: <strong>{sync.state}</strong>
        {sync.busy ? (
          <span className="sync-busy"> · importing now</span>
        ) : null}
      </p>
      <dl className="facts">
        <dt>Last run</dt>
        <dd>
          <InstantText
            instantUtc={sync.lastRunAtUtc}
            timeZone={timeZone}
            emptyText="not run yet"
          />
        </dd>
        <dt>Next run</dt>
        <dd>
          <InstantText
            instantUtc={sync.nextRunAtUtc}
            timeZone={timeZone}
            emptyText={
              sync.state === "Running" ? "not scheduled" : "none while Stopped"
            }
          />
        </dd>
        <dt>Import Orders from</dt>
        <dd>
          <InstantText
            instantUtc={sync.importFromUtc}
            timeZone={timeZone}
            emptyText="not set"
          />
        </dd>
        <dt>Last Order from</dt>
        <dd>
          <InstantText
            instantUtc={sync.lastOrderFromUtc}
            timeZone={timeZone}
            emptyText="no order imported yet"
          />
        </dd>
        <dt>Orders imported</dt>
        <dd>{sync.ordersImported.toLocaleString("en-US")}</dd>
      </dl>
    </section>
  );
}
