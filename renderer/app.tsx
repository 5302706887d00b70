import { useEffect } from "react";
import { ConnectStep } from "./connect/connect-step.js";
import { CutoffStep } from "./cutoff/cutoff-step.js";
import { DryRunStep } from "./dry-run/dry-run-step.js";
import { GoLiveStep } from "./go-live/go-live-step.js";
import { MonitorStep } from "./monitor/monitor-step.js";
import { ProofStep } from "./proof/proof-step.js";
import { isStepReachable, type StepId } from "./state/steps.js";
import { useWizardStore } from "./state/wizard-store.js";
import { StepList } from "./step-list.js";

function StepView({ step }: { step: StepId }) {
  switch (step) {
    case "connect":
      return <ConnectStep />;
    case "test-import":
      return <DryRunStep />;
    case "cutoff":
      return <CutoffStep />;
    case "go-live":
      return <GoLiveStep />;
    case "monitor":
      return <MonitorStep />;
    case "proof":
      return <ProofStep />;
  }
}

/**
 * Renders the wizard. It loads the state from the main process, then shows the
 * step list and one step.
 */
export function App() {
  const appState = useWizardStore((state) => state.appState);
  const loadError = useWizardStore((state) => state.loadError);
  const step = useWizardStore((state) => state.step);
  const preview = useWizardStore((state) => state.preview);
  const proofExists = useWizardStore((state) => state.proofExists);
  const refresh = useWizardStore((state) => state.refresh);
  const goTo = useWizardStore((state) => state.goTo);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!appState) {
    return (
      <main className="app-loading">
        <h1>Cart Cutover</h1>
        {loadError ? (
          <>
            <p role="alert">{loadError}</p>
            <button type="button" onClick={() => void refresh()}>
              Try again
            </button>
          </>
        ) : (
          <p role="status">Loading…</p>
        )}
      </main>
    );
  }

  // A step can become unreachable after a refresh, for example when a new
  // connection test fails. The first step is shown then.
  const shownStep = isStepReachable(step, appState, preview, proofExists)
    ? step
    : "connect";

  return (
    <div className="app">
      <header className="app-header">
        <h1>Cart Cutover</h1>
        <p className={`header-sync sync-${appState.sync.state.toLowerCase()}`}>
          Auto Sync: {appState.sync.state}
        </p>
      </header>
      <StepList
        appState={appState}
        preview={preview}
        proofExists={proofExists}
        current={shownStep}
        onChoose={goTo}
      />
      <main className="step-area">
        {loadError ? <p role="alert">{loadError}</p> : null}
        <StepView step={shownStep} />
      </main>
    </div>
  );
}
