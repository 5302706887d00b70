import { describe, expect, it } from "vitest";
import { DEFAULT_PLACEHOLDER_SKU } from "../../main/mapping/document-lines.js";
import { mapOrder } from "../../main/mapping/map-order.js";
import { cartOrder, guestOrder, line, MAPPING } from "./cart-order-builder.js";

function linesOfKind(mapped: ReturnType<typeof mapOrder>, kind: string) {
  return mapped.document.lines.filter((documentLine) => documentLine.kind === kind);
}

function codesOf(mapped: ReturnType<typeof mapOrder>): string[] {
  return mapped.findings.map((finding) => finding.code);
}

describe("tax on one line of a tax-inclusive order", () => {
  // Three lines of 395.00 including 5 % tax, a discount of 59.00, and the whole tax of 53.62 on line 1.
  const order = cartOrder({
    taxesIncluded: true,
    lines: [
      line({ lineId: "1", sku: "KURTA-1", unitPriceMinor: 39500, taxMinor: 5362, discountMinor: 1967 }),
      line({ lineId: "2", sku: "KURTA-2", unitPriceMinor: 39500, taxMinor: 0, discountMinor: 1967 }),
      line({ lineId: "3", sku: "KURTA-3", unitPriceMinor: 39500, taxMinor: 0, discountMinor: 1966 }),
    ],
    discounts: [{ code: "FESTIVE", amountMinor: 5900 }],
    totalTaxMinor: 5362,
    totalMinor: 112600,
    presentmentTotalMinor: 112600,
  });
  const mapped = mapOrder(order, MAPPING);

  it("gives the three lines equal net amounts", () => {
    const items = linesOfKind(mapped, "item");
    expect(items.map((item) => item.amountMinor)).toEqual([37619, 37619, 37619]);
    expect(items.map((item) => item.unitPriceMinor)).toEqual([37619, 37619, 37619]);
    expect(items.map((item) => item.taxMinor)).toEqual([1881, 1881, 1881]);
  });

  it("takes the discount's tax out of the discount line", () => {
    const [discount] = linesOfKind(mapped, "discount");
    expect(discount?.amountMinor).toBe(-5619);
    expect(discount?.taxMinor).toBe(-281);
  });

  it("matches the order total exactly", () => {
    expect(linesOfKind(mapped, "tax").map((tax) => tax.amountMinor)).toEqual([5362]);
    expect(mapped.document.totalMinor).toBe(112600);
    expect(linesOfKind(mapped, "rounding")).toEqual([]);
    expect(codesOf(mapped)).not.toContain("totals-mismatch");
  });
});

describe("coupon and partial refund", () => {
  // Order 2250: items of 120.00, a coupon of 10.00, total 110.00, and 15.00 refunded two days later.
  const order = cartOrder({
    platform: "woocommerce",
    orderId: "2250",
    orderNumber: "#2250",
    customer: { cartCustomerId: "31", email: "emil.strand@example.test", firstName: "Emil", lastName: "Strand", isGuest: false },
    lines: [line({ sku: "TEE-RED-M", unitPriceMinor: 2000, quantity: 6, discountMinor: 1000 })],
    discounts: [{ code: "SPRING10", amountMinor: 1000 }],
    refunds: [{ createdAtUtc: "2026-03-04T10:00:00.000Z", amountMinor: 1500 }],
    totalMinor: 11000,
    presentmentTotalMinor: 11000,
  });
  const mapped = mapOrder(order, MAPPING);

  it("shows the coupon as its own line", () => {
    const discounts = linesOfKind(mapped, "discount");
    expect(discounts.map((discount) => discount.description)).toEqual(["Discount: SPRING10"]);
    expect(discounts.map((discount) => discount.amountMinor)).toEqual([-1000]);
  });

  it("keeps the document total at 110.00", () => {
    expect(mapped.document.totalMinor).toBe(11000);
    expect(codesOf(mapped)).not.toContain("totals-mismatch");
  });

  it("shows refund as adjustment, net 95.00", () => {
    expect(mapped.document.adjustments).toEqual([
      { kind: "refund", createdAtUtc: "2026-03-04T10:00:00.000Z", amountMinor: -1500 },
    ]);
    expect(mapped.document.refundedMinor).toBe(1500);
    expect(mapped.document.netMinor).toBe(9500);
    const refunded = mapped.findings.find((finding) => finding.code === "refunded");
    expect(refunded?.severity).toBe("info");
    expect(refunded?.message).toContain("EUR 95.00");
  });
});

