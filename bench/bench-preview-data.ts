import type { AppState, Preview } from "../preload/contract.js";
import { createDemoConnector } from "../main/carts/demo/demo-store.js";
import { previewRowOf, summarizeRows } from "../main/dry-run/dry-run.js";
import type { MappingOptions } from "../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../main/mapping/order-filter.js";

const OPENED_AT_MS = Date.parse("2026-01-01T00:00:00.000Z");
const WINDOW = { fromUtc: "2025-01-01T00:00:00.000Z", toUtc: "2026-01-01T00:00:00.000Z" };
const STORE = { storeName: "Bench store", storeUrl: "https://bench-store.example" };

const MAPPING: MappingOptions = {
  storeId: "bench",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  // Two SKUs of the demo catalogue are left out, so that "unknown-sku" findings appear too.
  knownSkus: new Set(["MUG-BLU-350", "MUG-RED-350", "TEE-GRN-M", "BAG-CAN-01", "CAN-BEE-10", "CAP-WOL-OS"]),
  shopCurrency: "EUR",
};

/**
 * Builds a preview of `orderCount` orders through the real mapping. The
 * orders are the demo store's, repeated with new ids and spread evenly over
 * one year, so the rows have the demo's mix of findings and currencies.
 */
export function benchPreview(orderCount: number): Preview {
  const demo = createDemoConnector({ openedAtMs: OPENED_AT_MS, now: () => OPENED_AT_MS });
  const demoOrders = demo.ordersUntil(OPENED_AT_MS);
  const fromMs = Date.parse(WINDOW.fromUtc);
  const stepMs = Math.floor((Date.parse(WINDOW.toUtc) - fromMs) / orderCount);

  const rows = Array.from({ length: orderCount }, (_, index) => {
    const template = demoOrders[index % demoOrders.length]!;
    const createdAtUtc = new Date(fromMs + index * stepMs).toISOString();
    const order = {
      ...template,
      orderId: String(700_000 + index),
      orderNumber: `#${100_001 + index}`,
      createdAtUtc,
      updatedAtUtc: createdAtUtc,
    };
    return previewRowOf(order, MAPPING);
  });

  return {
    formatVersion: 1,
    storeName: STORE.storeName,
    platform: "shopify",
    storeUrl: STORE.storeUrl,
    window: WINDOW,
    createdAtUtc: "2026-01-01T08:00:00.000Z",
    documentKind: MAPPING.documentKind,
    rows,
    summary: summarizeRows(rows),
    openedFromFile: null,
  };
}

/** Returns an app state with a tested connection and no dry run yet, so the wizard opens on the Test import step. */
export function benchAppState(): AppState {
  return {
    destination: { kind: "order-book" },
    mapping: { guestPolicy: "placeholder-customer", knownSkuCount: null },
    store: { platform: "shopify", storeUrl: STORE.storeUrl, storedCredentialFields: ["accessToken"] },
    connection: {
      testedAtUtc: "2026-01-01T07:55:00.000Z",
      report: {
        platform: "shopify",
        storeName: STORE.storeName,
        timeZone: "Europe/Berlin",
        currency: "EUR",
        grantedScopes: ["read_orders", "read_all_orders"],
        warnings: [],
        orderCount: null,
        visibleSinceUtc: null,
      },
    },
    dryRun: null,
    cutoff: null,
    exportSummary: null,
    goLive: null,
    startBlockers: ["Run a dry run in the Test import step."],
    sync: {
      state: "Stopped",
      busy: false,
      importFromUtc: null,
      lastOrderFromUtc: null,
      lastRunAtUtc: null,
      nextRunAtUtc: null,
      ordersImported: 0,
      failedOrders: [],
      changedOrders: [],
      credentialAlert: null,
      history: [],
    },
    keychainAvailable: true,
    keychainMessage: null,
  };
}
