import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import {
  PRESTASHOP_RESOURCES,
  startPrestaShopSimulator,
  type PrestaShopSimulator,
} from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

const MAPPING: MappingOptions = {
  storeId: "prestashop-test",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

let simulator: PrestaShopSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

async function listAll(seeds: SeedOrder[], resources?: string[], raw?: Record<string, Record<string, unknown>>): Promise<CartOrder[]> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid", resources });
  simulator.addOrders(seeds);
  for (const [id, fields] of Object.entries(raw ?? {})) simulator.setRawFields(id, fields);
  const orders: CartOrder[] = [];
  for await (const page of prestaShopConnectorFor(simulator).listOrders(MAY)) orders.push(...page.orders);
  return orders;
}

function oneSeed(patch: Partial<SeedOrder> = {}): SeedOrder {
  const [seed] = generateSeedOrders({ count: 1, firstId: 318, startUtc: "2024-05-03T08:15:22Z", stepMs: 0 });
  return { ...seed!, ...patch };
}

describe("PrestaShop order normalization", () => {
  it("converts shop-local dates to UTC", async () => {
    const [order] = await listAll([oneSeed()]);
    expect(order!.createdAtUtc).toBe("2024-05-03T08:15:22.000Z");
    expect(order!.orderNumber).toBe("#318");
  });

  it("reads line tax from order details", async () => {
    const [order] = await listAll([oneSeed({ lines: [{ sku: "MUG-BLU-350", productId: "31", title: "Enamel mug", variantTitle: "Color : Blue", quantity: 2, unitPrice: "20.97", tax: "7.97", discount: "0.00" }], totalTax: "7.97", total: "57.86" })]);
    expect(order!.lines[0]).toMatchObject({ sku: "MUG-BLU-350", title: "Enamel mug", variantTitle: "Color : Blue", quantity: 2, unitPriceMinor: 2097, taxMinor: 797 });
  });

  it("estimates line tax without order details access", async () => {
    const seed = oneSeed({ lines: [{ sku: "TEE-RED-M", productId: "8", title: "Cotton tee", variantTitle: null, quantity: 3, unitPrice: "10.00", tax: "5.70", discount: "0.00" }] });
    const [order] = await listAll([seed], PRESTASHOP_RESOURCES.filter((name) => name !== "order_details"));
    expect(order!.lines[0]!.taxMinor).toBe(570);
  });

  it("marks a guest checkout", async () => {
    const [order] = await listAll([oneSeed({ customerId: null, email: "lucia.prieto@example.test" })]);
    expect(order!.customer).toMatchObject({ isGuest: true, cartCustomerId: null, email: "lucia.prieto@example.test" });
  });

  it("keeps a deleted customer's order with the address names", async () => {
    const [order] = await listAll([oneSeed()], undefined, { "318": { id_customer: "0" } });
    expect(order!.customer.email).toBeNull();
    expect(order!.customer.isGuest).toBe(true);
    expect(order!.customer.firstName).toBe("Mara");
    expect(order!.billingAddress!.countryCode).toBe("DE");
  });

  it("reads a deleted product as productId null", async () => {
    const seed = oneSeed();
    seed.lines = [{ ...seed.lines[0]!, productId: null }];
    const [order] = await listAll([seed]);
    expect(order!.lines[0]!.productId).toBeNull();
  });

  it("converts a foreign-currency order into shop money", async () => {
    const [order] = await listAll([oneSeed({ presentmentCurrency: "GBP", presentmentTotal: "20.14", total: "23.50", totalTax: "0.00", shippingPrice: "0.00", lines: [{ sku: "BAG-CAN-01", productId: "3", title: "Canvas tote", variantTitle: null, quantity: 1, unitPrice: "23.50", tax: "0.00", discount: "0.00" }] })]);
    expect(order!.currency).toBe("EUR");
    expect(order!.totalMinor).toBe(2350);
    expect(order!.lines[0]!.unitPriceMinor).toBe(2350);
    expect(order!.presentmentCurrency).toBe("GBP");
    expect(order!.presentmentTotalMinor).toBe(2014);
  });

  it("reads refunds from credit slips", async () => {
    const [order] = await listAll([oneSeed({ financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-06T10:00:00Z", amount: "15.00" }] })]);
    expect(order!.refunds).toEqual([{ createdAtUtc: "2024-05-06T10:00:00.000Z", amountMinor: 1500 }]);
    expect(order!.financialStatus).toBe("partially_refunded");
  });

  it("takes the cancellation time from the order history", async () => {
    const [order] = await listAll([oneSeed({ status: "cancelled", cancelledAtUtc: "2024-05-04T09:00:00Z", updatedAtUtc: "2024-05-05T00:00:00Z" })], undefined, { "318": { date_upd: "2024-05-09 10:00:00" } });
    expect(order!.cancelledAtUtc).toBe("2024-05-04T09:00:00.000Z");
  });

  it("reads states by their flags and configured ids", async () => {
    const orders = await listAll([
      oneSeed({ fulfillment: "fulfilled" }),
      { ...oneSeed({ financialStatus: "pending" }), id: "319" },
      { ...oneSeed({ financialStatus: "refunded" }), id: "320" },
    ]);
    expect(orders.map((order) => [order.fulfillment, order.financialStatus])).toEqual([
      ["fulfilled", "paid"],
      ["unfulfilled", "pending"],
      ["unfulfilled", "refunded"],
    ]);
  });

  it("names the discount after its cart rule", async () => {
    const [order] = await listAll([oneSeed({ discountCode: "SUMMER10", discountAmount: "5.00", total: "0.00" })]);
    expect(order!.discounts).toEqual([{ code: "SUMMER10", amountMinor: 500 }]);
  });

  it("maps generated orders without a totals mismatch", async () => {
    const seeds = generateSeedOrders({ count: 15, startUtc: "2024-05-02T00:00:00Z", stepMs: 600_000 });
    const orders = await listAll(seeds);
    expect(orders).toHaveLength(15);
    for (const order of orders) {
      const mapped = mapOrder(order, MAPPING);
      expect(mapped.findings.filter((finding) => finding.severity === "error")).toEqual([]);
      expect(mapped.document.totalMinor).toBe(order.totalMinor);
    }
  });

  it("maps a tax-inclusive order to its total", async () => {
    const seed = oneSeed({
      taxesIncluded: true,
      lines: [{ sku: "MUG-BLU-350", productId: "31", title: "Enamel mug", variantTitle: null, quantity: 2, unitPrice: "24.95", tax: "7.97", discount: "0.00" }],
      shippingPrice: "4.95",
      shippingTax: "0.79",
      totalTax: "8.76",
      total: "54.85",
    });
    const [order] = await listAll([seed]);
    expect(order!.totalMinor).toBe(5485);
    expect(order!.totalTaxMinor).toBe(876);
    const mapped = mapOrder(order!, MAPPING);
    expect(mapped.findings.map((finding) => finding.code)).not.toContain("totals-mismatch");
    expect(mapped.document.totalMinor).toBe(5485);
  });
});
