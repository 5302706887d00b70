import { afterEach, describe, expect, it } from "vitest";
import type { CartConnector } from "../../main/carts/connector.js";
import { runDryRun } from "../../main/dry-run/dry-run.js";
import type { MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { connectorFor } from "../carts/shopify-harness.js";
import type { LoggedRequest } from "../simulators/common/faults.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import { deletedProductCase, KNOWN_SKUS, WINDOW } from "./seed-cases.js";

const MAPPING: MappingOptions = {
  storeId: "store-1",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

let shopify: ShopifySimulator | null = null;
let woo: WooFixture | null = null;

afterEach(async () => {
  await shopify?.close();
  await woo?.simulator.close();
  shopify = null;
  woo = null;
});

function dryRunOver(connector: CartConnector, mapping: MappingOptions = MAPPING) {
  return runDryRun({
    connector,
    mapping,
    window: WINDOW,
    store: { storeName: "Lind & Berg Goods", storeUrl: "https://lind-berg.example" },
    now: () => Date.parse("2026-04-02T08:00:00.000Z"),
  });
}

/** True for a GraphQL request whose operation is a query: reads only, no mutation. */
function isGraphqlQuery(request: LoggedRequest): boolean {
  if (request.method !== "POST" || !/\/graphql\.json$/.test(request.path)) return false;
  const { query } = JSON.parse(request.body) as { query: string };
  return /^\s*(query\b|\{)/.test(query) && !/\bmutation\b/.test(query);
}

const isTokenGrant = (request: LoggedRequest) =>
  request.method === "POST" && request.path === "/admin/oauth/access_token";

describe("dry run against the Shopify simulator", () => {
  it("sends queries only, changes no order", async () => {
    const seeds = generateSeedOrders({ count: 30, startUtc: "2026-03-02T00:00:00.000Z", stepMs: 3_600_000 });
    shopify = await startShopifySimulator({ orders: seeds, credentialKind: "client-credentials" });
    const ordersBefore = shopify.orders();

    const preview = await dryRunOver(connectorFor(shopify));

    expect(preview.summary.orders).toBe(30);
    const requests = shopify.requestLog();
    expect(requests.length).toBeGreaterThan(0);
    const others = requests.filter((request) => !isGraphqlQuery(request) && !isTokenGrant(request));
    expect(others.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(requests.filter((request) => /\bmutation\b/.test(request.body))).toEqual([]);
    expect(shopify.orders()).toEqual(ordersBefore);
  });

  it("holds back only the deleted product", async () => {
    shopify = await startShopifySimulator({ orders: deletedProductCase() });
    const preview = await dryRunOver(connectorFor(shopify), { ...MAPPING, knownSkus: KNOWN_SKUS });

    const byNumber = new Map(preview.rows.map((row) => [row.order.orderNumber, row]));
    expect([...byNumber.keys()].sort()).toEqual(["#6001", "#6002", "#6003", "#6004"]);
    expect(byNumber.get("#6001")?.importable).toBe(true);
    expect(byNumber.get("#6002")?.importable).toBe(false);
    expect(byNumber.get("#6002")?.findings.map((finding) => finding.code)).toEqual(["deleted-product"]);
    expect(byNumber.get("#6003")?.importable).toBe(true);
    expect(byNumber.get("#6003")?.document.lines[0]?.itemMatch).toBe("placeholder");
    expect(byNumber.get("#6004")?.importable).toBe(true);
    expect(byNumber.get("#6004")?.document.lines[0]?.itemMatch).toBe("existing-item");
    expect(preview.summary.importable).toBe(3);
    expect(preview.summary.findings).toEqual({ "unknown-sku": 1, "deleted-product": 1, "line-without-sku": 1 });
  });
});

describe("dry run against the WooCommerce simulator", () => {
  it("sends GET only, changes no order", async () => {
    const seeds = generateSeedOrders({ count: 12, startUtc: "2026-03-02T00:00:00.000Z", stepMs: 3_600_000 });
    woo = await startWooFixture({ orders: seeds });
    const ordersBefore = woo.simulator.orders();

    const preview = await dryRunOver(woo.connector);

    expect(preview.summary.orders).toBe(12);
    const requests = woo.simulator.requestLog();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(woo.simulator.orders()).toEqual(ordersBefore);
  });
});
