/**
 * Conversions between UTC instants and wall-clock times in an IANA zone.
 * Instants are always ISO strings ending in "Z"; wall-clock times are
 * "YYYY-MM-DDTHH:mm:ss" with no offset, read in the zone given beside them.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
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

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formattedWallClock(instantMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const HOUR_MS = 3_600_000;
/** Cached hours per zone before the cache starts again, about 11 years' worth. */
const MAX_CACHED_HOURS = 100_000;
/** Instants whose year toISOString writes with four digits, 1000 to 9999. */
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 1), Date.UTC(10_000, 0, 1)] as const;
/** Offset from UTC in ms per zone and UTC hour, or NaN for an hour in which the offset changes. */
const hourOffsets = new Map<string, Map<number, number>>();

/** Returns the zone's offset in the UTC hour `hour`, or NaN when it changes within that hour. */
function offsetInHour(hour: number, timeZone: string): number {
  let offsets = hourOffsets.get(timeZone);
  if (!offsets || offsets.size >= MAX_CACHED_HOURS) {
    offsets = new Map();
    hourOffsets.set(timeZone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const offsetAt = (ms: number) =>
      Date.parse(`${formattedWallClock(ms, timeZone)}Z`) - ms;
    const startMs = hour * HOUR_MS;
    const first = offsetAt(startMs);
    // Equal offsets at the first and last second of the hour apply to every
    // instant in between unless the offset changes twice within the hour.
    // NOTE: no zone in the tz database is known to do that, but this code
    // does not check it.
    offset = first === offsetAt(startMs + HOUR_MS - 1000) ? first : Number.NaN;
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * Returns the wall-clock time of an instant in a zone, as "YYYY-MM-DDTHH:mm:ss".
 * Intl formats only two instants per zone and hour. Every other instant of
 * that hour adds the cached offset, which is many times faster in an export.
 */
export function toWallClock(instantMs: number, timeZone: string): string {
  const inRange =
    instantMs >= FOUR_DIGIT_YEARS[0] && instantMs < FOUR_DIGIT_YEARS[1];
  const offset = inRange
    ? offsetInHour(Math.floor(instantMs / HOUR_MS), timeZone)
    : Number.NaN;
  if (Number.isNaN(offset)) return formattedWallClock(instantMs, timeZone);
  return new Date(instantMs + offset).toISOString().slice(0, 19);
}

/** Returns the zone's offset from UTC at an instant, in milliseconds. */
export function offsetMsAt(instantMs: number, timeZone: string): number {
  const wall = toWallClock(Math.floor(instantMs / 1000) * 1000, timeZone);
  return Date.parse(`${wall}Z`) - Math.floor(instantMs / 1000) * 1000;
}

export type ResolvedWallClock = {
  utc: string;
  /**
   * "exact" when one instant matches. "repeated" when the clock went back, so
   * the earlier instant was taken. "skipped" when the clock jumped over the
   * time, so it moved forward by the length of the gap.
   */
  kind: "exact" | "repeated" | "skipped";
};

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Resolves a wall-clock time in a zone to one UTC instant. A time that a
 * daylight-saving change repeats takes the earlier of its two instants. A
 * time that it skips moves forward by the length of the gap, so 02:30
 * becomes 03:30.
 */
export function resolveWallClock(wallClock: string, timeZone: string): ResolvedWallClock {
  const match = WALL_CLOCK.exec(wallClock);
  if (!match) throw new RangeError(`"${wallClock}" is not a date and time like 2026-03-01T09:00`);
  const normalized = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? "00"}`;
  const asIfUtc = Date.parse(`${normalized}Z`);
  // Date.parse rolls 30 February over into March; a real date reads back unchanged.
  if (Number.isNaN(asIfUtc) || new Date(asIfUtc).toISOString().slice(0, 19) !== normalized) {
    throw new RangeError(`"${wallClock}" is not a valid date`);
  }

  const offsetBefore = offsetMsAt(asIfUtc - 86_400_000, timeZone);
  const offsetAfter = offsetMsAt(asIfUtc + 86_400_000, timeZone);
  const candidates = [...new Set([asIfUtc - offsetBefore, asIfUtc - offsetAfter])]
    .filter((instant) => toWallClock(instant, timeZone) === normalized)
    .sort((a, b) => a - b);

  if (candidates.length === 0) {
    return { utc: new Date(asIfUtc - offsetBefore).toISOString(), kind: "skipped" };
  }
  return {
    utc: new Date(candidates[0]!).toISOString(),
    kind: candidates.length > 1 ? "repeated" : "exact",
  };
}

/** Formats an instant for people in a zone, such as "2026-03-01 09:00:00 (UTC+01:00)". */
export function formatInZone(instantUtc: string, timeZone: string): string {
  const instantMs = Date.parse(instantUtc);
  const offsetMinutes = Math.round(offsetMsAt(instantMs, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, "0");
  return `${toWallClock(instantMs, timeZone).replace("T", " ")} (UTC${sign}${hours}:${minutes})`;
}

/** Normalizes any ISO 8601 instant with an offset or "Z" to the UTC "Z" form. */
export function toUtcIso(instant: string | number | Date): string {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === "number") ms = instant;
  else ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`"${String(instant)}" is not a valid instant`);
  return new Date(ms).toISOString();
}
