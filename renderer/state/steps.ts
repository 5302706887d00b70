import type { AppState, PreviewView } from "../../preload/contract.js";

export const STEP_IDS = [
  "connect",
  "test-import",
  "cutoff",
  "go-live",
  "monitor",
  "proof",
] as const;

export type StepId = (typeof STEP_IDS)[number];

/** The step headings. End-to-end tests find the steps by these names. */
export const STEP_TITLES: Record<StepId, string> = {
  connect: "Connect",
  "test-import": "Test import",
  cutoff: "Cut-off and export",
  "go-live": "Go live",
  monitor: "Monitor",
  proof: "Proof",
};

/** Returns whether the last export was made for the cut-off that is set now. */
export function isExportCurrent(appState: AppState): boolean {
  const { cutoff, exportSummary } = appState;
  if (!cutoff || !exportSummary) return false;
  return Date.parse(cutoff.cutoffUtc) === Date.parse(exportSummary.cutoffUtc);
}

/**
 * Returns whether the user has finished a step, judged from the saved state.
 */
export function isStepDone(step: StepId, appState: AppState): boolean {
  switch (step) {
    case "connect":
      return appState.connection !== null;
    case "test-import":
      return appState.dryRun !== null;
    case "cutoff":
      return isExportCurrent(appState);
    case "go-live":
      return appState.goLive !== null;
    case "monitor":
    case "proof":
      return false;
  }
}

/**
 * Returns whether a step may be opened: every earlier step is done. Two
 * exceptions keep the app usable: a saved preview opened from a file is
 * viewable with no connection, and a sync that is Running (for example after a
 * restart) always has its monitor. The proof follows its own rule, because the
 * Monitor before it is never done: it opens once Auto Sync has run at least
 * once, or once a proof exists (for example one run from the command line).
 */
export function isStepReachable(
  step: StepId,
  appState: AppState,
  preview: PreviewView | null,
  proofExists = false,
): boolean {
  if (step === "test-import" && preview?.openedFromFile) return true;
  if (step === "monitor" && appState.sync.state === "Running") return true;
  if (step === "proof") {
    return appState.sync.history.length > 0 || proofExists;
  }

  const index = STEP_IDS.indexOf(step);
  return STEP_IDS.slice(0, index).every((earlier) =>
    isStepDone(earlier, appState),
  );
}

/**
 * Returns the step to show on start: the monitor while Running, else the first
 * unfinished step.
 */
export function initialStepOf(appState: AppState): StepId {
  if (appState.sync.state === "Running") return "monitor";
  return STEP_IDS.find((step) => !isStepDone(step, appState)) ?? "monitor";
}
