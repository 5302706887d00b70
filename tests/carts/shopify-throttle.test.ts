import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { RetryEvent } from "../../main/http/http-client.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import type { ThrottleWait } from "../../main/carts/shopify/shopify-graphql-client.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-04-01T00:00:00Z" };

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

function orders(count: number) {
  return generateSeedOrders({ count, firstId: 10_001, startUtc: "2026-03-02T00:00:00Z", stepMs: 60_000 });
}

const firstArguments = (store: ShopifySimulator): number[] =>
  store
    .requestLog()
    .filter((entry) => entry.body.includes("orders("))
    .map((entry) => (JSON.parse(entry.body) as { variables: { first: number } }).variables.first);

describe("Shopify cost throttle", () => {
  it("waits as the THROTTLED bucket reports", async () => {
    // A page of 5 orders requests 2 + 5 × 69 = 347 points, which fit in the 400-point bucket.
    simulator = await startShopifySimulator({ orders: orders(10), bucket: { maximumAvailable: 400, restoreRate: 2_000 } });
    const retries: RetryEvent[] = [];
    const pages = connectorFor(simulator, { onRetry: (event) => retries.push(event) })
      .listOrders({ ...WINDOW, pageSize: 5 })
      [Symbol.asyncIterator]();
    const first = await pages.next();
    // Another client of the same app empties the shared bucket, which this connector cannot foresee.
    simulator.setAvailablePoints(0);
    const second = await pages.next();

    expect(first.value?.orders).toHaveLength(5);
    expect(second.value?.orders).toHaveLength(5);
    const throttled = simulator.throttledResponses();
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((response) => response.requestedQueryCost === 347)).toBe(true);
    const expectedDelays = throttled.map(({ requestedQueryCost, throttleStatus }) =>
      Math.ceil(((requestedQueryCost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate) * 1000),
    );
    const throttleRetries = retries.filter((event) => event.cause.includes("THROTTLED"));
    expect(throttleRetries.map((event) => event.delayMs)).toEqual(expectedDelays);
  });

  it("paces pages by the bucket before Shopify throttles", async () => {
    // A page of 4 orders requests 278 points, and what it leaves in a 300-point bucket pays for no second one.
    simulator = await startShopifySimulator({ orders: orders(12), bucket: { maximumAvailable: 300, restoreRate: 1_000 } });
    const waits: ThrottleWait[] = [];
    const pages = await collectPages(
      connectorFor(simulator, { onThrottleWait: (wait) => waits.push(wait) }).listOrders({ ...WINDOW, pageSize: 4 }),
    );

    expect(pages.map((page) => page.orders.length)).toEqual([4, 4, 4]);
    expect(waits).toHaveLength(2);
    expect(waits.map((wait) => wait.expectedCost)).toEqual([278, 278]);
    expect(waits.every((wait) => wait.waitMs > 0)).toBe(true);
    expect(simulator.throttledResponses()).toEqual([]);
  });

  it("imports 600 orders through a bucket smaller than a page", async () => {
    // The 500-point bucket has room for a page of 7 orders (485 points), not the 14 that Shopify's limit allows.
    simulator = await startShopifySimulator({ orders: orders(600), bucket: { maximumAvailable: 500, restoreRate: 20_000 } });
    const pages = await collectPages(connectorFor(simulator).listOrders({ ...WINDOW, pageSize: 250 }));
    const ids = pages.flatMap((page) => page.orders.map((order) => order.orderId));

    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(Math.max(...firstArguments(simulator))).toBe(7);
    expect(pages).toHaveLength(86);
    expect(simulator.throttledResponses()).toEqual([]);
  });

  it("asks for fewer orders when a page is too costly", async () => {
    simulator = await startShopifySimulator({ orders: orders(30), bucket: { restoreRate: 10_000 } });
    simulator.injectFault({ kind: "too-heavy", maxPageSize: 10, times: 1 });
    const pages = await collectPages(connectorFor(simulator).listOrders({ ...WINDOW, pageSize: 40 }));

    expect(pages.flatMap((page) => page.orders)).toHaveLength(30);
    // 40 orders would request 2,762 points, so the first page requests the 14 that fit in 1,000.
    expect(firstArguments(simulator)).toEqual([14, 10, 10, 10]);
    expect(pages[0]!.attempts).toBe(2);
  });

  it("fails at once on a bucket smaller than one order", async () => {
    simulator = await startShopifySimulator({ orders: orders(3), bucket: { maximumAvailable: 40 } });
    const error = await collectPages(connectorFor(simulator).listOrders(WINDOW)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("rate-limited");
    expect((error as CartError).message).toContain("allows at most 40 points, less than the 71 points of one request");
    expect(simulator.throttledResponses()).toHaveLength(1);
  });
});

describe("Shopify 429 responses", () => {
  it("waits out seven 429s with Retry-After and succeeds", async () => {
    simulator = await startShopifySimulator({ orders: orders(3) });
    simulator.injectFault({ kind: "status", status: 429, retryAfterSeconds: 2, times: 7 });
    const waitsMs: number[] = [];
    const connector = connectorFor(simulator, {
      // Fewer failure attempts than 429s: only the time budget may end a rate-limited request.
      retryPolicy: { ...FAST_RETRY_POLICY, maxFailureAttempts: 2 },
      sleep: async (ms) => {
        waitsMs.push(ms);
      },
    });
    const pages = await collectPages(connector.listOrders(WINDOW));

    expect(pages.flatMap((page) => page.orders)).toHaveLength(3);
    expect(waitsMs).toEqual([2000, 2000, 2000, 2000, 2000, 2000, 2000]);
    expect(pages[0]!.attempts).toBe(8);
  });

  it("gives up when the rate-limit time budget is spent", async () => {
    simulator = await startShopifySimulator({ orders: orders(3) });
    simulator.injectFault({ kind: "status", status: 429, retryAfterSeconds: 0.2, times: 20 });
    const connector = connectorFor(simulator, { retryPolicy: { ...FAST_RETRY_POLICY, rateLimitBudgetMs: 500 } });
    const error = await collectPages(connector.listOrders(WINDOW)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("rate-limited");
    expect(simulator.requestLog().filter((entry) => entry.status === 429).length).toBeLessThan(20);
  });
});
