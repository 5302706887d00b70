import { STEP_IDS, type StepId } from "./steps.js";

/**
 * The sessionStorage key of the step on screen. sessionStorage belongs to
 * one window or tab and survives a reload of its page, but a new window
 * starts without it, so a fresh start still opens the first unfinished step.
 */
const STEP_KEY = "cart-cutover.step";

/** Returns the step on screen before the page was reloaded, or null. */
export function rememberedStep(): StepId | null {
  try {
    const stored = window.sessionStorage.getItem(STEP_KEY);
    return STEP_IDS.find((step) => step === stored) ?? null;
  } catch {
    // Storage can be switched off. The wizard then opens as on a fresh start.
    return null;
  }
}

/** Stores the step on screen, so that a reload of the page reopens it. */
export function rememberStep(step: StepId): void {
  try {
    window.sessionStorage.setItem(STEP_KEY, step);
  } catch {
    // Without storage a reload opens the first unfinished step.
  }
}

/** Removes the stored step, for tests. */
export function removeRememberedStep(): void {
  try {
    window.sessionStorage.removeItem(STEP_KEY);
  } catch {
    // Storage is switched off, so nothing was stored.
  }
}
