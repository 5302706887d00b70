/** Hours on each side of the cut-off that the proof covers by default. */
export const DEFAULT_PROOF_HOURS = 48;

/** The largest span main accepts for a proof: 366 days on each side. */
export const MAX_PROOF_HOURS = 24 * 366;

const MAX_HOURS_TEXT = MAX_PROOF_HOURS.toLocaleString("en-US");
const MAX_TEXT = `${MAX_HOURS_TEXT} (366 days)`;

/**
 * Returns why the hours field cannot run a proof, or null when it can. The
 * text is what an input of type "number" reports, so anything that is not a
 * number arrives as "".
 */
export function proofHoursProblemOf(hoursText: string): string | null {
  if (hoursText.trim() === "") {
    return (
      "Enter how many hours before and after the cut-off the proof covers, " +
      `a whole number from 1 to ${MAX_TEXT}.`
    );
  }
  const hours = Number(hoursText);
  if (!Number.isInteger(hours)) {
    return `${hoursText} is not a whole number of hours. Enter a whole number from 1 to ${MAX_TEXT}.`;
  }
  if (hours < 1) {
    return `The proof needs at least 1 hour on each side of the cut-off. Enter a whole number from 1 to ${MAX_TEXT}.`;
  }
  if (hours > MAX_PROOF_HOURS) {
    return `The proof covers at most ${MAX_HOURS_TEXT} hours (366 days) on each side of the cut-off. Enter a smaller number.`;
  }
  return null;
}
