import { afterEach, describe, expect, it } from "vitest";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { connectorAt } from "./platform-connectors.js";
import {
  documentIds,
  expectedIds,
  manualClock,
  openSyncSetup,
  ROOMY_SHOPIFY_BUCKET,
  seeds,
  SUITE_RETRY_POLICY,
  type SyncSetup,
} from "./sync-kit.js";

const DAY_MS = 86_400_000;
const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW = "2026-11-03T00:00:00.000Z";

describe("Shopify sync field cases", () => {
  let simulator: ShopifySimulator | null = null;
  let setup: SyncSetup | null = null;

  afterEach(async () => {
    await setup?.close();
    await simulator?.close();
    setup = null;
    simulator = null;
  });

  async function begin(options: { scopes?: string[]; importFromUtc?: string; nowUtc?: string; pageSize?: number } = {}) {
    const started = await startShopifySimulator({ credentialKind: "access-token", scopes: options.scopes, bucket: ROOMY_SHOPIFY_BUCKET });
    simulator = started;
    const address = { platform: "shopify" as const, storeUrl: started.storeUrl, credentials: { ...started.credentials } };
    setup = await openSyncSetup({
      connector: () => connectorAt(address, SUITE_RETRY_POLICY),
      importFromUtc: options.importFromUtc ?? IMPORT_FROM,
      clock: manualClock(options.nowUtc ?? NOW),
      pageSize: options.pageSize,
    });
    return { simulator: started, setup };
  }

  it("reports test orders as skipped with their reason", async () => {
    const orders = seeds(4, 100, "2026-11-02T08:00:00.000Z");
    orders[1] = { ...orders[1]!, isTest: true };
    const { setup } = await begin();
    simulator!.addOrders(orders);
    const summary = await setup.run();
    expect(summary.skipped).toEqual({ test: 1 });
    expect(documentIds(setup.orderBook.documents())).toEqual(["100", "102", "103"]);
  });

  it("stops with a permission alert when the token sees only recent orders", async () => {
    const nowMs = Date.now();
    const { setup } = await begin({
      scopes: ["read_orders"],
      importFromUtc: new Date(nowMs - 90 * DAY_MS).toISOString(),
      nowUtc: new Date(nowMs).toISOString(),
    });
    simulator!.addOrders(seeds(3, 200, new Date(nowMs - 10 * DAY_MS).toISOString()));
    const summary = await setup.run();
    expect(summary.errorKind).toBe("permission-missing");
    expect(summary.credentialAlert).toBe(true);
    expect(summary.error).toMatch(/read_all_orders/);
    expect(summary.imported).toBe(0);
    expect(setup.ledger.lastOrderFromUtc).toBeNull();
  });

  it("paces through the cost bucket and imports all 600 orders", async () => {
    const { simulator, setup } = await begin({ pageSize: 50 });
    // Shopify's standard bucket size, refilling fast enough that pacing 600 orders takes about two seconds.
    simulator.setBucket({ maximumAvailable: 1_000, restoreRate: 20_000 });
    simulator.addOrders(seeds(600, 1000, "2026-11-02T01:00:00.000Z", 60_000));
    const summary = await setup.run();
    expect(summary.error).toBeNull();
    expect(summary.imported).toBe(600);
    expect(documentIds(setup.orderBook.documents())).toEqual(expectedIds(simulator.orders(), IMPORT_FROM, NOW));
  });

  it("sends every window bound as a UTC instant", async () => {
    const { simulator, setup } = await begin();
    simulator.addOrders(seeds(3, 300, "2026-11-02T08:00:00.000Z"));
    await setup.run();
    const bounds = simulator.searches().flatMap((search) => [...search.matchAll(/created_at:[<>]=?'([^']*)'/g)].map((match) => match[1]));
    expect(bounds.length).toBeGreaterThan(0);
    expect(bounds.every((bound) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(bound ?? ""))).toBe(true);
    expect(bounds).toContain("2026-11-02T00:00:00Z");
  });
});
