import { useState } from "react";
import type { CutoffState } from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { ErrorAlert } from "../components/error-alert.js";
import { InstantText } from "../components/instant-text.js";
import { isExportCurrent } from "../state/steps.js";
import { useAction } from "../state/use-action.js";
import {
  storeTimeZoneOf,
  useAppState,
  useWizardStore,
} from "../state/wizard-store.js";
import { CutoffForm } from "./cutoff-form.js";
import { ExportPanel } from "./export-panel.js";
import { resolutionSentenceOf } from "./resolution-sentence.js";

function ChosenCutoff({ cutoff }: { cutoff: CutoffState }) {
  const sentence = resolutionSentenceOf(cutoff);
  return (
    <div className="chosen-cutoff" role="status">
      <p>
        Cut-off set:{" "}
        <InstantText instantUtc={cutoff.cutoffUtc} timeZone={cutoff.timeZone} />
      </p>
      {sentence ? <p className="resolution-note">{sentence}</p> : null}
    </div>
  );
}

/**
 * Renders step 3: the cut-off in the store's zone and the export of the open
 * orders before it.
 */
export function CutoffStep() {
  const appState = useAppState();
  const refresh = useWizardStore((state) => state.refresh);
  const goTo = useWizardStore((state) => state.goTo);
  const setCutoff = useAction();
  const [chosen, setChosen] = useState<CutoffState | null>(null);

  const timeZone = storeTimeZoneOf(appState);
  const cutoff = chosen ?? appState.cutoff;

  async function submit(wallClock: string) {
    const result = await setCutoff.run(() => getApi().cutoffSet({ wallClock }));
    if (result) setChosen(result);
    await refresh();
  }

  if (!timeZone) {
    return (
      <section className="step" aria-labelledby="step-heading">
        <h2 id="step-heading">Cut-off and export</h2>
        <p>
          Test the connection first, because the cut-off is read in the
          store's time zone, which the test reports.
        </p>
      </section>
    );
  }

  return (
    <section className="step" aria-labelledby="step-heading">
      <h2 id="step-heading">Cut-off and export</h2>
      <p className="step-intro">
        Orders placed before the cut-off go to the old system. Orders placed at
        or after it are imported by Auto Sync.
      </p>

      <CutoffForm
        timeZone={timeZone}
        initialWallClock={appState.cutoff?.wallClock ?? ""}
        setCutoffUtc={cutoff?.cutoffUtc ?? null}
        disabled={setCutoff.pending}
        onSet={(wallClock) => void submit(wallClock)}
      />
      <ErrorAlert message={setCutoff.errorMessage} />
      {cutoff ? <ChosenCutoff cutoff={cutoff} /> : null}

      <ExportPanel
        cutoffUtc={cutoff?.cutoffUtc ?? null}
        savedSummary={appState.exportSummary}
        timeZone={timeZone}
        onFinished={() => void refresh()}
      />

      {isExportCurrent(appState) ? (
        <button type="button" onClick={() => goTo("go-live")}>
          Continue to Go live
        </button>
      ) : null}
    </section>
  );
}
