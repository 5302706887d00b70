import { InstantText } from "../components/instant-text.js";
import type { ConnectionState } from "../../preload/contract.js";
import { PLATFORM_LABELS } from "../format/labels.js";

/**
 * Shows what the last connection test found, with its warnings in a box of
 * their own.
 */
export function ConnectionReportView({
  connection,
}: {
  connection: ConnectionState;
}) {
  const { report } = connection;
  return (
    <section
      className="connection-report"
      aria-labelledby="connection-report-heading"
    >
      <h3 id="connection-report-heading">Connection test</h3>
      <dl className="facts">
        <dt>Store</dt>
        <dd>{report.storeName}</dd>
        <dt>Platform</dt>
        <dd>{PLATFORM_LABELS[report.platform]}</dd>
        <dt>Time zone</dt>
        <dd>{report.timeZone}</dd>
        <dt>Currency</dt>
        <dd>{report.currency}</dd>
        <dt>Granted permissions</dt>
        <dd>
          {report.grantedScopes.length > 0
            ? report.grantedScopes.join(", ")
            : "none reported"}
        </dd>
        <dt>Orders in the store</dt>
        <dd>
          {report.orderCount === null
            ? "not reported by this platform"
            : report.orderCount.toLocaleString("en-US")}
        </dd>
        {report.visibleSinceUtc ? (
          <>
            <dt>Orders visible since</dt>
            <dd>
              <InstantText
                instantUtc={report.visibleSinceUtc}
                timeZone={report.timeZone}
              />
            </dd>
          </>
        ) : null}
        <dt>Tested</dt>
        <dd>
          <InstantText
            instantUtc={connection.testedAtUtc}
            timeZone={report.timeZone}
          />
        </dd>
      </dl>

      {report.warnings.length > 0 ? (
        <div
          className="warning-box"
          role="note"
          aria-labelledby="connection-warnings-heading"
        >
          <h4 id="connection-warnings-heading">Warnings</h4>
          <ul>
            {report.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
