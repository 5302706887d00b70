import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import {
  createWooCommerceConnector,
  type WooCommerceConnector,
} from "../../main/carts/woocommerce/woocommerce-connector.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type FaultProxy, startFaultProxy } from "../simulators/woocommerce/fault-proxy.js";
import { cartFailureOf, createLogCapture, textsWithSecrets } from "../simulators/woocommerce/log-capture.js";
import { collectPages } from "../simulators/woocommerce/woocommerce-fixture.js";
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
} from "../simulators/woocommerce/woocommerce-simulator.js";

const WINDOW = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };
const ORDER_LIST = /\/wp-json\/wc\/v3\/orders$/;
const logs = createLogCapture();
let simulator: WooCommerceSimulator | null = null;
let proxy: FaultProxy | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await proxy?.close();
  await simulator?.close();
  proxy = null;
  simulator = null;
});

type Started = { store: WooCommerceSimulator; connector: WooCommerceConnector; waits: number[] };

/** Starts a store of twelve orders behind a fault proxy; waits are recorded and kept short. */
async function start(policy: Partial<RetryPolicy> = {}): Promise<Started> {
  simulator = await startWooCommerceSimulator({
    orders: generateSeedOrders({ count: 12, startUtc: "2024-05-03T00:00:00Z", stepMs: 3_600_000 }),
  });
  proxy = await startFaultProxy(simulator.storeUrl);
  const waits: number[] = [];
  const connector = createWooCommerceConnector({
    storeUrl: parseStoreAddress(proxy.url),
    credentials: { consumerKey: simulator.credentials.consumerKey!, consumerSecret: simulator.credentials.consumerSecret! },
    retryPolicy: { ...FAST_RETRY_POLICY, ...policy },
    sleep: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
    },
  });
  return { store: simulator, connector, waits };
}

function listRequests(store: WooCommerceSimulator) {
  return store.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
}

const allIds = Array.from({ length: 12 }, (_, index) => String(1001 + index));

function expectNoSecret(store: WooCommerceSimulator, texts: string[]): void {
  expect(textsWithSecrets([...texts, ...logs.lines], Object.values(store.credentials))).toEqual([]);
}

describe("WooCommerce on a hostile network", () => {
  it("waits with backoff on 429 without Retry-After", async () => {
    const { store, connector, waits } = await start();
    store.injectFault({ kind: "status", status: 429, times: 3 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(waits).toHaveLength(3);
    expect(waits.every((ms) => ms > 0)).toBe(true);
  });

  it("gives up on 429s past the time budget", async () => {
    const { store, connector } = await start({ rateLimitBudgetMs: 40, baseDelayMs: 30, maxDelayMs: 30 });
    store.injectFault({ kind: "status", status: 429, times: 1_000 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("too many requests");
    expect(error.message).toContain("Try again later");
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("rides out a 5xx burst within the bound", async () => {
    const { store, connector } = await start();
    store.injectFault({ kind: "status", status: 502, times: FAST_RETRY_POLICY.maxFailureAttempts - 1 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
  });

  it("names a 5xx burst longer than the bound", async () => {
    const { store, connector } = await start();
    store.injectFault({ kind: "status", status: 503, times: FAST_RETRY_POLICY.maxFailureAttempts });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain(`HTTP 503) ${FAST_RETRY_POLICY.maxFailureAttempts} times`);
    expect(error.message).toContain("nothing was imported from the unfinished page");
    expect(listRequests(store)).toHaveLength(FAST_RETRY_POLICY.maxFailureAttempts);
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("retries stalls and then names them", async () => {
    const { store, connector } = await start({ attemptTimeoutMs: 100, maxFailureAttempts: 3 });
    store.injectFault({ kind: "stall", delayMs: 400, times: 2 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders).toHaveLength(12);

    store.injectFault({ kind: "stall", delayMs: 400, times: 3 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("failed 3 times");
    expect(error.message).toContain("Check the network");
  });

  it("retries a reset in the middle of a page", async () => {
    const { connector } = await start();
    proxy!.cut(ORDER_LIST, 2, { kind: "reset-mid-body", afterBytes: 700 });
    const { orders, pages } = await collectPages(connector.listOrders({ ...WINDOW, pageSize: 5 }));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("retries a page cut off in its JSON", async () => {
    const { connector } = await start();
    proxy!.cut(ORDER_LIST, 2, { kind: "truncate", keepBytes: 900 });
    const { orders, pages } = await collectPages(connector.listOrders({ ...WINDOW, pageSize: 5 }));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("names pages that keep arriving cut off", async () => {
    const { store, connector } = await start();
    proxy!.cut(ORDER_LIST, 100, { kind: "truncate", keepBytes: 900 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read");
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("retries a cut-off refunds list", async () => {
    const { store, connector } = await start();
    store.updateOrder("1003", { financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-03T09:00:00Z", amount: "2.00" }] });
    proxy!.cut(/\/refunds$/, 1, { kind: "reset-mid-body", afterBytes: 20 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.find((order) => order.orderId === "1003")!.refunds).toEqual([
      { createdAtUtc: "2024-05-03T09:00:00.000Z", amountMinor: 200 },
    ]);
  });
});
