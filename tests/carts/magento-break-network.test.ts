import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderQuery } from "../../main/carts/connector.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { collectPages, magentoConnectorFor } from "../simulators/magento/magento-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const IDS = ["1001", "1002", "1003", "1004", "1005"];

let simulator: MagentoSimulator | null = null;
let logLines: string[] = [];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function storeWithOrders(): Promise<MagentoSimulator> {
  simulator = await startMagentoSimulator();
  simulator.addOrders(generateSeedOrders({ count: 5, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
  return simulator;
}

function connectorWith(store: MagentoSimulator, policy: Partial<RetryPolicy> = {}): CartConnector {
  return magentoConnectorFor(store, { retryPolicy: { ...FAST_RETRY_POLICY, ...policy } });
}

async function idsOf(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  return (await collectPages(connector, query)).flatMap((page) => page.orders.map((order) => order.orderId));
}

/** Runs a listing that must fail; returns its error and the orders it yielded first. */
async function failedListing(connector: CartConnector, query: OrderQuery): Promise<{ error: CartError; ids: string[] }> {
  const ids: string[] = [];
  try {
    for await (const page of connector.listOrders(query)) ids.push(...page.orders.map((order) => order.orderId));
  } catch (error) {
    if (error instanceof CartError) return { error, ids };
    throw error;
  }
  throw new Error("expected the listing to fail, but it completed");
}

function expectNoSecret(store: MagentoSimulator, error: CartError): void {
  for (const secret of Object.values(store.credentials)) {
    for (const text of [...logLines, error.message, error.detail ?? ""]) expect(text).not.toContain(secret);
  }
}

const orderRequests = (store: MagentoSimulator) => store.requestLog().filter((entry) => entry.path.endsWith("/V1/orders"));

describe("Magento under server errors", () => {
  it("completes after a burst that ends within the bound", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "status", status: 503, times: 8 });
    expect(await idsOf(connectorWith(store), { ...MAY, pageSize: 20 })).toEqual(IDS);
  });

  it("fails a burst longer than the bound in plain words", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "status", status: 503, times: 100 });
    const { error, ids } = await failedListing(connectorWith(store), { ...MAY, pageSize: 20 });
    expect(ids).toEqual([]);
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain("server error (HTTP 503)");
    expect(error.message).toContain("Try again later");
    const sizes = orderRequests(store).map((entry) => entry.query["searchCriteria[pageSize]"]);
    expect(sizes).toEqual([...Array(6).fill("20"), ...Array(6).fill("10")]);
    expectNoSecret(store, error);
  });

  it("fails a connection test after the bound", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "status", status: 502, times: 100 });
    const error = await connectorWith(store).testConnection().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("server-error");
    expect(orderRequests(store)).toHaveLength(6);
  });

  it("gives up on a rate limit longer than its budget", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "status", status: 429, retryAfterSeconds: 5, times: 100 });
    const { error } = await failedListing(connectorWith(store, { rateLimitBudgetMs: 200 }), MAY);
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("too many requests");
  });
});

describe("Magento over a broken connection", () => {
  it("retries replies cut mid-body", async () => {
    const store = await storeWithOrders();
    store.scriptReplies("orders", () => "cut-mid-body", 2);
    const pages = await collectPages(connectorWith(store), MAY);
    expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(IDS);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("fails when every reply is cut mid-body", async () => {
    const store = await storeWithOrders();
    store.scriptReplies("orders", () => "cut-mid-body", 100);
    const { error, ids } = await failedListing(connectorWith(store), { ...MAY, pageSize: 20 });
    expect(ids).toEqual([]);
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("Check the network");
    expectNoSecret(store, error);
  });

  it("retries a credit memo search cut mid-body", async () => {
    const store = await storeWithOrders();
    store.updateOrder("1002", { financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-02T00:00:00Z", amount: "4.00" }] });
    store.scriptReplies("creditmemos", () => "cut-mid-body", 1);
    const orders = (await collectPages(connectorWith(store), MAY)).flatMap((page) => page.orders);
    expect(orders.map((order) => order.refunds.length)).toEqual([0, 1, 0, 0, 0]);
  });

  it("retries truncated JSON", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "malformed", times: 3 });
    expect(await idsOf(connectorWith(store), MAY)).toEqual(IDS);
  });

  it("fails on truncated JSON past the bound", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "malformed", times: 100 });
    const { error } = await failedListing(connectorWith(store), MAY);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read 6 times");
    expect(orderRequests(store)).toHaveLength(6);
  });

  it("fails a store that stalls every answer", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "stall", delayMs: 1_000, times: 20 });
    const connector = connectorWith(store, { attemptTimeoutMs: 100, maxFailureAttempts: 2 });
    const { error } = await failedListing(connector, { ...MAY, pageSize: 20 });
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("failed 2 times");
    // The simulator logs a request when its socket closes, so the last timed-out attempt may not be listed yet.
    const sizes = new Set(orderRequests(store).map((entry) => entry.query["searchCriteria[pageSize]"]));
    expect([...sizes]).toEqual(["20", "10"]);
  });
});

describe("Magento listing cancelled", () => {
  it("stops between pages", async () => {
    const store = await storeWithOrders();
    const controller = new AbortController();
    const pages = connectorWith(store).listOrders({ ...MAY, pageSize: 2, signal: controller.signal })[Symbol.asyncIterator]();
    expect((await pages.next()).value?.orders).toHaveLength(2);
    controller.abort();
    const error = await pages.next().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("cancelled");
  });

  it("stops during a stalled request", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "stall", delayMs: 10_000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ids } = await failedListing(connectorWith(store), { ...MAY, signal: controller.signal });
    expect(ids).toEqual([]);
    expect(error.kind).toBe("cancelled");
  });

  it("stops during a retry wait", async () => {
    const store = await storeWithOrders();
    store.injectFault({ kind: "status", status: 503, times: 1 });
    const controller = new AbortController();
    const connector = magentoConnectorFor(store, {
      retryPolicy: { ...FAST_RETRY_POLICY, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      onRetry: () => controller.abort(),
    });
    const { error } = await failedListing(connector, { ...MAY, signal: controller.signal });
    expect(error.kind).toBe("cancelled");
    expect(orderRequests(store)).toHaveLength(1);
  });

  it("sends nothing when cancelled before the start", async () => {
    const store = await storeWithOrders();
    const { error } = await failedListing(connectorWith(store), { ...MAY, signal: AbortSignal.abort() });
    expect(error.kind).toBe("cancelled");
    expect(orderRequests(store)).toHaveLength(0);
  });
});
