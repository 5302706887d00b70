/**
 * Instants and wall-clock times for display. Every conversion names its IANA
 * zone, so the machine's own zone never changes the displayed times.
 * Instants are ISO strings in UTC. Wall-clock times are "YYYY-MM-DDTHH:mm:ss"
 * (seconds optional on input), read in the zone given beside them.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Returns the wall-clock time of an instant in a zone, as
 * "YYYY-MM-DDTHH:mm:ss".
 */
export function wallClockAt(instantMs: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of partsFormatterFor(timeZone).formatToParts(instantMs)) {
    parts[part.type] = part.value;
  }
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return `${date}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Returns the zone's offset from UTC at an instant, in minutes. */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  const wallAsUtcMs = Date.parse(`${wallClockAt(wholeSecondMs, timeZone)}Z`);
  return Math.round((wallAsUtcMs - wholeSecondMs) / MINUTE_MS);
}

export type WallClockResolution = {
  utc: string;
  /**
   * "exact" for one matching instant, "repeated" when the clock went back and
   * the earlier instant was taken, "skipped" when the clock jumped over the
   * time and it moved forward by the length of the jump.
   */
  resolution: "exact" | "repeated" | "skipped";
};

const WALL_CLOCK =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/**
 * Drops the fraction of a second from a datetime-local value. Inputs with
 * step="1" may report "09:00:30.000", and the main process takes whole
 * seconds only.
 */
export function withoutFractionalSeconds(wallClock: string): string {
  return wallClock.replace(/(T\d{2}:\d{2}:\d{2})\.\d{1,3}$/, "$1");
}

/**
 * Resolves a wall-clock time in a zone to one UTC instant, or returns null
 * when the text is not a valid date and time. The rule matches the main
 * process: a repeated time takes the earlier instant, and a skipped time
 * moves forward by the daylight-saving gap.
 */
export function resolveWallClock(
  wallClock: string,
  timeZone: string,
): WallClockResolution | null {
  const match = WALL_CLOCK.exec(wallClock);
  if (!match) return null;

  const [, year, month, day, hour, minute, second = "00"] = match;
  const normalized = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const asIfUtcMs = Date.parse(`${normalized}Z`);
  // Date.parse rolls "02-30" over to March and "24:00" to the next day, so a
  // date that does not round-trip is not a real calendar date.
  if (
    Number.isNaN(asIfUtcMs) ||
    new Date(asIfUtcMs).toISOString().slice(0, 19) !== normalized
  ) {
    return null;
  }

  // The offsets a day either side cover both sides of any daylight-saving
  // change, so the matching instants are among these two candidates.
  const offsetBeforeMs =
    offsetMinutesAt(asIfUtcMs - DAY_MS, timeZone) * MINUTE_MS;
  const offsetAfterMs =
    offsetMinutesAt(asIfUtcMs + DAY_MS, timeZone) * MINUTE_MS;
  const candidates = [
    ...new Set([asIfUtcMs - offsetBeforeMs, asIfUtcMs - offsetAfterMs]),
  ]
    .filter((instantMs) => wallClockAt(instantMs, timeZone) === normalized)
    .sort((a, b) => a - b);

  const earliest = candidates[0];
  if (earliest === undefined) {
    return {
      utc: new Date(asIfUtcMs - offsetBeforeMs).toISOString(),
      resolution: "skipped",
    };
  }
  return {
    utc: new Date(earliest).toISOString(),
    resolution: candidates.length > 1 ? "repeated" : "exact",
  };
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absoluteMinutes = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absoluteMinutes / 60)).padStart(2, "0");
  const minutes = String(absoluteMinutes % 60).padStart(2, "0");
  return `UTC${sign}${hours}:${minutes}`;
}

/** Formats an instant in a zone, such as "2026-03-01 09:00:00 (UTC+01:00)". */
export function formatInZone(instantUtc: string, timeZone: string): string {
  const instantMs = Date.parse(instantUtc);
  if (Number.isNaN(instantMs)) return instantUtc;
  const wallClock = wallClockAt(instantMs, timeZone).replace("T", " ");
  return `${wallClock} (${formatOffset(offsetMinutesAt(instantMs, timeZone))})`;
}

/** Formats an instant in UTC, such as "2026-03-01 08:00:00 UTC". */
export function formatUtc(instantUtc: string): string {
  return `${formatInZone(instantUtc, "UTC").slice(0, 19)} UTC`;
}

/** Returns the wall-clock value for a datetime-local input, with seconds. */
export function toDateTimeLocalValue(
  instantUtc: string,
  timeZone: string,
): string {
  const instantMs = Date.parse(instantUtc);
  if (Number.isNaN(instantMs)) return "";
  return wallClockAt(instantMs, timeZone);
}

/**
 * Returns the zone this machine is set to. Used only to show "your time"
 * beside the store's time, never to read or format instants.
 */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
