import { describe, expect, it } from "vitest";
import { toWallClock } from "../../main/time/zoned-time.js";

/** Formats the wall clock with Intl, instant by instant, without any cache. */
function intlWallClock(instantMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}`;
}

/** Instants every 7 min 13.5 s over two days around an offset change. */
function instantsAround(changeUtc: string): number[] {
  const centerMs = Date.parse(changeUtc);
  const stepMs = 7 * 60_000 + 13_500;
  const instants: number[] = [];
  for (let ms = centerMs - 86_400_000; ms < centerMs + 86_400_000; ms += stepMs) {
    instants.push(ms);
  }
  return instants;
}

const CHANGES: [zone: string, changeUtc: string][] = [
  ["Europe/Berlin", "2026-03-29T01:00:00Z"],
  ["Europe/Berlin", "2026-10-25T01:00:00Z"],
  ["America/St_Johns", "2026-03-08T05:30:00Z"],
  // Lord Howe moves its clocks by 30 minutes.
  ["Australia/Lord_Howe", "2026-04-04T15:00:00Z"],
  ["Australia/Lord_Howe", "2026-10-03T15:30:00Z"],
  ["Pacific/Chatham", "2026-04-04T14:00:00Z"],
  ["Asia/Kathmandu", "1986-01-01T00:00:00Z"],
  // Sao Paulo left its local mean time of -03:06:28 in 1914, off the whole minute.
  ["America/Sao_Paulo", "1914-01-01T03:06:28Z"],
  ["UTC", "2026-01-01T00:00:00Z"],
];

describe("toWallClock", () => {
  it.each(CHANGES)("matches Intl around a change in %s at %s", (zone, changeUtc) => {
    const instants = instantsAround(changeUtc);
    // Twice, so that the second pass reads the cached offsets.
    for (const pass of [1, 2]) {
      const mismatches = instants
        .filter((ms) => toWallClock(ms, zone) !== intlWallClock(ms, zone))
        .map((ms) => `pass ${pass}: ${new Date(ms).toISOString()}`);
      expect(mismatches).toEqual([]);
    }
  });

  it("drops the milliseconds", () => {
    expect(toWallClock(Date.parse("2026-03-02T08:00:00.999Z"), "Europe/Berlin")).toBe(
      "2026-03-02T09:00:00",
    );
  });

  it("formats years outside 1000 to 9999", () => {
    const farMs = Date.parse("+010000-01-01T00:00:00Z");
    expect(toWallClock(farMs, "UTC")).toBe(intlWallClock(farMs, "UTC"));
  });

  it("gives each second of the repeated hour its own offset", () => {
    // Berlin repeats 02:00 to 03:00 local on 2026-10-25: first +02:00, then +01:00.
    expect(toWallClock(Date.parse("2026-10-25T00:59:59Z"), "Europe/Berlin")).toBe("2026-10-25T02:59:59");
    expect(toWallClock(Date.parse("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:00:00");
  });
});
