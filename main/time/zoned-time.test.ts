import { describe, expect, it } from "vitest";
import { formatInZone, offsetMsAt, resolveWallClock, toUtcIso, toWallClock } from "./zoned-time.js";

describe("resolveWallClock", () => {
  it("resolves an ordinary time in the zone", () => {
    expect(resolveWallClock("2024-07-01T10:00", "Europe/Berlin")).toEqual({ utc: "2024-07-01T08:00:00.000Z", kind: "exact" });
  });

  it("takes the earlier instant of a repeated time", () => {
    expect(resolveWallClock("2024-10-27T02:30:00", "Europe/Madrid")).toEqual({ utc: "2024-10-27T00:30:00.000Z", kind: "repeated" });
  });

  it("moves a skipped time forward by the gap", () => {
    const resolved = resolveWallClock("2024-03-31T02:30:00", "Europe/Madrid");
    expect(resolved).toEqual({ utc: "2024-03-31T01:30:00.000Z", kind: "skipped" });
    expect(toWallClock(Date.parse(resolved.utc), "Europe/Madrid")).toBe("2024-03-31T03:30:00");
  });

  it("handles zones with half-hour offsets", () => {
    expect(resolveWallClock("2024-01-15T12:00", "Asia/Kolkata").utc).toBe("2024-01-15T06:30:00.000Z");
  });

  it("handles the southern hemisphere change", () => {
    expect(resolveWallClock("2024-04-07T02:30", "Australia/Sydney").kind).toBe("repeated");
    expect(resolveWallClock("2024-10-06T02:30", "Australia/Sydney").kind).toBe("skipped");
  });

  it("rejects text that is not a date and time", () => {
    expect(() => resolveWallClock("next tuesday", "Europe/Berlin")).toThrow(RangeError);
    expect(() => resolveWallClock("2024-02-30T10:00", "Europe/Berlin")).toThrow(RangeError);
    expect(() => resolveWallClock("2024-03-01T24:00", "Europe/Berlin")).toThrow(RangeError);
  });
});

describe("zone formatting", () => {
  it("shows the offset that applied at the instant", () => {
    expect(formatInZone("2024-01-10T12:00:00.000Z", "America/New_York")).toBe("2024-01-10 07:00:00 (UTC-05:00)");
    expect(formatInZone("2024-07-10T12:00:00.000Z", "America/New_York")).toBe("2024-07-10 08:00:00 (UTC-04:00)");
  });

  it("reads offsets in milliseconds", () => {
    expect(offsetMsAt(Date.parse("2018-02-20T01:00:00Z"), "Asia/Singapore")).toBe(8 * 3_600_000);
  });

  it("normalizes instants with offsets to UTC", () => {
    expect(toUtcIso("2018-02-20T09:00:00+08:00")).toBe("2018-02-20T01:00:00.000Z");
    expect(() => toUtcIso("yesterday")).toThrow(RangeError);
  });
});
