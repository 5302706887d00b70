import { useCallback, useState } from "react";
import type { SyncStatus } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { useAction } from "../state/use-action.js";
import {
  storeTimeZoneOf,
  useAppState,
  useWizardStore,
} from "../state/wizard-store.js";
import { DestinationLine } from "./destination-line.js";
import { ChangedOrders, FailedOrders } from "./failed-orders.js";
import { OrderBookList } from "./order-book-list.js";
import { latestEndedRunOf, RunHistory } from "./run-history.js";
import { SyncOverview } from "./sync-overview.js";
import { useSyncPolling } from "./use-sync-polling.js";

/**
 * Renders step 5: Auto Sync's status, failures, history and controls, and the
 * order book.
 */
export function MonitorStep() {
  const appState = useAppState();
  const setSyncStatus = useWizardStore((state) => state.setSyncStatus);
  const refresh = useWizardStore((state) => state.refresh);
  const goTo = useWizardStore((state) => state.goTo);
  const control = useAction();
  const [pollError, setPollError] = useState<string | null>(null);
  const [retryingOrderId, setRetryingOrderId] = useState<string | null>(null);

  const onStatus = useCallback(
    (status: SyncStatus) => setSyncStatus(status),
    [setSyncStatus],
  );
  useSyncPolling(onStatus, setPollError);

  const sync = appState.sync;
  const timeZone = storeTimeZoneOf(appState);
  const latestRun = latestEndedRunOf(sync.history);
  const foundNoNewOrders =
    latestRun !== null &&
    latestRun.error === null &&
    !latestRun.credentialAlert &&
    latestRun.imported === 0 &&
    latestRun.failed === 0;

  async function runControl(call: () => Promise<SyncStatus>) {
    const status = await control.run(call);
    if (status) setSyncStatus(status);
    await refresh();
  }

  async function retry(cartOrderId: string) {
    setRetryingOrderId(cartOrderId);
    await runControl(() => getApi().syncRetryOrder({ cartOrderId }));
    setRetryingOrderId(null);
  }

  const blockers = appState.startBlockers;
  const isRunning = sync.state === "Running";

  return (
    <section className="step" aria-labelledby="step-heading">
      <h2 id="step-heading">Monitor</h2>
      <SyncOverview sync={sync} timeZone={timeZone} />
      <DestinationLine destination={appState.destination} />

      {sync.credentialAlert ? (
        <div className="credential-alert" role="alert">
          <h3>The cart rejected the credentials</h3>
          <p>{sync.credentialAlert}</p>
          <button type="button" onClick={() => goTo("connect")}>
            Go to Connect
          </button>
        </div>
      ) : foundNoNewOrders ? (
        <p className="no-new-orders" role="status">
          The last run found no new orders.
        </p>
      ) : null}

      <div className="sync-controls">
        <button
          type="button"
          disabled={!isRunning || control.pending}
          onClick={() => void runControl(() => getApi().syncStop({}))}
        >
          Stop
        </button>
        <button
          type="button"
          className="primary"
          disabled={isRunning || blockers.length > 0 || control.pending}
          onClick={() => void runControl(() => getApi().syncStart({}))}
        >
          Start
        </button>
        <button
          type="button"
          disabled={sync.busy || control.pending}
          onClick={() => void runControl(() => getApi().syncRunNow({}))}
        >
          Import new orders now
        </button>
      </div>
      {!isRunning && blockers.length > 0 ? (
        <ul className="blockers" aria-label="Start blockers">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      ) : null}
      <ErrorAlert message={control.errorMessage} />
      <ErrorAlert message={pollError} />

      <FailedOrders
        orders={sync.failedOrders}
        timeZone={timeZone}
        retryingOrderId={retryingOrderId}
        onRetry={(cartOrderId) => void retry(cartOrderId)}
      />
      <ChangedOrders orders={sync.changedOrders} timeZone={timeZone} />
      <RunHistory runs={sync.history} timeZone={timeZone} />
      <OrderBookList timeZone={timeZone} reloadKey={sync.ordersImported} />
    </section>
  );
}
