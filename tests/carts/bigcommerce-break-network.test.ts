import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type BigCommerceConnector,
  createBigCommerceConnector,
} from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import {
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
  startBigCommerceSimulator,
} from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type FaultProxy, startFaultProxy } from "../simulators/woocommerce/fault-proxy.js";
import { cartFailureOf, createLogCapture, textsWithSecrets } from "../simulators/woocommerce/log-capture.js";
import { collectPages } from "../simulators/woocommerce/woocommerce-fixture.js";

const WINDOW = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };
const ORDER_LIST = /\/v2\/orders$/;
const logs = createLogCapture();
let simulator: BigCommerceSimulator | null = null;
let proxy: FaultProxy | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await proxy?.close();
  await simulator?.close();
  proxy = null;
  simulator = null;
});

type Started = { store: BigCommerceSimulator; connector: BigCommerceConnector; waits: number[] };

type StartOptions = {
  store?: BigCommerceSimulatorOptions;
  policy?: Partial<RetryPolicy>;
  /** True spends every recorded wait in full; otherwise waits are cut to 5 ms. */
  realWaits?: boolean;
};

/** Starts a store of eight orders behind a fault proxy, recording every wait the connector requests. */
async function start(options: StartOptions = {}): Promise<Started> {
  simulator = await startBigCommerceSimulator({
    orders: generateSeedOrders({ count: 8, startUtc: "2024-05-03T00:00:00Z", stepMs: 3_600_000, currency: "USD" }),
    ...options.store,
  });
  proxy = await startFaultProxy(simulator.storeUrl);
  const waits: number[] = [];
  const connector = connectorFor(`${proxy.url}${new URL(simulator.storeUrl).pathname}`, options.policy, (ms) => {
    waits.push(ms);
    return new Promise((resolve) => setTimeout(resolve, options.realWaits ? ms : Math.min(ms, 5)));
  });
  return { store: simulator, connector, waits };
}

function connectorFor(address: string, policy: Partial<RetryPolicy> = {}, sleep?: (ms: number) => Promise<void>) {
  return createBigCommerceConnector({
    storeUrl: parseStoreAddress(address),
    credentials: { accessToken: simulator!.credentials.accessToken! },
    retryPolicy: { ...FAST_RETRY_POLICY, ...policy },
    sleep,
  });
}

const allIds = Array.from({ length: 8 }, (_, index) => String(1001 + index));

function expectNoToken(store: BigCommerceSimulator, texts: string[]): void {
  expect(textsWithSecrets([...texts, ...logs.lines], [store.credentials.accessToken!])).toEqual([]);
}

