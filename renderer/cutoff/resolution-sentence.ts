import type { CutoffState } from "../../preload/contract.js";
import { formatUtc } from "../format/zoned-time.js";

/**
 * Returns the sentence that explains which instant a wall-clock cut-off
 * became when the clocks changed that day, or null when the time was exact.
 */
export function resolutionSentenceOf(cutoff: CutoffState): string | null {
  const wallClock = cutoff.wallClock.replace("T", " ");
  const chosen = `${cutoff.shownInStoreZone}, which is ${formatUtc(cutoff.cutoffUtc)}`;
  const zone = cutoff.timeZone;
  switch (cutoff.resolution) {
    case "exact":
      return null;
    case "repeated":
      return (
        `${wallClock} happens twice in ${zone} on that day, because the clocks go back. ` +
        `The cut-off is the earlier of the two instants: ${chosen}.`
      );
    case "skipped":
      return (
        `${wallClock} does not exist in ${zone} on that day, because the clocks go forward. ` +
        `The cut-off moved forward by the length of the jump, to ${chosen}.`
      );
  }
}