describe("foreign currency and a one-cent difference", () => {
  it("keeps paid EUR apart from GBP", () => {
    const order = cartOrder({
      currency: "GBP",
      presentmentCurrency: "EUR",
      presentmentTotalMinor: 2350,
      lines: [line({ unitPriceMinor: 2014 })],
      totalMinor: 2014,
    });
    const mapped = mapOrder(order, { ...MAPPING, shopCurrency: "GBP" });

    expect(mapped.document.currency).toBe("GBP");
    expect(mapped.document.totalMinor).toBe(2014);
    expect(mapped.document.presentment).toEqual({ currency: "EUR", totalMinor: 2350 });
    const findings = mapped.findings.filter((finding) => finding.code === "foreign-currency");
    expect(findings.map((finding) => finding.severity)).toEqual(["info"]);
    expect(findings[0]?.message).toContain("EUR 23.50");
    expect(findings[0]?.message).toContain("GBP 20.14");
    expect(mapped.importable).toBe(true);
  });

  it("adds a one-cent rounding line", () => {
    // The lines add up to 56.90 and the cart total is 56.91.
    const order = cartOrder({
      lines: [line({ unitPriceMinor: 2845, quantity: 2 })],
      totalMinor: 5691,
      presentmentTotalMinor: 5691,
    });
    const mapped = mapOrder(order, MAPPING);

    const rounding = linesOfKind(mapped, "rounding");
    expect(rounding.map((roundingLine) => roundingLine.amountMinor)).toEqual([1]);
    expect(mapped.document.totalMinor).toBe(5691);
    expect(codesOf(mapped)).toContain("rounding-line");
    expect(codesOf(mapped)).not.toContain("totals-mismatch");
    expect(mapped.importable).toBe(true);
  });
});

describe("guests sharing one e-mail address", () => {
  const first = guestOrder("3301", "lena.kovac@example.test");
  const second = guestOrder("3302", "lena.kovac@example.test");

  it("gives both orders one customer key", () => {
    const keys = [first, second].map((order) => mapOrder(order, MAPPING).document.customer.key);
    expect(keys).toEqual(["email:lena.kovac@example.test", "email:lena.kovac@example.test"]);
  });

  it("imports both orders without a finding", () => {
    for (const order of [first, second]) {
      const mapped = mapOrder(order, MAPPING);
      expect(mapped.importable).toBe(true);
      expect(mapped.findings).toEqual([]);
    }
  });

  it("gives the same keys on a rerun", () => {
    const run = () => [first, second].map((order) => mapOrder(order, MAPPING).document);
    expect(run()).toEqual(run());
  });

  it("matches an address that differs only in case", () => {
    const shouted = guestOrder("3303", "  Lena.Kovac@Example.TEST ");
    expect(mapOrder(shouted, MAPPING).document.customer.key).toBe("email:lena.kovac@example.test");
  });
});

describe("deleted product, existing SKU and custom line", () => {
  const knownSkus = new Set(["02-0036-10", "MUG-BLU-350"]);
  const mapping = { ...MAPPING, knownSkus };
  const orderA = cartOrder({ orderId: "A", lines: [line({ sku: "TEE-RED-M", productId: "8001", title: "Cotton tee" })] });
  const orderB = cartOrder({ orderId: "B", lines: [line({ sku: "MUG-OLD-300", productId: null, title: "Old mug" })] });
  const orderC = cartOrder({ orderId: "C", lines: [line({ sku: null, productId: null, title: "Gift wrap", unitPriceMinor: 300 })], totalMinor: 300 });
  const orderD = cartOrder({ orderId: "D", lines: [line({ sku: "02-0036-10", productId: "8003", title: "Beeswax candle" })] });

  it("imports A with unknown SKU", () => {
    const mapped = mapOrder(orderA, mapping);
    expect(mapped.importable).toBe(true);
    expect(mapped.document.lines[0]?.itemMatch).toBe("unknown-item");
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["unknown-sku", "warning"]]);
  });

  it("holds B back with the reason", () => {
    const mapped = mapOrder(orderB, mapping);
    expect(mapped.importable).toBe(false);
    const [finding] = mapped.findings;
    expect(finding?.code).toBe("deleted-product");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("deleted from the cart");
    expect(finding?.message).toContain("MUG-OLD-300");
  });

  it("imports C against the placeholder item", () => {
    const mapped = mapOrder(orderC, mapping);
    expect(mapped.importable).toBe(true);
    const [item] = mapped.document.lines;
    expect(item?.sku).toBe(DEFAULT_PLACEHOLDER_SKU);
    expect(item?.itemMatch).toBe("placeholder");
    expect(item?.description).toBe("Gift wrap");
    expect(item?.amountMinor).toBe(300);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["line-without-sku", "warning"]]);
  });

  it("imports D against the existing item", () => {
    const mapped = mapOrder(orderD, mapping);
    expect(mapped.importable).toBe(true);
    expect(mapped.document.lines[0]?.sku).toBe("02-0036-10");
    expect(mapped.document.lines[0]?.itemMatch).toBe("existing-item");
    expect(mapped.findings).toEqual([]);
  });

  it("matches deleted product by known SKU", () => {
    const mapped = mapOrder(orderB, { ...mapping, knownSkus: new Set(["MUG-OLD-300"]) });
    expect(mapped.importable).toBe(true);
    expect(mapped.findings.map((finding) => [finding.code, finding.severity])).toEqual([["deleted-product", "warning"]]);
  });
});

describe("checkout draft", () => {
  it("creates no importable document for a draft", () => {
    const mapped = mapOrder(cartOrder({ isDraft: true }), MAPPING);
    expect(mapped.importable).toBe(false);
    expect(codesOf(mapped)).toEqual(["draft-order"]);
  });
});
