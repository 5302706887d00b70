import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderPage, OrderQuery } from "../../main/carts/connector.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import {
  startPrestaShopSimulator,
  type PrestaShopSimulator,
  type PrestaShopSimulatorOptions,
} from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const IDS = ["1001", "1002", "1003", "1004", "1005"];

let simulator: PrestaShopSimulator | null = null;
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

async function shopWithOrders(options: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid", ...options });
  simulator.addOrders(generateSeedOrders({ count: 5, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
  return simulator;
}

function connectorWith(store: PrestaShopSimulator, policy: Partial<RetryPolicy> = {}): CartConnector {
  return prestaShopConnectorFor(store, { retryPolicy: { ...FAST_RETRY_POLICY, ...policy } });
}

async function pagesOf(connector: CartConnector, query: OrderQuery): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of connector.listOrders(query)) pages.push(page);
  return pages;
}

async function idsOf(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  return (await pagesOf(connector, query)).flatMap((page) => page.orders.map((order) => order.orderId));
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

function expectNoKey(store: PrestaShopSimulator, error: CartError): void {
  const key = store.credentials.webserviceKey!;
  for (const text of [...logLines, error.message, error.detail ?? ""]) expect(text).not.toContain(key);
}

const orderRequests = (store: PrestaShopSimulator) => store.requestLog().filter((entry) => entry.path === "/api/orders");

describe("PrestaShop under server errors", () => {
  it("completes after a burst that ends within the bound", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "status", status: 500, times: 8 });
    expect(await idsOf(connectorWith(store), { ...MAY, pageSize: 20 })).toEqual(IDS);
  });

  it("fails a burst longer than the bound in plain words", async () => {
    const store = await shopWithOrders({ stripAuthorizationHeader: true });
    store.injectFault({ kind: "status", status: 502, times: 100 });
    const { error, ids } = await failedListing(connectorWith(store), { ...MAY, pageSize: 20 });
    expect(ids).toEqual([]);
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain("server error (HTTP 502)");
    expect(error.message).toContain("Try again later");
    const limits = orderRequests(store).map((entry) => entry.query.limit);
    expect(limits).toEqual([...Array(6).fill("0,21"), ...Array(6).fill("0,11")]);
    expectNoKey(store, error);
  });
});

describe("PrestaShop over a broken connection", () => {
  it("retries order lists cut mid-body", async () => {
    const store = await shopWithOrders();
    store.scriptReplies("orders", () => "cut-mid-body", 2);
    const pages = await pagesOf(connectorWith(store), MAY);
    expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(IDS);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("retries lookups cut mid-body", async () => {
    const store = await shopWithOrders();
    store.scriptReplies("any", () => "cut-mid-body", 3);
    expect(await idsOf(connectorWith(store), MAY)).toEqual(IDS);
  });

  it("fails when every reply is cut mid-body", async () => {
    const store = await shopWithOrders({ stripAuthorizationHeader: true });
    store.scriptReplies("any", () => "cut-mid-body", 200);
    const { error, ids } = await failedListing(connectorWith(store), MAY);
    expect(ids).toEqual([]);
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("Check the network");
    expectNoKey(store, error);
  });

  it("retries truncated JSON in lists and lookups", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "malformed", times: 2 });
    store.injectFault({ kind: "malformed", times: 2 }, "any");
    expect(await idsOf(connectorWith(store), MAY)).toEqual(IDS);
  });

  it("fails on truncated JSON past the bound", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "malformed", times: 100 });
    const { error } = await failedListing(connectorWith(store), MAY);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read 6 times");
  });

  it("retries a stalled lookup", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "stall", delayMs: 1_000, times: 1 }, "any");
    expect(await idsOf(connectorWith(store, { attemptTimeoutMs: 100 }), MAY)).toEqual(IDS);
  });
});

describe("PrestaShop listing cancelled", () => {
  it("stops between pages", async () => {
    const store = await shopWithOrders();
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

  it("stops during a stalled lookup", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "stall", delayMs: 10_000, times: 1 }, "any");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ids } = await failedListing(connectorWith(store), { ...MAY, signal: controller.signal });
    expect(ids).toEqual([]);
    expect(error.kind).toBe("cancelled");
  });

  it("stops during a retry wait", async () => {
    const store = await shopWithOrders();
    store.injectFault({ kind: "status", status: 503, times: 1 });
    const controller = new AbortController();
    const connector = prestaShopConnectorFor(store, {
      retryPolicy: { ...FAST_RETRY_POLICY, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      onRetry: () => controller.abort(),
    });
    const { error } = await failedListing(connector, { ...MAY, signal: controller.signal });
    expect(error.kind).toBe("cancelled");
    expect(orderRequests(store)).toHaveLength(1);
  });

  it("sends nothing when cancelled before the start", async () => {
    const store = await shopWithOrders();
    const { error } = await failedListing(connectorWith(store), { ...MAY, signal: AbortSignal.abort() });
    expect(error.kind).toBe("cancelled");
    expect(store.requestLog()).toHaveLength(0);
  });
});
