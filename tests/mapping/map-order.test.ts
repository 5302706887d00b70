import { describe, expect, it } from "vitest";
import { GUEST_CUSTOMER_KEY } from "../../main/mapping/customer-policy.js";
import { FIELD_LIMITS } from "../../main/mapping/field-limits.js";
import { mapOrder } from "../../main/mapping/map-order.js";
import { address, cartOrder, guestOrder, line, MAPPING } from "./cart-order-builder.js";

describe("document lines", () => {
  // 2 × 24.95 + 1 × 8.40, shipping 4.95, a fee of 1.50, a discount of 5.00 and 19 % tax of 11.05.
  const order = cartOrder({
    lines: [
      line({ lineId: "1", sku: "MUG-BLU-350", title: "Enamel mug", variantTitle: "Blue / 350 ml", quantity: 2, unitPriceMinor: 2495, taxMinor: 855 }),
      line({ lineId: "2", sku: "02-0036-10", title: "Beeswax candle", quantity: 1, unitPriceMinor: 840, taxMinor: 155 }),
    ],
    shipping: [{ title: "Standard parcel", amountMinor: 495, taxMinor: 95 }],
    fees: [{ title: "Cash on delivery", amountMinor: 150, taxMinor: 0 }],
    discounts: [{ code: "WELCOME5", amountMinor: 500 }],
    totalTaxMinor: 1105,
    totalMinor: 2495 * 2 + 840 + 495 + 150 - 500 + 1105,
  });
  const mapped = mapOrder(order, MAPPING);

  it("carries every item line field", () => {
    const items = mapped.document.lines.filter((documentLine) => documentLine.kind === "item");
    expect(items).toEqual([
      { kind: "item", sku: "MUG-BLU-350", description: "Enamel mug - Blue / 350 ml", quantity: 2, unitPriceMinor: 2495, amountMinor: 4990, taxMinor: 855, itemMatch: "unchecked" },
      { kind: "item", sku: "02-0036-10", description: "Beeswax candle", quantity: 1, unitPriceMinor: 840, amountMinor: 840, taxMinor: 155, itemMatch: "unchecked" },
    ]);
  });

  it("gives charges lines of their own", () => {
    const others = mapped.document.lines
      .filter((documentLine) => documentLine.kind !== "item")
      .map((documentLine) => [documentLine.kind, documentLine.description, documentLine.amountMinor]);
    expect(others).toEqual([
      ["shipping", "Shipping: Standard parcel", 495],
      ["fee", "Fee: Cash on delivery", 150],
      ["discount", "Discount: WELCOME5", -500],
      ["tax", "Tax", 1105],
    ]);
  });

  it("adds up to the cart total with no finding", () => {
    expect(mapped.document.totalMinor).toBe(order.totalMinor);
    expect(mapped.findings).toEqual([]);
    expect(mapped.importable).toBe(true);
    expect(mapped.document.status).toBe("PENDING");
  });
});

describe("total check", () => {
  it("reports a difference beyond rounding as an error", () => {
    const mapped = mapOrder(cartOrder({ totalMinor: 2995 }), MAPPING);
    expect(mapped.importable).toBe(false);
    const [finding] = mapped.findings;
    expect(finding?.code).toBe("totals-mismatch");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("EUR 24.95");
    expect(finding?.message).toContain("EUR 29.95");
    expect(mapped.document.lines.some((documentLine) => documentLine.kind === "rounding")).toBe(false);
  });

  it("rounds included tax per unit", () => {
    // 3 units of 10.00 and 1 of 5.00 with 5.59 tax included: shares of 1.60 and 0.80 per unit make 5.60, 0.01 too much.
    const order = cartOrder({
      taxesIncluded: true,
      lines: [
        line({ lineId: "1", quantity: 3, unitPriceMinor: 1000, taxMinor: 479 }),
        line({ lineId: "2", sku: "CAP-GRN-OS", quantity: 1, unitPriceMinor: 500, taxMinor: 80 }),
      ],
      totalTaxMinor: 559,
      totalMinor: 3500,
    });
    const mapped = mapOrder(order, MAPPING);
    const items = mapped.document.lines.filter((documentLine) => documentLine.kind === "item");
    expect(items.map((item) => [item.unitPriceMinor, item.amountMinor, item.taxMinor])).toEqual([
      [840, 2520, 480],
      [420, 420, 80],
    ]);
    const rounding = mapped.document.lines.filter((documentLine) => documentLine.kind === "rounding");
    expect(rounding.map((roundingLine) => roundingLine.amountMinor)).toEqual([1]);
    expect(mapped.document.totalMinor).toBe(3500);
    expect(mapped.importable).toBe(true);
  });

  it("takes the tax out of inclusive shipping", () => {
    const order = cartOrder({
      taxesIncluded: true,
      lines: [line({ unitPriceMinor: 1190, taxMinor: 190 })],
      shipping: [{ title: "Express", amountMinor: 595, taxMinor: 95 }],
      totalTaxMinor: 285,
      totalMinor: 1785,
    });
    const mapped = mapOrder(order, MAPPING);
    const amounts = mapped.document.lines.map((documentLine) => [documentLine.kind, documentLine.amountMinor]);
    expect(amounts).toEqual([
      ["item", 1000],
      ["shipping", 500],
      ["tax", 285],
    ]);
    expect(mapped.findings).toEqual([]);
  });
});

