import type { CartConnector } from "../../main/carts/connector.js";
import type { RetryPolicy } from "../../main/http/retry-policy.js";
import { startBigCommerceSimulator } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import type { SimulatorControl } from "../simulators/common/simulator-control.js";
import { startMagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { startPrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { startWooCommerceSimulator } from "../simulators/woocommerce/woocommerce-simulator.js";
import { connectorAt, type ConnectorAddress, type SyncPlatform } from "./platform-connectors.js";
import { ROOMY_SHOPIFY_BUCKET, SUITE_RETRY_POLICY } from "./sync-kit.js";

/** A running simulator and the way to build its connector. */
export type SyncStore = {
  simulator: SimulatorControl;
  address: ConnectorAddress;
  connector(policy?: RetryPolicy): CartConnector;
};

/**
 * What one platform supplies to run the sync suites: its simulator, started
 * empty in Europe/Berlin with EUR, and what its connector is known to do in
 * the cases where platforms differ.
 */
export type SyncHarness = {
  platform: SyncPlatform;
  label: string;
  start(): Promise<SyncStore>;
  /**
   * What the connector does with an order outside the window it asked for:
   * raise window-violated (the run fails), or drop the order and go on.
   */
  strayOrders: "fail-run" | "drop";
  /** True when the connector lists orders by modification date, so changes long after import are seen. */
  listsModifiedOrders: boolean;
};

const STORE = { timeZone: "Europe/Berlin", currency: "EUR" };

function storeOf(simulator: SimulatorControl, platform: SyncPlatform): SyncStore {
  const address: ConnectorAddress = { platform, storeUrl: simulator.storeUrl, credentials: { ...simulator.credentials } };
  return { simulator, address, connector: (policy = SUITE_RETRY_POLICY) => connectorAt(address, policy) };
}

export const shopifySyncHarness: SyncHarness = {
  platform: "shopify",
  label: "Shopify",
  start: async () =>
    storeOf(await startShopifySimulator({ ...STORE, credentialKind: "access-token", bucket: ROOMY_SHOPIFY_BUCKET }), "shopify"),
  strayOrders: "fail-run",
  listsModifiedOrders: true,
};

export const wooCommerceSyncHarness: SyncHarness = {
  platform: "woocommerce",
  label: "WooCommerce",
  start: async () => storeOf(await startWooCommerceSimulator(STORE), "woocommerce"),
  // The connector drops orders just outside the window, within the platform's
  // widening of its bounds, and fails the run on any order further outside.
  strayOrders: "fail-run",
  listsModifiedOrders: true,
};

export const magentoSyncHarness: SyncHarness = {
  platform: "magento",
  label: "Magento 2",
  start: async () => storeOf(await startMagentoSimulator(STORE), "magento"),
  // The connector drops orders just outside the window, within the platform's
  // widening of its bounds, and fails the run on any order further outside.
  strayOrders: "fail-run",
  listsModifiedOrders: false,
};

export const bigCommerceSyncHarness: SyncHarness = {
  platform: "bigcommerce",
  label: "BigCommerce",
  // A quota far above the store's default of 150 requests per 30 s, so that
  // suites with hundreds of requests never wait for the window to reset.
  start: async () =>
    storeOf(await startBigCommerceSimulator({ ...STORE, rateLimit: { quota: 100_000, windowMs: 30_000 } }), "bigcommerce"),
  // The suite's stray order is 12 hours early, within BigCommerce's 38-hour
  // widening for day-granular filters, so the connector drops it.
  strayOrders: "drop",
  listsModifiedOrders: true,
};

export const prestaShopSyncHarness: SyncHarness = {
  platform: "prestashop",
  label: "PrestaShop",
  start: async () => storeOf(await startPrestaShopSimulator(STORE), "prestashop"),
  // The connector drops orders just outside the window, within the platform's
  // widening of its bounds, and fails the run on any order further outside.
  strayOrders: "fail-run",
  listsModifiedOrders: false,
};
