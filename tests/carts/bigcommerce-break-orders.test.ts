import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { collectPages, startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import type { BigCommerceSimulatorOptions } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../simulators/common/seed-order.js";

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
let fixture: BcFixture | null = null;

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

function mappingFor(shopCurrency: string): MappingOptions {
  return { storeId: "bc-break", documentKind: "sales-order", filter: DEFAULT_ORDER_FILTER, guestPolicy: "placeholder-customer", shopCurrency };
}

function seed(id: number, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [order] = generateSeedOrders({ count: 1, firstId: id, startUtc: "2024-05-10T12:00:00Z", stepMs: 1, currency: "USD" });
  return { ...order!, ...patch };
}

function seedWithLines(id: number, lines: SeedLine[], total: string, patch: Partial<SeedOrder> = {}): SeedOrder {
  return seed(id, { lines, shippingPrice: "0.00", shippingTax: "0.00", totalTax: "0.00", total, presentmentTotal: total, ...patch });
}

function line(index: number, unitPrice: string, quantity = 1): SeedLine {
  return { sku: `PART-${index}`, productId: String(9000 + index), title: `Part ${index}`, variantTitle: null, quantity, unitPrice, tax: "0.00", discount: "0.00" };
}

async function listed(orders: SeedOrder[], options: BigCommerceSimulatorOptions = {}): Promise<Map<string, CartOrder>> {
  fixture = await startBcFixture({ orders, ...options });
  const { orders: found } = await collectPages(fixture.connector.listOrders({ ...WINDOW, pageSize: 3 }));
  return new Map(found.map((order) => [order.orderId, order]));
}

describe("BigCommerce orders of unusual shape", () => {
  it("reads an order without lines", async () => {
    const cart = (await listed([seedWithLines(4001, [], "4.95", { shippingPrice: "4.95" })])).get("4001")!;
    expect(cart.lines).toEqual([]);
    expect(cart.totalMinor).toBe(495);
  });

  it.each([
    ["in one page", undefined],
    ["past a silent 50-row cap", 50],
  ])("reads all 120 lines %s", async (_name, subResourceLimitCap) => {
    const lines = Array.from({ length: 120 }, (_, index) => line(index + 1, "1.50", 1 + (index % 3)));
    const total = (lines.reduce((sum, entry) => sum + entry.quantity, 0) * 1.5).toFixed(2);
    const cart = (await listed([seedWithLines(4002, lines, total)], { subResourceLimitCap })).get("4002")!;
    expect(cart.lines).toHaveLength(120);
    expect(cart.lines.map((entry) => entry.sku)).toEqual(lines.map((entry) => entry.sku));
    expect(mapOrder(cart, mappingFor("USD")).findings.some((finding) => finding.code === "totals-mismatch")).toBe(false);
  });

  it("keeps Unicode and 1,000-character address lines", async () => {
    const street = "Rua Visconde de Pirajá 550 — sala 1204, 🚚 entrega pelos fundos ".padEnd(1_000, "ç");
    const address: SeedAddress = {
      firstName: "Ângela",
      lastName: "Søndergård-李",
      company: "Ωmega Comércio Ltda.",
      lines: [street, "Bloco B / 2º andar"],
      city: "São Paulo",
      region: "SP",
      postalCode: "01000-000",
      countryCode: "BR",
      phone: "+55 11 0000-0000",
    };
    const order = seed(4003, { firstName: "Ângela", lastName: "Søndergård-李", billing: address, shipping: address });
    const cart = (await listed([order])).get("4003")!;
    expect(street).toHaveLength(1_000);
    // The simulator joins lines after the first into street_2, as BigCommerce has two street fields.
    expect(cart.billingAddress!.lines).toEqual([street, "Bloco B / 2º andar"]);
    expect(cart.shippingAddress!.lines[0]).toBe(street);
    expect(cart.customer.lastName).toBe("Søndergård-李");
    expect(cart.billingAddress!.company).toBe("Ωmega Comércio Ltda.");
  });

  it("dates each of several refunds", async () => {
    const order = seed(4004, {
      financialStatus: "partially_refunded",
      refunds: [
        { createdAtUtc: "2024-05-11T08:00:00Z", amount: "1.50" },
        { createdAtUtc: "2024-05-12T09:30:00Z", amount: "2.25" },
      ],
    });
    const cart = (await listed([order])).get("4004")!;
    expect(cart.refunds).toEqual([
      { createdAtUtc: "2024-05-11T08:00:00.000Z", amountMinor: 150 },
      { createdAtUtc: "2024-05-12T09:30:00.000Z", amountMinor: 225 },
    ]);
    expect(cart.financialStatus).toBe("partially_refunded");
  });

  it("reads a store in yen without minor units", async () => {
    const order = seedWithLines(4005, [line(1, "2480", 2)], "5460", { currency: "JPY", presentmentCurrency: "JPY", shippingPrice: "500" });
    const cart = (await listed([order], { currency: "JPY" })).get("4005")!;
    expect(cart.currency).toBe("JPY");
    expect(cart.totalMinor).toBe(5460);
    expect(cart.lines[0]!.unitPriceMinor).toBe(2480);
  });

  it("converts a foreign-currency order to shop money", async () => {
    const order = seed(4006, { presentmentCurrency: "EUR" });
    order.presentmentTotal = (Number(order.total) * 0.92).toFixed(2);
    const cart = (await listed([order])).get("4006")!;
    expect(cart.currency).toBe("USD");
    expect(cart.presentmentCurrency).toBe("EUR");
    expect(cart.presentmentTotalMinor).toBe(Math.round(Number(order.presentmentTotal) * 100));
    expect(Math.abs(cart.totalMinor - Math.round(Number(order.total) * 100))).toBeLessThanOrEqual(1);
  });

  it("lists guests sharing one e-mail across pages", async () => {
    const orders = [4101, 4102, 4103, 4104, 4105].map((id) => seed(id, { customerId: null, email: "lena.kovac@example.test" }));
    const carts = await listed(orders);
    expect([...carts.keys()]).toEqual(["4101", "4102", "4103", "4104", "4105"]);
    for (const cart of carts.values()) {
      expect(cart.customer.isGuest).toBe(true);
      expect(cart.customer.email).toBe("lena.kovac@example.test");
    }
    const keys = [...carts.values()].map((cart) => mapOrder(cart, mappingFor("USD")).document.customer.key);
    expect(new Set(keys).size).toBe(1);
  });

  it("flags archived and incomplete orders and lists each once", async () => {
    const orders = [4201, 4202, 4203, 4204].map((id) => seed(id));
    fixture = await startBcFixture({ orders });
    fixture.simulator.archiveOrder("4202");
    fixture.simulator.updateOrder("4203", { status: "draft" });
    const { orders: found } = await collectPages(fixture.connector.listOrders(WINDOW));
    const byId = new Map(found.map((order) => [order.orderId, order]));
    expect([...byId.keys()].sort()).toEqual(["4201", "4202", "4203", "4204"]);
    expect(found).toHaveLength(4);
    expect(byId.get("4202")!.isArchived).toBe(true);
    expect(byId.get("4203")!.isDraft).toBe(true);
    expect(byId.get("4201")!.isArchived || byId.get("4201")!.isDraft).toBe(false);
  });
});
