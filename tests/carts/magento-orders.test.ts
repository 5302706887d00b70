import { afterEach, describe, expect, it } from "vitest";
import { setLogSink } from "../../main/logging/logger.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { MAGENTO_ACL, startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { collectOrders, magentoConnectorFor } from "../simulators/magento/magento-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

let simulator: MagentoSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function listOne(seed: Partial<SeedOrder>, raw?: Record<string, unknown>, aclResources?: string[]) {
  simulator = await startMagentoSimulator({ currency: "EUR", aclResources });
  const [base] = generateSeedOrders({ count: 1, firstId: 512, startUtc: "2024-05-03T08:15:22Z", stepMs: 0 });
  simulator.addOrders([{ ...base!, ...seed }]);
  if (raw) simulator.setRawFields("512", raw);
  const orders = await collectOrders(magentoConnectorFor(simulator), MAY);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

const MAPPING: MappingOptions = {
  storeId: "magento-test",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

const LINE = { sku: "MUG-BLU-350", productId: "31", title: "Enamel mug", quantity: 2, unitPrice: "20.00", tax: "7.60", discount: "0.00" };

describe("Magento order normalization", () => {
  it("counts a configurable product once", async () => {
    const order = await listOne({ lines: [{ ...LINE, variantTitle: "Blue" }] });
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]!.sku).toBe("MUG-BLU-350");
    expect(order.lines[0]!.productId).toBe("31");
    expect(order.lines[0]!.variantTitle).toBe("Blue");
    expect(order.lines[0]!.quantity).toBe(2);
    expect(order.lines[0]!.unitPriceMinor).toBe(2000);
  });

  it("takes a dynamic bundle's lines from its children", async () => {
    const item = (id: number, extra: Record<string, unknown>) => ({
      item_id: id, qty_ordered: 1, qty_shipped: 0, base_tax_amount: 0, base_discount_amount: 0, ...extra,
    });
    const order = await listOne({}, {
      items: [
        item(1, { sku: "GIFT-SET", name: "Gift set", product_type: "bundle", product_id: 90, base_price: 0, base_row_total: 0 }),
        item(2, { parent_item_id: 1, sku: "MUG", name: "Mug", product_type: "simple", product_id: 91, base_price: 12, base_row_total: 12 }),
        item(3, { parent_item_id: 1, sku: "TEA", name: "Tea", product_type: "simple", product_id: 92, base_price: 8, base_row_total: 8 }),
      ],
    });
    expect(order.lines.map((line) => line.sku)).toEqual(["MUG", "TEA"]);
    expect(order.lines.map((line) => line.unitPriceMinor)).toEqual([1200, 800]);
  });

  it("marks a guest without a customer id", async () => {
    const order = await listOne({ customerId: null, email: "lea.haas@example.test" });
    expect(order.customer.isGuest).toBe(true);
    expect(order.customer.cartCustomerId).toBeNull();
    expect(order.customer.email).toBe("lea.haas@example.test");
    expect(order.customer.firstName).toBe(order.billingAddress!.name.split(" ")[0]);
  });

  it("reads a deleted product as productId null", async () => {
    const order = await listOne({ lines: [{ ...LINE, productId: null, variantTitle: null }] });
    expect(order.lines[0]!.productId).toBeNull();
    expect(order.lines[0]!.sku).toBe("MUG-BLU-350");
  });

  it("keeps shop and paid currency apart", async () => {
    const order = await listOne({ presentmentCurrency: "GBP", presentmentTotal: "20.14", total: "23.50", totalTax: "0.00", shippingPrice: "0.00", lines: [{ ...LINE, quantity: 1, unitPrice: "23.50", tax: "0.00", variantTitle: null }] });
    expect(order.currency).toBe("EUR");
    expect(order.totalMinor).toBe(2350);
    expect(order.presentmentCurrency).toBe("GBP");
    expect(order.presentmentTotalMinor).toBe(2014);
  });

  it("reads the shipping address from shipping assignments", async () => {
    const order = await listOne({});
    expect(order.shippingAddress).not.toBeNull();
    expect(order.shippingAddress!.lines).toEqual(["Hauptstrasse 1"]);
    expect(order.billingAddress!.countryCode).toBe("DE");
  });

  it("marks a cancelled order with its last change", async () => {
    const order = await listOne({ status: "cancelled", cancelledAtUtc: "2024-05-04T10:00:00Z" });
    expect(order.cancelledAtUtc).toBe("2024-05-04T10:00:00.000Z");
    expect(order.isTest).toBe(false);
    expect(order.isDraft).toBe(false);
  });

  it("derives fulfillment from shipped quantities", async () => {
    const lines = [{ ...LINE, variantTitle: null }, { ...LINE, sku: "TEE-RED-M", variantTitle: "Red" }];
    expect((await listOne({ fulfillment: "partial", lines })).fulfillment).toBe("partial");
    await simulator!.close();
    expect((await listOne({ fulfillment: "unfulfilled", lines })).fulfillment).toBe("unfulfilled");
    await simulator!.close();
    expect((await listOne({ fulfillment: "fulfilled", lines })).fulfillment).toBe("fulfilled");
  });

  it("reads refunds from credit memos", async () => {
    const order = await listOne({
      financialStatus: "partially_refunded",
      refunds: [
        { createdAtUtc: "2024-05-05T09:00:00Z", amount: "5.00" },
        { createdAtUtc: "2024-05-06T09:00:00Z", amount: "2.50" },
      ],
    });
    expect(order.financialStatus).toBe("partially_refunded");
    expect(order.refunds).toEqual([
      { createdAtUtc: "2024-05-05T09:00:00.000Z", amountMinor: 500 },
      { createdAtUtc: "2024-05-06T09:00:00.000Z", amountMinor: 250 },
    ]);
  });

  it("falls back to the refunded total without credit memo access", async () => {
    const order = await listOne(
      { financialStatus: "partially_refunded", updatedAtUtc: "2024-05-07T00:00:00Z", refunds: [{ createdAtUtc: "2024-05-05T09:00:00Z", amount: "5.00" }] },
      undefined,
      [MAGENTO_ACL.orders],
    );
    expect(order.refunds).toEqual([{ createdAtUtc: "2024-05-07T00:00:00.000Z", amountMinor: 500 }]);
  });

  it("subtracts the tax part of a tax-inclusive discount", async () => {
    // The example order of a tax-inclusive store: 2 × 24.95 with 5.00 off.
    const order = await listOne({}, {
      base_grand_total: 49.85, grand_total: 49.85, base_tax_amount: 7.96, base_shipping_amount: 4.16,
      base_shipping_tax_amount: 0.79, base_discount_amount: -5, base_discount_tax_compensation_amount: 0.8,
      coupon_code: "SPRING5",
      items: [{ item_id: 1, sku: "MUG-BLU-350", name: "Enamel mug", product_type: "simple", product_id: 31, qty_ordered: 2, qty_shipped: 0, base_price: 20.965, base_row_total: 41.93, base_tax_amount: 7.17, base_discount_amount: 5 }],
    });
    expect(order.discounts).toEqual([{ code: "SPRING5", amountMinor: 420 }]);
    const mapped = mapOrder(order, MAPPING);
    expect(mapped.findings.map((finding) => finding.code)).not.toContain("totals-mismatch");
    expect(mapped.document.totalMinor).toBe(4985);
  });

  it("maps generated orders without a totals mismatch", async () => {
    simulator = await startMagentoSimulator({ currency: "EUR" });
    simulator.addOrders(generateSeedOrders({ count: 20, startUtc: "2024-05-02T00:00:00Z", stepMs: 600_000 }));
    const orders = await collectOrders(magentoConnectorFor(simulator), MAY);
    for (const order of orders) {
      const mapped = mapOrder(order, MAPPING);
      expect(mapped.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    }
  });

  it("lists both orders of an edited chain", async () => {
    simulator = await startMagentoSimulator({ currency: "EUR" });
    const [parent, child] = generateSeedOrders({ count: 2, firstId: 692, startUtc: "2024-05-10T10:00:00Z", stepMs: 3_600_000 });
    simulator.addOrders([
      { ...parent!, number: "100000692", status: "cancelled", cancelledAtUtc: "2024-05-10T11:00:00Z" },
      { ...child!, number: "100000692-1" },
    ]);
    simulator.setRawFields("693", { relation_parent_id: 692, relation_parent_real_id: "100000692", original_increment_id: "100000692", edit_increment: 1 });
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const orders = await collectOrders(magentoConnectorFor(simulator), MAY);
    expect(orders.map((order) => order.orderNumber)).toEqual(["100000692", "100000692-1"]);
    expect(orders[0]!.cancelledAtUtc).toBe("2024-05-10T11:00:00.000Z");
    expect(orders[1]!.cancelledAtUtc).toBeNull();
    const link = lines.find((line) => line.includes("order replaces an edited order"));
    expect(link).toContain("replacesOrderNumber=100000692");
  });
});