describe("guest policy", () => {
  const noEmail = guestOrder("3401", null);

  it("sends guest to shared customer", () => {
    const mapped = mapOrder(noEmail, MAPPING);
    expect(mapped.document.customer.key).toBe(GUEST_CUSTOMER_KEY);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["guest-without-email", "warning"]]);
    expect(mapped.importable).toBe(true);
  });

  it("keys guests per order when set", () => {
    const mapping = { ...MAPPING, guestPolicy: "customer-per-order" as const };
    const keys = [noEmail, guestOrder("3402", null)].map((order) => mapOrder(order, mapping).document.customer.key);
    expect(keys).toEqual(["guest-order:shopify:store-1:3401", "guest-order:shopify:store-1:3402"]);
    expect(mapOrder(noEmail, mapping).document.customer.key).toBe(keys[0]);
  });

  it("holds guest back under reject", () => {
    const mapped = mapOrder(noEmail, { ...MAPPING, guestPolicy: "reject" });
    expect(mapped.importable).toBe(false);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["guest-without-email", "error"]]);
  });

  it("keys registered customer by cart id", () => {
    const order = cartOrder({ customer: { cartCustomerId: "7009", email: null, firstName: "Olga", lastName: "Berg", isGuest: false } });
    const mapped = mapOrder(order, { ...MAPPING, guestPolicy: "reject" });
    expect(mapped.document.customer.key).toBe("cart-customer:shopify:store-1:7009");
    expect(mapped.document.customer.name).toBe("Olga Berg");
    expect(mapped.importable).toBe(true);
  });
});

describe("addresses", () => {
  const longLine = `Ulica Świętego Marcina ${"𝔘".repeat(FIELD_LIMITS.line)}`;
  const order = cartOrder({
    shippingAddress: address({ name: "Zoë Ångström-Nakamura 中村", lines: [longLine, "Hinterhaus"], city: "Łódź" }),
  });
  const mapped = mapOrder(order, MAPPING);

  it("keeps full Unicode and long lines in the document", () => {
    expect(mapped.document.shipTo?.name).toBe("Zoë Ångström-Nakamura 中村");
    expect(mapped.document.shipTo?.lines).toEqual([longLine, "Hinterhaus"]);
    expect(mapped.document.shipTo?.city).toBe("Łódź");
  });

  it("names the field the order system would cut", () => {
    const cuts = mapped.findings.filter((finding) => finding.code === "address-cut");
    expect(cuts.map((finding) => finding.field)).toEqual(["shipTo.lines[0]"]);
    expect(cuts[0]?.severity).toBe("warning");
    expect(cuts[0]?.message).toContain(`${[...longLine].length} characters`);
    expect(cuts[0]?.message).toContain(`"${[...longLine].slice(FIELD_LIMITS.line).join("")}"`);
    expect(mapped.importable).toBe(true);
  });

  it("counts characters, not UTF-16 units", () => {
    const fits = "𝔘".repeat(FIELD_LIMITS.name);
    const result = mapOrder(cartOrder({ billingAddress: address({ name: fits }) }), MAPPING);
    expect(result.findings).toEqual([]);
  });
});

describe("order states", () => {
  it("reports a test order and leaves it out", () => {
    const mapped = mapOrder(cartOrder({ isTest: true }), MAPPING);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["test-order", "warning"]]);
    expect(mapped.importable).toBe(false);
  });

  it("reports imported test order as info", () => {
    const mapping = { ...MAPPING, filter: { ...MAPPING.filter, includeTest: true } };
    const mapped = mapOrder(cartOrder({ isTest: true }), mapping);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["test-order", "info"]]);
    expect(mapped.importable).toBe(true);
  });

  it("reports a cancelled order with its instant", () => {
    const mapped = mapOrder(cartOrder({ cancelledAtUtc: "2026-03-02T11:00:00.000Z" }), MAPPING);
    expect(mapped.findings.map((finding) => finding.code)).toEqual(["cancelled-order"]);
    expect(mapped.findings[0]?.message).toContain("2026-03-02T11:00:00.000Z");
    expect(mapped.importable).toBe(false);
  });

  it("reports a fulfilled order that the filter leaves out", () => {
    const mapped = mapOrder(cartOrder({ fulfillment: "fulfilled" }), MAPPING);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["fulfilled-order", "info"]]);
    expect(mapped.importable).toBe(false);
  });

  it("warns about a non-shop currency", () => {
    const mapped = mapOrder(cartOrder({ currency: "CHF", presentmentCurrency: "CHF" }), MAPPING);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["foreign-currency", "warning"]]);
    expect(mapped.findings[0]?.message).toContain("CHF");
    expect(mapped.findings[0]?.message).toContain("EUR");
  });
});
