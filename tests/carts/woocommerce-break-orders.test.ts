import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../simulators/common/seed-order.js";
import { collectPages, startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import type { WooCommerceSimulatorOptions } from "../simulators/woocommerce/woocommerce-simulator.js";

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
let fixture: WooFixture | null = null;

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

function mappingFor(shopCurrency: string): MappingOptions {
  return { storeId: "woo-break", documentKind: "sales-order", filter: DEFAULT_ORDER_FILTER, guestPolicy: "placeholder-customer", shopCurrency };
}

function seed(id: number, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [order] = generateSeedOrders({ count: 1, firstId: id, startUtc: "2024-05-10T12:00:00Z", stepMs: 1 });
  return { ...order!, ...patch };
}

/** Builds a seed without tax or shipping whose lines and total add up. */
function seedWithLines(id: number, lines: SeedLine[], total: string, patch: Partial<SeedOrder> = {}): SeedOrder {
  return seed(id, { lines, shippingPrice: "0.00", shippingTax: "0.00", totalTax: "0.00", total, presentmentTotal: total, ...patch });
}

async function listed(orders: SeedOrder[], options: WooCommerceSimulatorOptions = {}): Promise<Map<string, CartOrder>> {
  fixture = await startWooFixture({ orders, ...options });
  const { orders: found } = await collectPages(fixture.connector.listOrders({ ...WINDOW, pageSize: 3 }));
  return new Map(found.map((order) => [order.orderId, order]));
}

function line(index: number, unitPrice: string): SeedLine {
  return { sku: `PART-${index}`, productId: String(9000 + index), title: `Part ${index}`, variantTitle: null, quantity: 1, unitPrice, tax: "0.00", discount: "0.00" };
}

describe("WooCommerce orders of unusual shape", () => {
  it("reads an order without lines", async () => {
    const cart = (await listed([seedWithLines(3001, [], "4.95", { shippingPrice: "4.95" })])).get("3001")!;
    expect(cart.lines).toEqual([]);
    expect(cart.totalMinor).toBe(495);
    expect(mapOrder(cart, mappingFor("EUR")).document.totalMinor).toBe(495);
  });

  it("reads all 120 lines of an order", async () => {
    const lines = Array.from({ length: 120 }, (_, index) => line(index + 1, "1.50"));
    const cart = (await listed([seedWithLines(3002, lines, "180.00")])).get("3002")!;
    expect(cart.lines).toHaveLength(120);
    expect(cart.lines.map((entry) => entry.sku)).toEqual(lines.map((entry) => entry.sku));
    const mapped = mapOrder(cart, mappingFor("EUR"));
    expect(mapped.findings.some((finding) => finding.code === "totals-mismatch")).toBe(false);
  });

  it("keeps Unicode and 1,000-character address lines", async () => {
    const street = "Ünterer Dorfplatz 7 — Hinterhaus, 3. OG, 🚚 Tür links ".padEnd(1_000, "ß");
    const address: SeedAddress = {
      firstName: "Zoë",
      lastName: "Ñúñez-Øberg 山田",
      company: "Łódź Ceramika sp. z o.o.",
      lines: [street, "c/o Ζωή Παπαδοπούλου"],
      city: "Škofja Loka",
      region: null,
      postalCode: "4220",
      countryCode: "SI",
      phone: "+386 4 000 00 00",
    };
    const cart = (await listed([seed(3003, { firstName: "Zoë", lastName: "Ñúñez-Øberg 山田", billing: address, shipping: address })])).get("3003")!;
    expect(street).toHaveLength(1_000);
    expect(cart.billingAddress!.lines).toEqual([street, "c/o Ζωή Παπαδοπούλου"]);
    expect(cart.shippingAddress!.lines[0]).toBe(street);
    expect(cart.billingAddress!.company).toBe("Łódź Ceramika sp. z o.o.");
    expect(cart.customer.lastName).toBe("Ñúñez-Øberg 山田");
    expect(cart.shippingAddress!.city).toBe("Škofja Loka");
  });

  it("dates each of several refunds", async () => {
    const order = seed(3004, {
      financialStatus: "partially_refunded",
      refunds: [
        { createdAtUtc: "2024-05-11T08:00:00Z", amount: "1.50" },
        { createdAtUtc: "2024-05-12T09:30:00Z", amount: "2.25" },
      ],
    });
    const cart = (await listed([order])).get("3004")!;
    expect(cart.refunds).toEqual([
      { createdAtUtc: "2024-05-11T08:00:00.000Z", amountMinor: 150 },
      { createdAtUtc: "2024-05-12T09:30:00.000Z", amountMinor: 225 },
    ]);
    expect(mapOrder(cart, mappingFor("EUR")).document.refundedMinor).toBe(375);
  });

  it("reads a shop in yen without minor units", async () => {
    const lines = [{ ...line(1, "2480"), quantity: 2 }];
    const order = seedWithLines(3005, lines, "5460", { currency: "JPY", presentmentCurrency: "JPY", shippingPrice: "500" });
    const cart = (await listed([order], { currency: "JPY" })).get("3005")!;
    expect(cart.currency).toBe("JPY");
    expect(cart.totalMinor).toBe(5460);
    expect(cart.lines[0]!.unitPriceMinor).toBe(2480);
    expect(cart.shipping[0]!.amountMinor).toBe(500);
  });

  it("reads a shop in dinar with three decimals", async () => {
    const order = seedWithLines(3006, [line(1, "12.345")], "12.345", { currency: "KWD", presentmentCurrency: "KWD" });
    const cart = (await listed([order], { currency: "KWD" })).get("3006")!;
    expect(cart.totalMinor).toBe(12345);
    expect(cart.lines[0]!.unitPriceMinor).toBe(12345);
  });

  it("converts a foreign-currency order to shop money", async () => {
    const order = seed(3007, { presentmentCurrency: "CHF" });
    order.presentmentTotal = (Number(order.total) * 0.97).toFixed(2);
    const cart = (await listed([order])).get("3007")!;
    expect(cart.currency).toBe("EUR");
    expect(cart.presentmentCurrency).toBe("CHF");
    expect(cart.presentmentTotalMinor).toBe(Math.round(Number(order.presentmentTotal) * 100));
    expect(Math.abs(cart.totalMinor - Math.round(Number(order.total) * 100))).toBeLessThanOrEqual(1);
  });

  it("lists guests sharing one e-mail across pages", async () => {
    const guest = { customerId: null, email: "lena.kovac@example.test" };
    const orders = [3301, 3302, 3303, 3304, 3305].map((id) => seed(id, guest));
    const carts = await listed(orders);
    expect([...carts.keys()]).toEqual(["3301", "3302", "3303", "3304", "3305"]);
    for (const cart of carts.values()) {
      expect(cart.customer.isGuest).toBe(true);
      expect(cart.customer.email).toBe("lena.kovac@example.test");
    }
    const keys = [...carts.values()].map((cart) => mapOrder(cart, mappingFor("EUR")).document.customer.key);
    expect(new Set(keys).size).toBe(1);
  });

  it("reads a cancelled order with a full refund", async () => {
    const order = seed(3008, {
      status: "cancelled",
      cancelledAtUtc: "2024-05-11T10:00:00Z",
      updatedAtUtc: "2024-05-11T10:00:00Z",
      financialStatus: "refunded",
    });
    const cart = (await listed([order])).get("3008")!;
    expect(cart.cancelledAtUtc).toBe("2024-05-11T10:00:00.000Z");
    expect(cart.fulfillment).toBe("unfulfilled");
  });
});
