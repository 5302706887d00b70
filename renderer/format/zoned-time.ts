/**
 * Instants and wall-clock times for display, over the main process's own
 * conversions (plain Intl, no Node), so both sides resolve times alike.
 * Every conversion names its IANA zone, so the machine's own zone never
 * changes the displayed times.
 */
import {
  formatInZone as formatInZoneStrict,
  offsetMsAt,
  resolveWallClock as resolveWallClockStrict,
  toWallClock,
} from "../../main/time/zoned-time.js";

/** Returns the wall-clock time of an instant in a zone, as "YYYY-MM-DDTHH:mm:ss". */
export function wallClockAt(instantMs: number, timeZone: string): string {
  return toWallClock(instantMs, timeZone);
}

/** Returns the zone's offset from UTC at an instant, in minutes. */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  return Math.round(offsetMsAt(instantMs, timeZone) / 60_000);
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
  if (!WALL_CLOCK.test(wallClock)) return null;
  try {
    const resolved = resolveWallClockStrict(withoutFractionalSeconds(wallClock), timeZone);
    return { utc: resolved.utc, resolution: resolved.kind };
  } catch {
    return null;
  }
}

/** Formats an instant in a zone, such as "2026-03-01 09:00:00 (UTC+01:00)". */
export function formatInZone(instantUtc: string, timeZone: string): string {
  if (Number.isNaN(Date.parse(instantUtc))) return instantUtc;
  return formatInZoneStrict(instantUtc, timeZone);
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
