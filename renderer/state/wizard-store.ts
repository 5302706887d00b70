import { create } from "zustand";
import type {
  AppState,
  PreviewView,
  SyncStatus,
} from "../../preload/contract.js";
import { getApi } from "../bridge/api.js";
import { errorMessageOf } from "./error-message.js";
import {
  rememberedStep,
  rememberStep,
  removeRememberedStep,
} from "./step-memory.js";
import { initialStepOf, isStepReachable, type StepId } from "./steps.js";

type WizardState = {
  appState: AppState | null;
  /** The sentence from a failed app:get-state, shown instead of the wizard. */
  loadError: string | null;
  step: StepId;
  /**
   * The dry run on screen: the last one run in this session, or one opened from
   * a file.
   */
  preview: PreviewView | null;
  /** Whether the main process has a saved proof, which opens the Proof step. */
  proofExists: boolean;
};

type WizardActions = {
  /**
   * Loads the state from the main process. The first load also picks the step
   * to show.
   */
  refresh: () => Promise<void>;
  setAppState: (appState: AppState) => void;
  setSyncStatus: (sync: SyncStatus) => void;
  setPreview: (preview: PreviewView | null) => void;
  setProofExists: (proofExists: boolean) => void;
  goTo: (step: StepId) => void;
};

const initialWizardState: WizardState = {
  appState: null,
  loadError: null,
  step: "connect",
  preview: null,
  proofExists: false,
};

/**
 * Returns the step to open on the first load: the step on screen before a
 * reload of the page while it can still be opened, else the first unfinished
 * step. The preview and a saved proof are not known yet, so a step that only
 * they open falls back to the first unfinished step.
 */
function firstStepOf(appState: AppState): StepId {
  const remembered = rememberedStep();
  if (remembered && isStepReachable(remembered, appState, null)) {
    return remembered;
  }
  return initialStepOf(appState);
}

/**
 * Returns whether a saved proof exists. A failed look-up counts as none,
 * because it only decides whether the Proof step opens early.
 */
async function hasSavedProof(): Promise<boolean> {
  try {
    return (await getApi().proofLatest({})) !== null;
  } catch {
    return false;
  }
}

export const useWizardStore = create<WizardState & WizardActions>()(
  (set, get) => ({
    ...initialWizardState,

    refresh: async () => {
      try {
        const appState = await getApi().appGetState({});
        const isFirstLoad = get().appState === null;
        set({
          appState,
          loadError: null,
          ...(isFirstLoad ? { step: firstStepOf(appState) } : {}),
        });
      } catch (error) {
        set({ loadError: errorMessageOf(error) });
        return;
      }
      // Auto Sync's history opens the Proof step by itself, so the saved
      // proof is looked up only while the history is empty.
      const { appState, proofExists } = get();
      if (appState && appState.sync.history.length === 0 && !proofExists) {
        set({ proofExists: await hasSavedProof() });
      }
    },

    setAppState: (appState) => set({ appState }),

    setSyncStatus: (sync) => {
      const appState = get().appState;
      if (appState) set({ appState: { ...appState, sync } });
    },

    setPreview: (preview) => set({ preview }),

    setProofExists: (proofExists) => set({ proofExists }),

    goTo: (step) => {
      rememberStep(step);
      set({ step });
    },
  }),
);

/**
 * Puts the store back to its first state and removes the stored step, for
 * tests.
 */
export function resetWizardStore(): void {
  removeRememberedStep();
  useWizardStore.setState(initialWizardState);
}

/**
 * Returns the loaded app state. The app renders a step only after the first
 * load, so a step that calls this before then is a programming error.
 */
export function useAppState(): AppState {
  const appState = useWizardStore((state) => state.appState);
  if (!appState) throw new Error("The app state is read before it was loaded.");
  return appState;
}

/**
 * Returns the store's IANA zone, or null before a connection test has
 * reported one. The cut-off keeps the zone it was set in.
 */
export function storeTimeZoneOf(appState: AppState): string | null {
  return (
    appState.cutoff?.timeZone ?? appState.connection?.report.timeZone ?? null
  );
}
