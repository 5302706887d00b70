import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CartConnector, OrderPage, OrderQuery } from "../../main/carts/connector.js";
import { OrderBook } from "../../main/destinations/order-book.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { MAX_RUN_HISTORY, SettingsStore } from "../../main/settings/settings-store.js";
import { Ledger } from "../../main/sync/ledger.js";
import type { SyncRunSummary } from "../../main/sync/run-tally.js";
import { SyncService } from "../../main/sync/sync-service.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { connectorAt } from "./platform-connectors.js";
import { ROOMY_SHOPIFY_BUCKET, seeds, SUITE_MAPPING, SUITE_RETRY_POLICY, withBrokenTotal } from "./sync-kit.js";

const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW_MS = Date.parse("2026-11-03T00:00:00.000Z");

type ServiceSetup = { service: SyncService; settings: SettingsStore; ledger: Ledger; orderBook: OrderBook; settingsWrites: () => number };

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type StartedSimulator = ShopifySimulator & { startCredentials: Record<string, string> };

async function simulatorWith(count: number): Promise<StartedSimulator> {
  const started = await startShopifySimulator({ credentialKind: "access-token", bucket: ROOMY_SHOPIFY_BUCKET });
  // The credentials as first handed out: after a revocation the simulator hands out new ones.
  const simulator = Object.assign(started, { startCredentials: { ...started.credentials } });
  simulator.addOrders(seeds(count, 100, "2026-11-02T06:00:00.000Z"));
  cleanups.push(() => simulator.close());
  return simulator;
}

function shopifyConnector(simulator: StartedSimulator): CartConnector {
  return connectorAt({ platform: "shopify", storeUrl: simulator.storeUrl, credentials: simulator.startCredentials }, SUITE_RETRY_POLICY);
}

async function openService(connector: () => CartConnector, pageSize = 5): Promise<ServiceSetup> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-service-"));
  const settings = await SettingsStore.open(dataDir);
  await settings.update((current) => {
    current.goLive = { documentKind: "sales-order", importFromUtc: IMPORT_FROM, intervalMinutes: 15, filter: DEFAULT_ORDER_FILTER };
  });
  let writes = 0;
  const update = settings.update.bind(settings);
  settings.update = (change) => {
    writes++;
    return update(change);
  };
  const ledger = new Ledger(dataDir);
  const orderBook = new OrderBook(dataDir);
  const service = new SyncService({
    settings,
    ledger,
    destination: orderBook,
    connector: async () => connector(),
    mapping: () => SUITE_MAPPING,
    now: () => NOW_MS,
    pageSize,
    schedulerTickMs: 3_600_000,
  });
  cleanups.push(async () => {
    await service.close();
    ledger.close();
    orderBook.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { service, settings, ledger, orderBook, settingsWrites: () => writes };
}

/** Wraps a connector so that its listings wait until release is called, which keeps a run in progress. */
function gatedConnector(inner: CartConnector): { connector: CartConnector; release(): void; listings: () => number } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let listings = 0;
  const connector: CartConnector = {
    platform: inner.platform,
    testConnection: (signal) => inner.testConnection(signal),
    async *listOrders(query: OrderQuery): AsyncIterable<OrderPage> {
      listings++;
      await gate;
      yield* inner.listOrders(query);
    },
  };
  return { connector, release, listings: () => listings };
}

describe("sync service", () => {
  it("joins a run in progress instead of starting a second", async () => {
    const simulator = await simulatorWith(12);
    const gated = gatedConnector(shopifyConnector(simulator));
    const { service, orderBook } = await openService(() => gated.connector);
    const first = service.runNow("manual");
    const second = service.runNow("schedule");
    expect(second).toBe(first);
    gated.release();
    await first;
    expect(gated.listings()).toBe(1);
    expect(orderBook.size).toBe(12);
  });

  it("queues a retry behind the run in progress", async () => {
    const simulator = await simulatorWith(0);
    const orders = seeds(3, 200, "2026-11-02T07:00:00.000Z");
    simulator.addOrders([orders[0]!, withBrokenTotal(orders[1]!), orders[2]!]);
    let current = shopifyConnector(simulator);
    const { service, ledger } = await openService(() => current);
    await service.runNow("manual");
    expect(ledger.failedOrders().map((failure) => failure.cartOrderId)).toEqual(["201"]);

    const gated = gatedConnector(shopifyConnector(simulator));
    current = gated.connector;
    const events: string[] = [];
    const run = service.runNow("manual").then(() => events.push("run"));
    const retry = service.retryOrder("201").then(() => events.push("retry"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.status().busy).toBe(true);
    expect(events).toEqual([]);
    gated.release();
    await Promise.all([run, retry]);
    expect(events).toEqual(["run", "retry"]);
  });

  it("writes the settings file once per run, not per page", async () => {
    const simulator = await simulatorWith(30);
    const { service, settingsWrites, orderBook } = await openService(() => shopifyConnector(simulator), 5);
    const before = settingsWrites();
    const summary = (await service.runNow("manual")) as SyncRunSummary;
    expect(summary.pages).toBeGreaterThanOrEqual(6);
    expect(orderBook.size).toBe(30);
    expect(settingsWrites() - before).toBe(1);
  });

  it("records each run in a bounded history, newest first", async () => {
    const simulator = await simulatorWith(4);
    const { service } = await openService(() => shopifyConnector(simulator));
    for (let run = 0; run < MAX_RUN_HISTORY + 3; run++) await service.runNow("manual");
    const { history } = service.status();
    expect(history).toHaveLength(MAX_RUN_HISTORY);
    const newest = history[0] as SyncRunSummary;
    expect(newest.window).toEqual({ fromUtc: "2026-11-02T23:45:00.000Z", toUtc: "2026-11-03T00:00:00.000Z" });
    expect(newest.endedAtUtc).not.toBeNull();
    expect(newest.error).toBeNull();
    const oldest = history.at(-1) as SyncRunSummary;
    expect(oldest.imported).toBe(0);
    expect(history.every((run) => typeof run.retries === "number" && typeof run.pages === "number")).toBe(true);
  });

  it("shows a credential alert apart from an empty run", async () => {
    const simulator = await simulatorWith(0);
    const { service } = await openService(() => shopifyConnector(simulator));
    await service.runNow("manual");
    expect(service.status().credentialAlert).toBeNull();
    simulator.revokeCredentials();
    await service.runNow("manual");
    const status = service.status();
    expect(status.credentialAlert).toMatch(/Shopify/);
    expect(status.history[0]?.credentialAlert).toBe(true);
    expect(status.lastOrderFromUtc).toBe("2026-11-03T00:00:00.000Z");
  });

  it("cancels the run in progress on close and keeps the mark", async () => {
    const simulator = await simulatorWith(12);
    const { service, ledger } = await openService(() => shopifyConnector(simulator), 5);
    simulator.injectFault({ kind: "stall", delayMs: 400, times: 30 });
    const run = service.runNow("manual");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await service.close();
    const summary = (await run) as SyncRunSummary;
    expect(summary.errorKind).toBe("cancelled");
    expect(ledger.lastOrderFromUtc).toBeNull();
  });
});
