import { describe, expect, it } from "vitest";
import { formatMoney } from "./money.js";

describe("formatMoney", () => {
  it("uses each currency's digits", () => {
    expect(formatMoney(123450, "EUR")).toBe("EUR 1,234.50");
    expect(formatMoney(1200, "JPY")).toBe("JPY 1,200");
    expect(formatMoney(12345, "KWD")).toBe("KWD 12.345");
    expect(formatMoney(5, "BHD")).toBe("BHD 0.005");
    expect(formatMoney(7, "USD")).toBe("USD 0.07");
  });

  it("keeps the sign of negative amounts", () => {
    expect(formatMoney(-1999, "EUR")).toBe("EUR -19.99");
  });
});
