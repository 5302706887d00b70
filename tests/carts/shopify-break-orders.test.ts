import { afterEach, describe, expect, it } from "vitest";
import type { OrderPage } from "../../main/carts/connector.js";
import { toMinor } from "../../main/money/money.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedLine, SeedOrder } from "../simulators/common/seed-order.js";
import { type ShopifySimulator, type ShopifySimulatorOptions, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-03-02T00:00:00Z" };

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

async function startStore(orders: SeedOrder[], options: ShopifySimulatorOptions = {}) {
  simulator = await startShopifySimulator({ ...options, orders });
  return simulator;
}

function seedAt(id: number, createdAtUtc: string, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [seed] = generateSeedOrders({ count: 1, firstId: id, startUtc: createdAtUtc, stepMs: 0, seed: id });
  return { ...seed!, ...patch };
}

function line(index: number): SeedLine {
  return {
    sku: `SKU-${String(index).padStart(3, "0")}`,
    productId: String(8000 + index),
    title: `Item ${index}`,
    variantTitle: null,
    quantity: 1,
    unitPrice: "1.00",
    tax: "0.19",
    discount: "0.00",
  };
}

const idsOf = (pages: OrderPage[]) => pages.flatMap((page) => page.orders.map((order) => order.orderId));
const ordersOf = (pages: OrderPage[]) => pages.flatMap((page) => page.orders);

/** Returns the `first` variable of every request of the named query that reached the store. */
const firstsOf = (store: ShopifySimulator, queryName: string): number[] =>
  store
    .requestLog()
    .filter((entry) => entry.body.includes(queryName))
    .map((entry) => (JSON.parse(entry.body) as { variables: { first: number } }).variables.first);

describe("Shopify orders with unusual content", () => {
  it("keeps Unicode names and 1,000-character address lines", async () => {
    const longLine = "ß".repeat(500) + "中".repeat(500);
    const address = {
      firstName: "Zoë",
      lastName: "Łukasiewicz-Ñúñez",
      company: "Kaffee «Über» GmbH",
      lines: [longLine, "🏠".repeat(10)],
      city: "Kraków",
      region: null,
      postalCode: "31-000",
      countryCode: "PL",
      phone: null,
    };
    const seed = seedAt(1201, "2026-03-01T09:00:00Z", {
      number: "#№1201-ü",
      firstName: "Zoë",
      lastName: "Łukasiewicz-Ñúñez",
      email: "zoë@example.test",
      billing: address,
      shipping: address,
      lines: [{ ...line(1), sku: "TASSE-ÜBER", title: "Tasse «Über» – 茶碗" }],
    });
    const store = await startStore([seed]);
    const [order] = ordersOf(await collectPages(connectorFor(store).listOrders(WINDOW)));

    expect(order?.orderNumber).toBe("#№1201-ü");
    expect(order?.customer.firstName).toBe("Zoë");
    expect(order?.customer.lastName).toBe("Łukasiewicz-Ñúñez");
    expect(order?.customer.email).toBe("zoë@example.test");
    expect(order?.billingAddress?.lines).toEqual([longLine, "🏠".repeat(10)]);
    expect(order?.billingAddress?.lines[0]).toHaveLength(1_000);
    expect(order?.shippingAddress?.city).toBe("Kraków");
    expect(order?.shippingAddress?.company).toBe("Kaffee «Über» GmbH");
    expect(order?.lines[0]?.title).toBe("Tasse «Über» – 茶碗");
    expect(order?.lines[0]?.sku).toBe("TASSE-ÜBER");
  });

  it("lists an order with no lines", async () => {
    const store = await startStore([seedAt(1202, "2026-03-01T09:00:00Z", { lines: [], total: "4.95", totalTax: "0.00" })]);
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    const [order] = ordersOf(pages);
    expect(order?.lines).toEqual([]);
    expect(order?.totalMinor).toBe(495);
    expect(pages[0]!.attempts).toBe(1);
  });

  it("reads 120 lines per order within Shopify's cost limit", async () => {
    const lines = Array.from({ length: 120 }, (_, index) => line(index + 1));
    const seeds = [1301, 1302, 1303].map((id, index) => seedAt(id, `2026-03-01T0${index + 1}:00:00Z`, { lines }));
    const store = await startStore(seeds, { bucket: { maximumAvailable: 2_000, restoreRate: 20_000 } });
    const pages = await collectPages(connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 }));
    const orders = ordersOf(pages);

    expect(orders.map((order) => order.orderId)).toEqual(["1301", "1302", "1303"]);
    for (const order of orders) {
      expect(order.lines).toHaveLength(120);
      expect(order.lines.map((orderLine) => orderLine.sku)).toEqual(lines.map((seedLine) => seedLine.sku));
    }
    expect(firstsOf(store, "CartCutoverOrders(")).toEqual([2, 2]);
    const followUps = store.chargedQueries().filter((query) => query.operation === "CartCutoverOrderLists");
    // The first page's two orders share a follow-up of 20 lines each. Then they take turns at 80 lines and at
    // 90, which is what fits in 1,000 points. The third order takes 20, 80 and 90 alone.
    expect(followUps).toHaveLength(8);
    // The bucket has room for 2,000 points, but no request exceeds Shopify's single-query limit.
    expect(followUps.every((query) => query.requestedQueryCost <= 1_000)).toBe(true);
  });

  it("keeps every refund with its amount", async () => {
    const refunds = [
      { createdAtUtc: "2026-03-03T10:00:00Z", amount: "5.00" },
      { createdAtUtc: "2026-03-04T11:30:00Z", amount: "2.50" },
    ];
    const store = await startStore([seedAt(1401, "2026-03-01T09:00:00Z", { refunds, financialStatus: "partially_refunded" })]);
    const [order] = ordersOf(await collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(order?.refunds).toEqual([
      { createdAtUtc: "2026-03-03T10:00:00.000Z", amountMinor: 500 },
      { createdAtUtc: "2026-03-04T11:30:00.000Z", amountMinor: 250 },
    ]);
    expect(order?.financialStatus).toBe("partially_refunded");
  });

  it("drops lines edited down to zero", async () => {
    const seed = seedAt(1501, "2026-03-01T09:00:00Z", { lines: [line(1), line(2), line(3)] });
    const store = await startStore([seed, seedAt(1502, "2026-03-01T10:00:00Z", { lines: [line(4)] })]);
    store.editLine("1501", { lineIndex: 1, currentQuantity: 0 });
    store.editLine("1502", { lineIndex: 0, currentQuantity: 0 });
    const orders = ordersOf(await collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(orders.map((order) => order.orderId)).toEqual(["1501", "1502"]);
    expect(orders[0]?.lines.map((orderLine) => orderLine.sku)).toEqual(["SKU-001", "SKU-003"]);
    expect(orders[1]?.lines).toEqual([]);
  });

  it("keeps a yen presentment total beside euro amounts", async () => {
    const seed = seedAt(1601, "2026-03-01T09:00:00Z", { presentmentCurrency: "JPY", presentmentTotal: "8350" });
    const store = await startStore([seed]);
    const [order] = ordersOf(await collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(order?.currency).toBe("EUR");
    expect(order?.totalMinor).toBe(toMinor(seed.total, "EUR"));
    expect(order?.presentmentCurrency).toBe("JPY");
    expect(order?.presentmentTotalMinor).toBe(8350);
  });

  it("reads a dinar shop with three decimals", async () => {
    const [seed] = generateSeedOrders({ count: 1, firstId: 1701, startUtc: "2026-03-01T09:00:00Z", stepMs: 0, currency: "KWD" });
    const foreign = { ...seed!, presentmentCurrency: "USD", presentmentTotal: "240.12" };
    const store = await startStore([foreign], { currency: "KWD" });
    const [order] = ordersOf(await collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(order?.currency).toBe("KWD");
    expect(order?.totalMinor).toBe(toMinor(foreign.total, "KWD"));
    expect(order?.lines[0]?.unitPriceMinor).toBe(toMinor(foreign.lines[0]!.unitPrice, "KWD"));
    expect(order?.presentmentTotalMinor).toBe(24_012);
  });
});

describe("Shopify paging around one instant", () => {
  const T = "2026-03-01T12:00:00Z";

  it("splits three orders of one instant across pages of two", async () => {
    const store = await startStore([
      seedAt(2001, "2026-03-01T11:00:00Z"),
      seedAt(2002, T),
      seedAt(2003, T),
      seedAt(2004, T),
      seedAt(2005, "2026-03-01T13:00:00Z"),
    ]);
    const pages = await collectPages(connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 }));
    expect(pages.map((page) => page.orders.map((order) => order.orderId))).toEqual([
      ["2001", "2002"],
      ["2003", "2004"],
      ["2005"],
    ]);
  });

  it("ends a page on the last order of a shared instant", async () => {
    const store = await startStore([seedAt(2011, T), seedAt(2012, T), seedAt(2013, T), seedAt(2014, "2026-03-01T13:00:00Z")]);
    const pages = await collectPages(connectorFor(store).listOrders({ ...WINDOW, pageSize: 3 }));
    expect(pages.map((page) => page.orders.map((order) => order.orderId))).toEqual([["2011", "2012", "2013"], ["2014"]]);
  });

  it("includes an order placed at the shared instant while paging", async () => {
    const store = await startStore([seedAt(2021, T), seedAt(2022, T), seedAt(2023, T), seedAt(2024, "2026-03-01T13:00:00Z")]);
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    const ids = (await pages.next()).value!.orders.map((order: { orderId: string }) => order.orderId);
    store.addOrders([seedAt(2030, T), seedAt(2031, "2026-03-01T20:00:00Z")]);
    store.updateOrder("2024", { status: "draft" });
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      ids.push(...page.value.orders.map((order) => order.orderId));
    }
    expect(ids).toEqual(["2021", "2022", "2023", "2030", "2031"]);
  });

  it("splits the cut-off instant between adjacent windows", async () => {
    const store = await startStore([
      seedAt(2041, "2026-03-01T11:59:59Z"),
      seedAt(2042, T),
      seedAt(2043, T),
      seedAt(2044, "2026-03-01T12:00:01Z"),
    ]);
    const connector = connectorFor(store);
    const before = idsOf(await collectPages(connector.listOrders({ createdFromUtc: WINDOW.createdFromUtc, createdToUtc: T, pageSize: 1 })));
    const after = idsOf(await collectPages(connector.listOrders({ createdFromUtc: T, createdToUtc: WINDOW.createdToUtc, pageSize: 1 })));
    expect(before).toEqual(["2041"]);
    expect(after).toEqual(["2042", "2043", "2044"]);
  });
});
