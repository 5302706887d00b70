import type { CutoffState } from "../../preload/contract.js";
import {
  formatInZone,
  formatUtc,
  resolveWallClock,
  withoutFractionalSeconds,
  type WallClockResolution,
} from "../format/zoned-time.js";

type ResolvedWallClock = {
  /** The wall-clock time as typed, "YYYY-MM-DDTHH:mm[:ss]". */
  wallClock: string;
  timeZone: string;
  cutoffUtc: string;
  shownInStoreZone: string;
  resolution: WallClockResolution["resolution"];
};

/**
 * Builds the sentence for a wall-clock time that a daylight-saving change
 * repeats or skips. `isSet` chooses between the past tense, for the cut-off
 * main stored, and the future tense, for the time still being typed.
 */
function sentenceOf(
  resolved: ResolvedWallClock,
  isSet: boolean,
): string | null {
  const wallClock = resolved.wallClock.replace("T", " ");
  const chosen = `${resolved.shownInStoreZone}, which is ${formatUtc(resolved.cutoffUtc)}`;
  const zone = resolved.timeZone;
  switch (resolved.resolution) {
    case "exact":
      return null;
    case "repeated":
      return (
        `${wallClock} happens twice in ${zone} on that day, because the clocks go back. ` +
        `The cut-off ${isSet ? "is" : "will be"} the earlier of the two instants: ${chosen}.`
      );
    case "skipped":
      return (
        `${wallClock} does not exist in ${zone} on that day, because the clocks go forward. ` +
        `The cut-off ${isSet ? "moved" : "will move"} forward by the length of the jump, to ${chosen}.`
      );
  }
}

/**
 * Returns the sentence that explains which instant a wall-clock cut-off
 * became when the clocks changed that day, or null when the time was exact.
 */
export function resolutionSentenceOf(cutoff: CutoffState): string | null {
  return sentenceOf(cutoff, true);
}

/**
 * Returns the sentence that explains, before Set, which instant a typed
 * wall-clock time will become when the clocks change that day. Returns null
 * when the time is exact or not a complete date and time yet. It follows the
 * main process's rule through resolveWallClock.
 */
export function typedResolutionSentenceOf(
  typedWallClock: string,
  timeZone: string,
): string | null {
  const resolved = resolveWallClock(typedWallClock, timeZone);
  if (!resolved) return null;

  return sentenceOf(
    {
      wallClock: withoutFractionalSeconds(typedWallClock),
      timeZone,
      cutoffUtc: resolved.utc,
      shownInStoreZone: formatInZone(resolved.utc, timeZone),
      resolution: resolved.resolution,
    },
    false,
  );
}
