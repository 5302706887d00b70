import { describe, expect, it } from "vitest";
import { formatMinor, formatMoney, toMinor } from "./money.js";

describe("toMinor", () => {
  it("reads decimal strings as carts send them", () => {
    expect(toMinor("24.95", "EUR")).toBe(2495);
    expect(toMinor("20.965000", "EUR")).toBe(2097);
    expect(toMinor("5", "EUR")).toBe(500);
    expect(toMinor("-15.00", "EUR")).toBe(-1500);
  });

  it("reads numbers without float drift", () => {
    expect(toMinor(0.1 + 0.2, "EUR")).toBe(30);
    expect(toMinor(49.85, "EUR")).toBe(4985);
  });

  it("uses the currency's minor digits", () => {
    expect(toMinor("1200", "JPY")).toBe(1200);
    expect(toMinor("1.234", "KWD")).toBe(1234);
  });

  it("treats empty values as zero", () => {
    expect(toMinor(null, "EUR")).toBe(0);
    expect(toMinor("", "EUR")).toBe(0);
  });

  it("rejects text that is not an amount", () => {
    expect(() => toMinor("12,50", "EUR")).toThrow(RangeError);
  });
});

describe("formatMinor", () => {
  it("formats with the currency's digits", () => {
    expect(formatMinor(4985, "EUR")).toBe("49.85");
    expect(formatMinor(5, "EUR")).toBe("0.05");
    expect(formatMinor(-1, "EUR")).toBe("-0.01");
    expect(formatMinor(1200, "JPY")).toBe("1200");
    expect(formatMoney(1234, "KWD")).toBe("KWD 1.234");
  });
});
