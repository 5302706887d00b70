import { describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { CartError } from "../../main/carts/cart-error.js";
import { checkOrdersInWindow, isInWindow, planFreshWindow } from "../../main/sync/sync-window.js";

const IMPORT_FROM_MS = Date.parse("2026-11-01T00:00:00.000Z");
const OVERLAP_MS = 15 * 60_000;
const WINDOW = { fromUtc: "2026-11-01T00:00:00.000Z", toUtc: "2026-11-02T00:00:00.000Z" };

function orderAt(createdAtUtc: string): CartOrder {
  return { orderId: "1", orderNumber: "#1", createdAtUtc, updatedAtUtc: createdAtUtc } as CartOrder;
}

describe("sync window", () => {
  it("starts at Import Orders from before any mark", () => {
    const window = planFreshWindow(null, IMPORT_FROM_MS, Date.parse("2026-11-01T06:00:00.000Z"), OVERLAP_MS);
    expect(window?.fromUtc).toBe("2026-11-01T00:00:00.000Z");
    expect(window?.toUtc).toBe("2026-11-01T06:00:00.000Z");
  });

  it("starts the overlap before the mark", () => {
    const window = planFreshWindow("2026-11-01T06:00:00.000Z", IMPORT_FROM_MS, Date.parse("2026-11-01T07:00:00.000Z"), OVERLAP_MS);
    expect(window?.fromUtc).toBe("2026-11-01T05:45:00.000Z");
  });

  it("never reaches back before Import Orders from", () => {
    const window = planFreshWindow("2026-11-01T00:05:00.000Z", IMPORT_FROM_MS, Date.parse("2026-11-01T01:00:00.000Z"), OVERLAP_MS);
    expect(window?.fromUtc).toBe("2026-11-01T00:00:00.000Z");
  });

  it("ends at now rounded down to the second", () => {
    const window = planFreshWindow(null, IMPORT_FROM_MS, Date.parse("2026-11-01T06:00:00.987Z"), OVERLAP_MS);
    expect(window?.toUtc).toBe("2026-11-01T06:00:00.000Z");
  });

  it("plans nothing while Import Orders from lies ahead", () => {
    expect(planFreshWindow(null, IMPORT_FROM_MS, IMPORT_FROM_MS - 60_000, OVERLAP_MS)).toBeNull();
  });

  it("plans nothing when the clock went back behind the window start", () => {
    expect(planFreshWindow("2026-11-01T06:00:00.000Z", IMPORT_FROM_MS, Date.parse("2026-11-01T05:00:00.000Z"), OVERLAP_MS)).toBeNull();
  });

  it("treats the window as half-open", () => {
    expect(isInWindow(WINDOW.fromUtc, WINDOW)).toBe(true);
    expect(isInWindow("2026-11-01T23:59:59.999Z", WINDOW)).toBe(true);
    expect(isInWindow(WINDOW.toUtc, WINDOW)).toBe(false);
  });

  it("counts an unreadable instant as outside", () => {
    expect(isInWindow("", WINDOW)).toBe(false);
    expect(isInWindow("yesterday", WINDOW)).toBe(false);
  });

  it("names the stray order and the window", () => {
    let caught: unknown = null;
    try {
      checkOrdersInWindow([orderAt("2026-11-01T10:00:00.000Z"), orderAt("2026-10-31T23:00:00.000Z")], WINDOW, "createdAtUtc");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CartError);
    expect((caught as CartError).kind).toBe("window-violated");
    expect((caught as CartError).message).toContain("2026-10-31T23:00:00.000Z");
    expect((caught as CartError).message).toContain("Last Order from did not move");
  });
});
