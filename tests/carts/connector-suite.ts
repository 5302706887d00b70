import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { CartConnector, OrderPage, OrderQuery } from "../../main/carts/connector.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import { toMinor } from "../../main/money/money.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { SimulatorControl } from "../simulators/common/simulator-control.js";

/** How a test wants the simulated store set up. */
export type SuiteStoreOptions = {
  storeName: string;
  timeZone: string;
  currency: string;
};

/** Changes to the connector a test builds; everything left out comes from the simulator. */
export type ConnectorOverrides = {
  /** Credentials in the simulator's own form (the keys of `simulator.credentials`), valid or not. */
  credentials?: Record<string, string>;
  /** Store address, such as a closed port for the unreachable case. */
  storeUrl?: string;
  /** The suite always passes a fast policy with a short attempt timeout. */
  retryPolicy: RetryPolicy;
};

export type SuiteStore = {
  simulator: SimulatorControl;
  connector(overrides: ConnectorOverrides): CartConnector;
};

/**
 * What a platform supplies to run the suite: a way to start its simulator
 * with no orders and to build its connector against it. The simulator must
 * render each SeedOrder so that the connector reads back the seed's id,
 * number, instants and amounts unchanged.
 */
export type ConnectorHarness = {
  start(options: SuiteStoreOptions): Promise<SuiteStore>;
  /**
   * True when the platform marks test orders, as Shopify's `test` flag does.
   * Elsewhere a test order is an ordinary order and is only checked to be listed.
   */
  flagsTestOrders?: boolean;
  /** Requests spent per listed order beside the order-list request (BigCommerce: 2, for lines and shipping addresses). */
  requestsPerOrder?: number;
};

export const SUITE_RETRY_POLICY: RetryPolicy = { ...FAST_RETRY_POLICY, attemptTimeoutMs: 600 };

const STORE: SuiteStoreOptions = { storeName: "Lind & Berg Goods", timeZone: "Europe/Berlin", currency: "EUR" };

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00.000Z", createdToUtc: "2026-03-08T00:00:00.000Z" };

async function collect(pages: AsyncIterable<OrderPage>): Promise<OrderPage[]> {
  const collected: OrderPage[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

const idsOf = (pages: OrderPage[]): string[] => pages.flatMap((page) => page.orders.map((order) => order.orderId));

/** Returns a value of the same length and alphabet with its last characters changed, so it is wrong but well formed. */
export function garble(value: string): string {
  const shift = (char: string): string => {
    if (/[0-8a-yA-Y]/.test(char)) return String.fromCharCode(char.charCodeAt(0) + 1);
    if (char === "9") return "0";
    if (char === "z") return "a";
    if (char === "Z") return "A";
    return char;
  };
  const cut = Math.max(0, value.length - 6);
  return value.slice(0, cut) + [...value.slice(cut)].map(shift).join("");
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function caught(promise: Promise<unknown>): Promise<CartError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CartError) return error;
    throw error;
  }
  throw new Error("expected a CartError, but the call succeeded");
}

function seedsAt(instants: string[], firstId: number): SeedOrder[] {
  return instants.map((createdAtUtc, index) => ({
    ...generateSeedOrders({ count: 1, firstId: firstId + index, startUtc: createdAtUtc, stepMs: 0, seed: firstId + index })[0]!,
  }));
}

function expectNormalized(order: CartOrder, seed: SeedOrder): void {
  const currency = seed.currency;
  expect(order.orderId).toBe(seed.id);
  expect(order.orderNumber).toBe(seed.number);
  expect(order.createdAtUtc).toBe(new Date(seed.createdAtUtc).toISOString());
  expect(order.createdAtUtc.endsWith("Z")).toBe(true);
  expect(order.currency).toBe(currency);
  expect(order.presentmentCurrency).toBe(seed.presentmentCurrency);
  expect(order.presentmentTotalMinor).toBe(toMinor(seed.presentmentTotal, seed.presentmentCurrency));
  expect(order.totalMinor).toBe(toMinor(seed.total, currency));
  expect(order.totalTaxMinor).toBe(toMinor(seed.totalTax, currency));
  expect(order.customer.email).toBe(seed.email);
  expect(order.lines.map((line) => line.sku)).toEqual(seed.lines.map((line) => line.sku));
  expect(order.lines.map((line) => line.title)).toEqual(seed.lines.map((line) => line.title));
  expect(order.lines.map((line) => line.quantity)).toEqual(seed.lines.map((line) => line.quantity));
  expect(order.lines.map((line) => line.unitPriceMinor)).toEqual(seed.lines.map((line) => toMinor(line.unitPrice, currency)));
  expect(order.lines.map((line) => line.taxMinor)).toEqual(seed.lines.map((line) => toMinor(line.tax, currency)));
  expect(order.shipping.reduce((sum, charge) => sum + charge.amountMinor, 0)).toBe(toMinor(seed.shippingPrice, currency));
}

