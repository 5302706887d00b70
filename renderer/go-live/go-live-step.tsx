import { useState } from "react";
import type { SeamCheck } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { useAction } from "../state/use-action.js";
import {
  storeTimeZoneOf,
  useAppState,
  useWizardStore,
} from "../state/wizard-store.js";
import {
  DestinationForm,
  type DestinationRequest,
} from "./destination-form.js";
import { GoLiveForm, type GoLiveRequest } from "./go-live-form.js";
import { SeamCheckView } from "./seam-check-view.js";
import { StartPanel } from "./start-panel.js";

/**
 * Renders "Where orders go" with its own save. It needs no cut-off, so it is
 * shown even before one is set.
 */
function DestinationSection() {
  const appState = useAppState();
  const setAppState = useWizardStore((state) => state.setAppState);
  const saveDestination = useAction();
  // Counts saved destinations, so that the form starts afresh after each save
  // and a typed access token does not stay on screen.
  const [destinationSaves, setDestinationSaves] = useState(0);

  async function submitDestination(request: DestinationRequest) {
    const result = await saveDestination.run(() =>
      getApi().destinationSave(request),
    );
    if (!result) return;
    setAppState(result);
    setDestinationSaves((count) => count + 1);
  }

  return (
    <>
      <DestinationForm
        key={destinationSaves}
        destination={appState.destination}
        isRunning={appState.sync.state === "Running"}
        pending={saveDestination.pending}
        onSave={(request) => void submitDestination(request)}
      />
      <ErrorAlert message={saveDestination.errorMessage} />
    </>
  );
}

/**
 * Renders step 4: the Auto Sync settings, the seam check against the export,
 * where orders go, and Start.
 */
export function GoLiveStep() {
  const appState = useAppState();
  const refresh = useWizardStore((state) => state.refresh);
  const setSyncStatus = useWizardStore((state) => state.setSyncStatus);
  const goTo = useWizardStore((state) => state.goTo);
  const save = useAction();
  const start = useAction();
  const [seamCheck, setSeamCheck] = useState<SeamCheck | null>(null);

  const timeZone = storeTimeZoneOf(appState);
  const cutoff = appState.cutoff;

  async function submit(request: GoLiveRequest) {
    const result = await save.run(() => getApi().goLiveSave(request));
    if (result) setSeamCheck(result);
    await refresh();
  }

  async function startSync() {
    const sync = await start.run(() => getApi().syncStart({}));
    await refresh();
    if (sync) {
      setSyncStatus(sync);
      goTo("monitor");
    }
  }

  if (!timeZone || !cutoff) {
    return (
      <section className="step" aria-labelledby="step-heading">
        <h2 id="step-heading">Go live</h2>
        <p className="step-intro">
          Set the cut-off first, because Import Orders from defaults to it.
        </p>
        <button type="button" onClick={() => goTo("cutoff")}>
          Back to Cut-off and export
        </button>
        <DestinationSection />
      </section>
    );
  }

  return (
    <section className="step" aria-labelledby="step-heading">
      <h2 id="step-heading">Go live</h2>
      <GoLiveForm
        saved={appState.goLive}
        cutoffUtc={cutoff.cutoffUtc}
        timeZone={timeZone}
        disabled={save.pending}
        onSave={(request) => void submit(request)}
      />
      <ErrorAlert message={save.errorMessage} />
      {seamCheck ? (
        <SeamCheckView seamCheck={seamCheck} timeZone={timeZone} />
      ) : null}

      <DestinationSection />

      <StartPanel
        blockers={appState.startBlockers}
        isRunning={appState.sync.state === "Running"}
        pending={start.pending}
        onStart={() => void startSync()}
      />
      <ErrorAlert message={start.errorMessage} />
    </section>
  );
}
