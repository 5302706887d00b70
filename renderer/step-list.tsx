import type { AppState, PreviewView } from "../preload/contract.js";
import {
  isStepDone,
  isStepReachable,
  STEP_IDS,
  STEP_TITLES,
  type StepId,
} from "./state/steps.js";

type StepListProps = {
  appState: AppState;
  preview: PreviewView | null;
  /** Whether a saved proof exists, which opens the Proof step. */
  proofExists: boolean;
  current: StepId;
  onChoose: (step: StepId) => void;
};

/**
 * Renders the left-hand list of steps. A step opens once the steps before it
 * are done, except the Proof, which opens once Auto Sync has run or a proof
 * exists. Each button's name is the step's title alone, so tests find it.
 */
export function StepList({
  appState,
  preview,
  proofExists,
  current,
  onChoose,
}: StepListProps) {
  return (
    <nav className="step-list" aria-label="Steps">
      <ol>
        {STEP_IDS.map((step, index) => {
          const done = isStepDone(step, appState);
          return (
            <li key={step} className={done ? "step-done" : undefined}>
              <button
                type="button"
                aria-current={step === current ? "step" : undefined}
                disabled={
                  !isStepReachable(step, appState, preview, proofExists)
                }
                onClick={() => onChoose(step)}
              >
                <span className="step-number" aria-hidden="true">
                  {done ? "✓" : index + 1}
                </span>
                {STEP_TITLES[step]}
              </button>
              {done ? <span className="visually-hidden">done</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