/**
 * Defines the tests that every cart connector must pass against its
 * simulator, over real HTTP on 127.0.0.1. A platform runs them by writing
 * only a harness.
 */
export function describeConnectorSuite(platformName: string, harness: ConnectorHarness): void {
  describe(`${platformName} connector`, () => {
    let store: SuiteStore | null = null;

    async function start(orders: SeedOrder[] = []): Promise<SuiteStore> {
      store = await harness.start(STORE);
      store.simulator.addOrders(orders);
      return store;
    }

    const connectorOf = (suiteStore: SuiteStore, overrides: Partial<ConnectorOverrides> = {}) =>
      suiteStore.connector({ retryPolicy: SUITE_RETRY_POLICY, ...overrides });

    const list = (connector: CartConnector, query: Partial<OrderQuery> = {}) =>
      collect(connector.listOrders({ ...WINDOW, ...query }));

    afterEach(async () => {
      await store?.simulator.close();
      store = null;
    });

    it("reports store name, zone and currency", async () => {
      const suiteStore = await start();
      const report = await connectorOf(suiteStore).testConnection();
      expect(report.storeName).toBe(STORE.storeName);
      expect(report.timeZone).toBe(STORE.timeZone);
      expect(report.currency).toBe(STORE.currency);
    });

    it("rejects wrong credentials without echoing them", async () => {
      const suiteStore = await start();
      const valid = suiteStore.simulator.credentials;
      const wrong = Object.fromEntries(Object.entries(valid).map(([key, value]) => [key, garble(value)]));
      const error = await caught(connectorOf(suiteStore, { credentials: wrong }).testConnection());
      expect(error.kind).toBe("credentials-rejected");
      for (const secret of [...Object.values(valid), ...Object.values(wrong)]) {
        expect(error.message).not.toContain(secret);
        expect(error.detail ?? "").not.toContain(secret);
      }
    });

    it("reports a closed port as unreachable", async () => {
      const suiteStore = await start();
      const error = await caught(connectorOf(suiteStore, { storeUrl: await closedPortUrl() }).testConnection());
      expect(error.kind).toBe("unreachable");
    });

    it("lists a half-open creation window", async () => {
      const seeds = seedsAt(
        ["2026-02-28T23:59:59.000Z", "2026-03-01T00:00:00.000Z", "2026-03-04T12:00:00.000Z", "2026-03-07T23:59:59.000Z", "2026-03-08T00:00:00.000Z"],
        2001,
      );
      const suiteStore = await start(seeds);
      const ids = idsOf(await list(connectorOf(suiteStore)));
      expect(ids).toEqual(["2002", "2003", "2004"]);
    });

    it("returns orders sharing one instant across pages once", async () => {
      const instant = "2026-03-02T10:00:00.000Z";
      const seeds = seedsAt([instant, instant, instant, instant, instant], 3001);
      const suiteStore = await start(seeds);
      const pages = await list(connectorOf(suiteStore), { pageSize: 2 });
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect([...idsOf(pages)].sort()).toEqual(["3001", "3002", "3003", "3004", "3005"]);
    });

    it("pages through every order once, oldest first", async () => {
      const seeds = generateSeedOrders({ count: 23, firstId: 4001, startUtc: "2026-03-01T08:00:00.000Z", stepMs: 3_600_000 });
      const suiteStore = await start(seeds);
      const pages = await list(connectorOf(suiteStore), { pageSize: 5 });
      expect(pages.length).toBe(5);
      expect(pages.every((page) => page.orders.length <= 5)).toBe(true);
      expect(idsOf(pages)).toEqual(seeds.map((seed) => seed.id));
      expect(pages.at(-1)?.nextCursor).toBeNull();
    });

    it("returns cancelled, closed and test orders", async () => {
      const seeds = generateSeedOrders({ count: 4, firstId: 5001, startUtc: "2026-03-02T08:00:00.000Z", stepMs: 60_000 });
      const suiteStore = await start(seeds);
      suiteStore.simulator.updateOrder("5002", { status: "cancelled", cancelledAtUtc: "2026-03-03T08:00:00.000Z", financialStatus: "refunded" });
      suiteStore.simulator.updateOrder("5003", { status: "closed", fulfillment: "fulfilled" });
      suiteStore.simulator.updateOrder("5004", { isTest: true });
      const orders = (await list(connectorOf(suiteStore))).flatMap((page) => page.orders);
      expect(orders.map((order) => order.orderId)).toEqual(["5001", "5002", "5003", "5004"]);
      expect(orders[1]?.cancelledAtUtc).toBe("2026-03-03T08:00:00.000Z");
      expect(orders[2]?.fulfillment).toBe("fulfilled");
      if (harness.flagsTestOrders) expect(orders[3]?.isTest).toBe(true);
    });

    it("normalizes ids, instants, amounts and currencies", async () => {
      const seeds = generateSeedOrders({ count: 3, firstId: 6001, startUtc: "2026-03-03T09:30:15.000Z", stepMs: 90_000 });
      seeds[1] = { ...seeds[1]!, presentmentCurrency: "USD", presentmentTotal: "61.20" };
      const suiteStore = await start(seeds);
      const orders = (await list(connectorOf(suiteStore))).flatMap((page) => page.orders);
      expect(orders).toHaveLength(3);
      orders.forEach((order, index) => expectNormalized(order, seeds[index]!));
      expect(orders[1]?.currency).toBe("EUR");
      expect(orders[1]?.presentmentCurrency).toBe("USD");
      expect(orders[1]?.presentmentTotalMinor).toBe(6120);
    });

    it("resumes after the page whose cursor it is given", async () => {
      const seeds = generateSeedOrders({ count: 12, firstId: 7001, startUtc: "2026-03-04T08:00:00.000Z", stepMs: 60_000 });
      const suiteStore = await start(seeds);
      const connector = connectorOf(suiteStore);
      const pages = await list(connector, { pageSize: 4 });
      expect(pages).toHaveLength(3);
      const resumed = await list(connector, { pageSize: 4, resumeCursor: pages[1]!.nextCursor });
      expect(idsOf(resumed)).toEqual(idsOf(pages.slice(2)));
    });

    const faults = [
      { name: "429 with Retry-After", fault: { kind: "status", status: 429, retryAfterSeconds: 0.05, times: 2 } },
      { name: "503", fault: { kind: "status", status: 503, times: 2 } },
      { name: "stall", fault: { kind: "stall", delayMs: 1_500, times: 1 } },
      { name: "reset", fault: { kind: "reset", times: 2 } },
      { name: "malformed body", fault: { kind: "malformed", times: 2 } },
    ] as const;

    for (const { name, fault } of faults) {
      it(`retries a ${name} and completes`, async () => {
        const seeds = generateSeedOrders({ count: 6, firstId: 8001, startUtc: "2026-03-05T08:00:00.000Z", stepMs: 60_000 });
        const suiteStore = await start(seeds);
        suiteStore.simulator.injectFault({ ...fault });
        const pages = await list(connectorOf(suiteStore), { pageSize: 3 });
        expect(idsOf(pages)).toEqual(seeds.map((seed) => seed.id));
        const perOrder = (harness.requestsPerOrder ?? 0) * pages[0]!.orders.length;
        expect(pages[0]!.attempts).toBe(fault.times + 1 + perOrder);
      });
    }

    it("stops with credentials-rejected when revoked mid-listing", async () => {
      const seeds = generateSeedOrders({ count: 6, firstId: 9001, startUtc: "2026-03-06T08:00:00.000Z", stepMs: 60_000 });
      const suiteStore = await start(seeds);
      const pages = connectorOf(suiteStore).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
      const first = await pages.next();
      expect(first.value?.orders).toHaveLength(2);
      suiteStore.simulator.revokeCredentials();
      const error = await caught(pages.next());
      expect(error.kind).toBe("credentials-rejected");
    });
  });
}
