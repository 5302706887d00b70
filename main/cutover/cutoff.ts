import type { CutoffState } from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";
import { formatInZone, resolveWallClock } from "../time/zoned-time.js";

/**
 * Turns a cut-off typed in the store's zone into one UTC instant. The split
 * is half-open: an order created before it belongs to the old system, at or
 * after it to the sync. A cut-off in the future is refused, because orders
 * placed after the export would then belong to neither side.
 */
export function resolveCutoff(wallClock: string, timeZone: string, nowMs: number): CutoffState {
  let resolved;
  try {
    resolved = resolveWallClock(wallClock, timeZone);
  } catch {
    throw new UserError("cutoff-invalid", `"${wallClock}" is not a valid date and time. Enter the cut-off like 2026-03-01 09:00.`);
  }
  if (Date.parse(resolved.utc) > nowMs) {
    throw new UserError(
      "cutoff-in-future",
      `The cut-off ${formatInZone(resolved.utc, timeZone)} is in the future. Orders placed between now and then would not be in the export. Choose an instant that has already passed, usually the moment fulfilment stopped in the old system.`,
    );
  }
  return {
    cutoffUtc: resolved.utc,
    timeZone,
    wallClock,
    resolution: resolved.kind,
    shownInStoreZone: formatInZone(resolved.utc, timeZone),
  };
}

/** Explains how a wall-clock time that a daylight-saving change skips or repeats was resolved. */
export function describeResolution(cutoff: CutoffState): string | null {
  if (cutoff.resolution === "repeated") {
    return `${cutoff.wallClock.replace("T", " ")} happens twice in ${cutoff.timeZone} because the clocks go back; the first of the two was taken: ${cutoff.shownInStoreZone}, ${cutoff.cutoffUtc} UTC.`;
  }
  if (cutoff.resolution === "skipped") {
    return `${cutoff.wallClock.replace("T", " ")} does not exist in ${cutoff.timeZone} because the clocks go forward; it was moved forward by the gap to ${cutoff.shownInStoreZone}, ${cutoff.cutoffUtc} UTC.`;
  }
  return null;
}

/** The daylight-saving rule every cut-off and every local time follows. */
export const DAYLIGHT_SAVING_RULE =
  "A local time that occurs twice because the clocks go back is read as the first of the two instants. A local time that does not exist because the clocks go forward is moved forward by the length of the gap.";

/**
 * Returns the lines that show a cut-off: the store's zone, UTC, the user's
 * own zone when it differs, how a daylight-saving change was resolved, and
 * the rule itself.
 */
export function cutoffLines(cutoff: CutoffState, userTimeZone: string): string[] {
  const lines = [
    `Cut-off: ${formatInZone(cutoff.cutoffUtc, cutoff.timeZone)} in the store's zone, ${cutoff.timeZone}`,
    `Cut-off in UTC: ${cutoff.cutoffUtc}`,
  ];
  if (userTimeZone !== cutoff.timeZone) {
    lines.push(`Cut-off in your zone, ${userTimeZone}: ${formatInZone(cutoff.cutoffUtc, userTimeZone)}`);
  }
  const resolution = describeResolution(cutoff);
  if (resolution) lines.push(resolution);
  lines.push(`Daylight-saving rule: ${DAYLIGHT_SAVING_RULE}`);
  lines.push("Orders created before the cut-off belong to the old system; orders created at or after it belong to the sync.");
  return lines;
}
