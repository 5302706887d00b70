import { describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { classifyOrder, type ClassifyContext } from "../../main/proof/proof-classify.js";

const CUTOFF_UTC = "2026-04-06T07:00:00.000Z";
/** The cut-off that was set first, an hour later; its export was replaced. */
const REPLACED_CUTOFF_UTC = "2026-04-06T08:00:00.000Z";

function orderAt(createdAtUtc: string, fulfillment: CartOrder["fulfillment"]): CartOrder {
  return {
    platform: "shopify",
    orderId: "4002",
    orderNumber: "#4002",
    createdAtUtc,
    updatedAtUtc: createdAtUtc,
    cancelledAtUtc: null,
    financialStatus: "paid",
    fulfillment,
    isTest: false,
    isDraft: false,
    isArchived: false,
    currency: "EUR",
    presentmentCurrency: "EUR",
    presentmentTotalMinor: 1000,
    taxesIncluded: false,
    customer: { cartCustomerId: "7", email: "mara@example.test", firstName: "Mara", lastName: "Lind", isGuest: false },
    billingAddress: null,
    shippingAddress: null,
    lines: [],
    shipping: [],
    fees: [],
    discounts: [],
    refunds: [],
    totalTaxMinor: 0,
    totalMinor: 1000,
  };
}

function contextWith(importedDocumentId: string | undefined): ClassifyContext {
  return {
    cutoffUtc: CUTOFF_UTC,
    timeZone: "Europe/Berlin",
    ledger: {
      exportedCutoffOf: () => REPLACED_CUTOFF_UTC,
      importedDocumentOf: () => importedDocumentId,
      failureOf: () => undefined,
      lastOrderFromUtc: null,
    },
    exports: [],
    syncFilter: DEFAULT_ORDER_FILTER,
    nextRunFromUtc: null,
  };
}

describe("order of a replaced export", () => {
  it("counts as imported when the sync has it", () => {
    const row = classifyOrder(orderAt("2026-04-06T07:30:00.000Z", "unfulfilled"), contextWith("SO-9"));
    expect(row.set).toBe("imported");
    expect(row.foundIn).toEqual([]);
    expect(row.reason).toMatch(/^Also in the export made while the cut-off was 2026-04-06 10:00:00/);
  });

  it("follows the sync's filter when fulfilled", () => {
    const row = classifyOrder(orderAt("2026-04-06T07:30:00.000Z", "fulfilled"), contextWith(undefined));
    expect(row.set).toBe("excluded");
    expect(row.reason).toMatch(/^Excluded by the sync's filter: .*It is also in the export made while the cut-off was/);
  });

  it("stays exported before the cut-off", () => {
    const row = classifyOrder(orderAt("2026-04-06T06:30:00.000Z", "unfulfilled"), contextWith(undefined));
    expect(row.set).toBe("exported");
  });
});
