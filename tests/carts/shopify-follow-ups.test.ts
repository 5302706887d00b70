import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { ordersPageCost } from "../../main/carts/shopify/shopify-cost-estimate.js";
import { ORDERS_QUERY } from "../../main/carts/shopify/shopify-queries.js";
import { RetriesExhaustedError } from "../../main/http/http-client.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedLine, SeedOrder } from "../simulators/common/seed-order.js";
import type { SimulatorReply } from "../simulators/common/simulator-server.js";
import { requestedQueryCost } from "../simulators/shopify/shopify-query-cost.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import type { BucketOptions } from "../simulators/shopify/shopify-throttle.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-04-01T00:00:00Z" };

/** A bucket that refills at once, so that tests of query sizes do not wait for points. */
const FAST_BUCKET: Partial<BucketOptions> = { restoreRate: 1_000_000 };

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

function ordinaryOrders(count: number, firstId = 10_001): SeedOrder[] {
  return generateSeedOrders({ count, firstId, startUtc: "2026-03-02T00:00:00Z", stepMs: 60_000 });
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

function lines(count: number): SeedLine[] {
  return Array.from({ length: count }, (_, index) => line(index + 1));
}

const ordersOf = (pages: OrderPage[]) => pages.flatMap((page) => page.orders);

const chargedAs = (store: ShopifySimulator, operation: string) =>
  store.chargedQueries().filter((query) => query.operation === operation);

const serverError = (): SimulatorReply => ({ status: 503, body: JSON.stringify({ errors: "Service Unavailable" }) });

describe("Shopify orders query cost", () => {
  it("asks for 968 points for 14 orders", () => {
    expect(requestedQueryCost(ORDERS_QUERY, { first: 14 })).toBe(968);
    expect(ordersPageCost(14)).toBe(968);
    expect(requestedQueryCost(ORDERS_QUERY, { first: 15 })).toBe(1_037);
    expect(ordersPageCost(15)).toBe(1_037);
  });

  it("lists 1,000 ordinary orders in 72 requests", async () => {
    simulator = await startShopifySimulator({ orders: ordinaryOrders(1_000), bucket: FAST_BUCKET });
    const pages = await collectPages(connectorFor(simulator).listOrders({ ...WINDOW, pageSize: 250 }));
    const listings = chargedAs(simulator, "CartCutoverOrders");

    expect(ordersOf(pages)).toHaveLength(1_000);
    expect(pages).toHaveLength(72);
    expect(listings).toHaveLength(72);
    expect(listings.every((query) => query.requestedQueryCost <= 1_000)).toBe(true);
    expect(listings[0]!.requestedQueryCost).toBe(968);
    expect(chargedAs(simulator, "CartCutoverOrderLists")).toEqual([]);
    expect(pages.every((page) => page.attempts === 1)).toBe(true);
  });
});

describe("Shopify follow-ups for long lists", () => {
  it("completes an order with 120 lines and long lists", async () => {
    const refunds = Array.from({ length: 6 }, (_, index) => ({
      createdAtUtc: `2026-03-0${index + 3}T10:00:00Z`,
      amount: `${index + 1}.00`,
    }));
    const [before, long, after] = ordinaryOrders(3);
    const seeds = [before!, { ...long!, lines: lines(120), refunds }, after!];
    simulator = await startShopifySimulator({ orders: seeds, bucket: FAST_BUCKET });
    simulator.setOrderExtras(long!.id, {
      shippingLines: Array.from({ length: 4 }, (_, index) => ({ title: `Parcel ${index + 1}`, price: "4.95", tax: "0.00" })),
      discountApplications: Array.from({ length: 12 }, (_, index) => ({
        code: `CODE${index + 1}`,
        lineIndex: index,
        amount: "0.10",
      })),
    });
    const pages = await collectPages(connectorFor(simulator).listOrders(WINDOW));
    const orders = ordersOf(pages);
    const order = orders[1]!;

    expect(orders.map((listed) => listed.orderId)).toEqual(seeds.map((seed) => seed.id));
    expect(order.lines.map((orderLine) => orderLine.sku)).toEqual(lines(120).map((seedLine) => seedLine.sku));
    expect(order.lines.slice(0, 13).map((orderLine) => orderLine.discountMinor)).toEqual([...Array(12).fill(10), 0]);
    expect(order.shipping.map((charge) => charge.title)).toEqual(["Parcel 1", "Parcel 2", "Parcel 3", "Parcel 4"]);
    expect(order.shipping.map((charge) => charge.amountMinor)).toEqual([495, 495, 495, 495]);
    expect(order.discounts).toEqual(Array.from({ length: 12 }, (_, index) => ({ code: `CODE${index + 1}`, amountMinor: 10 })));
    expect(order.refunds.map((refund) => refund.amountMinor)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(orders[0]!.lines.length).toBeGreaterThan(0);
    expect(orders[2]!.lines.length).toBeGreaterThan(0);

    const followUps = chargedAs(simulator, "CartCutoverOrderLists");
    // Shipping lines, discounts, refunds and 20 lines first, then 80 lines, then the last 17.
    expect(followUps).toHaveLength(3);
    expect(followUps.every((query) => query.requestedQueryCost <= 1_000)).toBe(true);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.attempts).toBe(4);
  });

  it("reads four orders' extra lines in one follow-up", async () => {
    const seeds = ordinaryOrders(6).map((seed, index) => (index < 4 ? { ...seed, lines: lines(6) } : seed));
    simulator = await startShopifySimulator({ orders: seeds, bucket: FAST_BUCKET });
    const orders = ordersOf(await collectPages(connectorFor(simulator).listOrders(WINDOW)));

    expect(orders.slice(0, 4).map((order) => order.lines.length)).toEqual([6, 6, 6, 6]);
    const followUps = chargedAs(simulator, "CartCutoverOrderLists");
    expect(followUps).toHaveLength(1);
    // Each order requests 1 + 2 + 20 × 11 = 223 points.
    expect(followUps[0]!.requestedQueryCost).toBe(892);
  });

  it("paces follow-ups through a small bucket", async () => {
    const seeds = ordinaryOrders(5).map((seed) => ({ ...seed, lines: lines(30) }));
    simulator = await startShopifySimulator({ orders: seeds, bucket: { maximumAvailable: 300, restoreRate: 20_000 } });
    const orders = ordersOf(await collectPages(connectorFor(simulator).listOrders(WINDOW)));

    expect(orders.map((order) => order.lines.length)).toEqual([30, 30, 30, 30, 30]);
    expect(simulator.chargedQueries().every((query) => query.requestedQueryCost <= 300)).toBe(true);
    expect(chargedAs(simulator, "CartCutoverOrderLists").length).toBeGreaterThan(0);
    expect(simulator.throttledResponses()).toEqual([]);
  });

  it("asks a follow-up for fewer lines when it is too costly", async () => {
    simulator = await startShopifySimulator({ orders: [{ ...ordinaryOrders(1)[0]!, lines: lines(40) }], bucket: FAST_BUCKET });
    simulator.scriptReplies("order-lists", () => ({
      status: 200,
      body: JSON.stringify({
        errors: [{ message: "Query cost is 223", extensions: { code: "MAX_COST_EXCEEDED", cost: 223, maxCost: 100 } }],
      }),
    }));
    const pages = await collectPages(connectorFor(simulator).listOrders(WINDOW));

    expect(ordersOf(pages)[0]!.lines).toHaveLength(40);
    expect(chargedAs(simulator, "CartCutoverOrderLists").every((query) => query.requestedQueryCost <= 100)).toBe(true);
    expect(pages[0]!.attempts).toBeGreaterThan(2);
  });

  it("fails the page when a follow-up keeps failing", async () => {
    const seeds = ordinaryOrders(3).map((seed, index) => (index === 1 ? { ...seed, lines: lines(8) } : seed));
    simulator = await startShopifySimulator({ orders: seeds, bucket: FAST_BUCKET });
    simulator.scriptReplies("order-lists", serverError, 10);
    const pages = connectorFor(simulator).listOrders(WINDOW)[Symbol.asyncIterator]();
    const error = await pages.next().then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as CartError).kind).toBe("server-error");
    expect((error as RetriesExhaustedError).attempts).toBe(FAST_RETRY_POLICY.maxFailureAttempts);
    const followUps = simulator.requestLog().filter((entry) => entry.body.includes("CartCutoverOrderLists"));
    expect(followUps.map((entry) => entry.status)).toEqual(Array(FAST_RETRY_POLICY.maxFailureAttempts).fill(503));
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });

  it("stops when an order vanishes during follow-ups", async () => {
    const seed = { ...ordinaryOrders(1)[0]!, lines: lines(8) };
    simulator = await startShopifySimulator({ orders: [seed], bucket: FAST_BUCKET });
    simulator.scriptReplies("order-lists", (storeReply) => {
      const body = JSON.parse(storeReply().body) as { data: Record<string, unknown> };
      body.data.order0 = null;
      return { status: 200, body: JSON.stringify(body) };
    });
    const error = await collectPages(connectorFor(simulator).listOrders(WINDOW)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("bad-response");
    expect((error as CartError).message).toContain(`no longer returns order ${seed.number}`);
  });

  it("stops when a follow-up cursor does not move", async () => {
    const seed = { ...ordinaryOrders(1)[0]!, lines: lines(40) };
    simulator = await startShopifySimulator({ orders: [seed], bucket: FAST_BUCKET });
    simulator.scriptReplies("order-lists", (storeReply, request) => {
      const { variables } = JSON.parse(request.body) as { variables: Record<string, unknown> };
      const body = JSON.parse(storeReply().body) as {
        data: { order0: { lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
      };
      body.data.order0.lineItems.pageInfo = { hasNextPage: true, endCursor: variables.lineItemsAfter0 as string };
      return { status: 200, body: JSON.stringify(body) };
    });
    const error = await collectPages(connectorFor(simulator).listOrders(WINDOW)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("bad-response");
    expect((error as CartError).message).toContain(`the lines of order ${seed.number}`);
    expect((error as CartError).detail).toContain("lineItems: the end cursor did not move");
  });

  it("reads all 25 refunds of an order", async () => {
    const refunds = Array.from({ length: 25 }, (_, index) => ({
      createdAtUtc: `2026-03-05T10:${String(index).padStart(2, "0")}:00Z`,
      amount: "0.10",
    }));
    simulator = await startShopifySimulator({ orders: [{ ...ordinaryOrders(1)[0]!, refunds }], bucket: FAST_BUCKET });
    const [order] = ordersOf(await collectPages(connectorFor(simulator).listOrders(WINDOW)));

    expect(order!.refunds).toHaveLength(25);
    expect(order!.refunds.at(-1)).toEqual({ createdAtUtc: "2026-03-05T10:24:00.000Z", amountMinor: 10 });
    // Two refunds come with the order; follow-ups of 10 and then 40 show that 25 are all.
    expect(chargedAs(simulator, "CartCutoverOrderLists")).toHaveLength(2);
  });

  it("rejects an order with 250 refunds", async () => {
    const refunds = Array.from({ length: 250 }, () => ({ createdAtUtc: "2026-03-05T10:00:00Z", amount: "0.01" }));
    const seed = ordinaryOrders(1)[0]!;
    simulator = await startShopifySimulator({ orders: [{ ...seed, refunds }], bucket: FAST_BUCKET });
    const error = await collectPages(connectorFor(simulator).listOrders(WINDOW)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("bad-response");
    expect((error as CartError).message).toContain(`Order ${seed.number} has 250 refunds or more`);
  });
});
