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
    simulator = await startShopifySimulator({ orders: orders(30), bucket: { maximumAvailable: 50, restoreRate: 100 } });
    const retries: RetryEvent[] = [];
    const pages = connectorFor(simulator, { onRetry: (event) => retries.push(event) })
      .listOrders({ ...WINDOW, pageSize: 20 })
      [Symbol.asyncIterator]();
    const first = await pages.next();
    // Another client of the same app empties the shared bucket, which this connector cannot foresee.
    simulator.setAvailablePoints(0);
    const second = await pages.next();

    expect(first.value?.orders).toHaveLength(20);
    expect(second.value?.orders).toHaveLength(10);
    const throttled = simulator.throttledResponses();
    expect(throttled.length).toBeGreaterThan(0);
    const expectedDelays = throttled.map(({ requestedQueryCost, throttleStatus }) =>
      Math.ceil(((requestedQueryCost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate) * 1000),
    );
    const throttleRetries = retries.filter((event) => event.cause.includes("THROTTLED"));
    expect(throttleRetries.map((event) => event.delayMs)).toEqual(expectedDelays);
  });

  it("paces pages by the bucket before Shopify throttles", async () => {
    simulator = await startShopifySimulator({ orders: orders(90), bucket: { maximumAvailable: 40, restoreRate: 100 } });
    const waits: ThrottleWait[] = [];
    const pages = await collectPages(
      connectorFor(simulator, { onThrottleWait: (wait) => waits.push(wait) }).listOrders({ ...WINDOW, pageSize: 30 }),
    );

    expect(pages).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits.every((wait) => wait.expectedCost === 31 && wait.waitMs > 0)).toBe(true);
    expect(simulator.throttledResponses()).toEqual([]);
  });

  it("imports 600 orders through a 40-point bucket", async () => {
    simulator = await startShopifySimulator({ orders: orders(600), bucket: { maximumAvailable: 40, restoreRate: 500 } });
    const pages = await collectPages(connectorFor(simulator).listOrders({ ...WINDOW, pageSize: 250 }));
    const ids = pages.flatMap((page) => page.orders.map((order) => order.orderId));

    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(Math.max(...firstArguments(simulator))).toBe(39);
    expect(simulator.throttledResponses()).toEqual([]);
  });

  it("asks for fewer orders when a page is too costly", async () => {
    simulator = await startShopifySimulator({ orders: orders(30) });
    simulator.injectFault({ kind: "too-heavy", maxPageSize: 10, times: 1 });
    const pages = await collectPages(connectorFor(simulator).listOrders({ ...WINDOW, pageSize: 40 }));

    expect(pages.flatMap((page) => page.orders)).toHaveLength(30);
    expect(firstArguments(simulator)).toEqual([40, 10, 10, 10]);
    expect(pages[0]!.attempts).toBe(2);
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