describe("BigCommerce request quota", () => {
  it("waits for the reset the headers name", async () => {
    const { store, connector, waits } = await start({ store: { rateLimit: { quota: 6, windowMs: 150 } }, realWaits: true });
    const { orders } = await collectPages(connector.listOrders({ ...WINDOW, pageSize: 2 }));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 150)).toBe(true);
    expect(store.requestLog().filter((entry) => entry.status === 429)).toEqual([]);
  });

  it("cuts a very long reset to the wait cap", async () => {
    const { connector, waits } = await start({
      store: { rateLimit: { quota: 2, windowMs: 3_600_000 } },
      policy: { maxRetryAfterMs: 30, rateLimitBudgetMs: 100 },
    });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(waits[0]).toBe(30);
    expect(error.kind).toBe("rate-limited");
  });

  it("stops a quota wait when aborted", async () => {
    simulator = await startBigCommerceSimulator({
      orders: generateSeedOrders({ count: 8, startUtc: "2024-05-03T00:00:00Z", stepMs: 3_600_000, currency: "USD" }),
      rateLimit: { quota: 2, windowMs: 5_000 },
    });
    const connector = connectorFor(simulator.storeUrl);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await cartFailureOf(collectPages(connector.listOrders({ ...WINDOW, signal: controller.signal })));
    expect(error.kind).toBe("cancelled");
    expect(simulator.requestLog().filter((entry) => entry.status === 429)).toEqual([]);
  });

  it("backs off on a 429 without rate headers", async () => {
    const { store, connector, waits } = await start();
    store.injectFault({ kind: "status", status: 429, times: 3 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(waits).toHaveLength(3);
  });

  it("names 429s past the time budget", async () => {
    const { store, connector } = await start({ policy: { rateLimitBudgetMs: 40, baseDelayMs: 30, maxDelayMs: 30 } });
    store.injectFault({ kind: "status", status: 429, times: 1_000 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("Try again later");
    expectNoToken(store, [error.message, error.detail ?? ""]);
  });

  // TODO: HttpClient handles 429 before any parser reads the response, so
  // X-Rate-Limit-Time-Reset-Ms is ignored and the retry uses a short
  // backoff, drawing more 429s. Remove .fails once 429 waits can read it.
  it("waits for the reset after a 429 from another app", async () => {
    const orders = generateSeedOrders({ count: 1, startUtc: "2024-05-03T00:00:00Z", stepMs: 0, currency: "USD" });
    const { store, connector, waits } = await start({ store: { orders, rateLimit: { quota: 2, windowMs: 300 } }, realWaits: true });
    // Another app of the store spends the whole quota, so the first request of the listing draws a 429.
    await connectorFor(store.storeUrl).testConnection();
    await collectPages(connector.listOrders(WINDOW));
    expect(waits[0]).toBeGreaterThanOrEqual(100);
  });
});

describe("BigCommerce on a hostile network", () => {
  it("rides out a 5xx burst within the bound", async () => {
    const { store, connector } = await start();
    store.injectFault({ kind: "status", status: 500, times: FAST_RETRY_POLICY.maxFailureAttempts - 1 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
  });

  it("names a 5xx burst longer than the bound", async () => {
    const { store, connector } = await start();
    store.injectFault({ kind: "status", status: 500, times: FAST_RETRY_POLICY.maxFailureAttempts });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain(`(HTTP 500) ${FAST_RETRY_POLICY.maxFailureAttempts} times in a row`);
    expectNoToken(store, [error.message, error.detail ?? ""]);
  });

  it("names a store that stays unavailable", async () => {
    const { store, connector } = await start();
    store.injectFault({ kind: "status", status: 503, times: 100 }, "any");
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain("maintenance or suspended");
  });

  it("retries stalls and then names them", async () => {
    const { store, connector } = await start({ policy: { attemptTimeoutMs: 100, maxFailureAttempts: 3 } });
    store.injectFault({ kind: "stall", delayMs: 400, times: 2 });
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders).toHaveLength(8);
    store.injectFault({ kind: "stall", delayMs: 400, times: 3 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("Check the network");
  });

  it.each([
    ["a reset mid-page", ORDER_LIST, { kind: "reset-mid-body", afterBytes: 600 }],
    ["a page cut off in its JSON", ORDER_LIST, { kind: "truncate", keepBytes: 800 }],
    ["a reset mid-lines", /\/products$/, { kind: "reset-mid-body", afterBytes: 100 }],
    ["lines cut off in their JSON", /\/products$/, { kind: "truncate", keepBytes: 150 }],
    ["refunds cut off in their JSON", /\/refunds$/, { kind: "truncate", keepBytes: 30 }],
  ] as const)("retries %s", async (_name, path, cut) => {
    const { store, connector } = await start();
    store.updateOrder("1002", { financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-03T09:00:00Z", amount: "2.00" }] });
    proxy!.cut(path, 2, cut);
    const { orders } = await collectPages(connector.listOrders({ ...WINDOW, pageSize: 4 }));
    expect(orders.map((order) => order.orderId)).toEqual(allIds);
    expect(orders.every((order) => order.lines.length > 0)).toBe(true);
    expect(orders[1]!.refunds).toEqual([{ createdAtUtc: "2024-05-03T09:00:00.000Z", amountMinor: 200 }]);
  });

  it("names lines that keep arriving cut off", async () => {
    const { store, connector } = await start();
    proxy!.cut(/\/products$/, 100, { kind: "truncate", keepBytes: 150 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read");
    expectNoToken(store, [error.message, error.detail ?? ""]);
  });
});
