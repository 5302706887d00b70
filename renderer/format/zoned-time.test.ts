import { describe, expect, it } from "vitest";
import {
  formatInZone,
  formatUtc,
  resolveWallClock,
  withoutFractionalSeconds,
} from "./zoned-time.js";

describe("resolveWallClock", () => {
  it("resolves an ordinary time", () => {
    expect(resolveWallClock("2026-03-01T09:00", "Europe/Berlin")).toEqual({
      utc: "2026-03-01T08:00:00.000Z",
      resolution: "exact",
    });
  });

  it("takes earlier instant of repeated time", () => {
    expect(resolveWallClock("2025-10-26T02:30", "Europe/Berlin")).toEqual({
      utc: "2025-10-26T00:30:00.000Z",
      resolution: "repeated",
    });
  });

  it("moves skipped time forward", () => {
    const resolved = resolveWallClock("2026-03-29T02:30:00", "Europe/Berlin");
    expect(resolved).toEqual({
      utc: "2026-03-29T01:30:00.000Z",
      resolution: "skipped",
    });
    expect(formatInZone(resolved!.utc, "Europe/Berlin")).toBe(
      "2026-03-29 03:30:00 (UTC+02:00)",
    );
  });

  it("resolves half-hour zone", () => {
    expect(resolveWallClock("2026-07-01T12:00", "Asia/Kolkata")?.utc).toBe(
      "2026-07-01T06:30:00.000Z",
    );
  });

  it("rejects dates not on calendar", () => {
    expect(resolveWallClock("2026-02-30T10:00", "UTC")).toBeNull();
    expect(resolveWallClock("2026-01-01T24:00", "UTC")).toBeNull();
    expect(resolveWallClock("2026-13-01T10:00", "UTC")).toBeNull();
    expect(resolveWallClock("yesterday", "UTC")).toBeNull();
  });

  it("accepts fraction of a second", () => {
    expect(resolveWallClock("2026-03-01T09:00:30.000", "UTC")?.utc).toBe(
      "2026-03-01T09:00:30.000Z",
    );
    expect(withoutFractionalSeconds("2026-03-01T09:00:30.000")).toBe(
      "2026-03-01T09:00:30",
    );
  });
});

describe("formatUtc", () => {
  it("formats an instant in UTC", () => {
    expect(formatUtc("2026-03-01T08:00:00.000Z")).toBe("2026-03-01 08:00:00 UTC");
  });
});
