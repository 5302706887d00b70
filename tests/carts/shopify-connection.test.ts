import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const NOW_MS = Date.parse("2026-06-15T12:00:00Z");
const DAY_MS = 86_400_000;
const now = () => NOW_MS;

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

describe("Shopify connection test", () => {
  it("reports scopes, count and no warning with read_all_orders", async () => {
    simulator = await startShopifySimulator({
      timeZone: "Asia/Singapore",
      currency: "SGD",
      orders: generateSeedOrders({ count: 4, startUtc: "2026-01-02T08:00:00Z", stepMs: DAY_MS, currency: "SGD" }),
      now,
    });
    const report = await connectorFor(simulator, { now }).testConnection();
    expect(report.platform).toBe("shopify");
    expect(report.storeName).toBe("Lind & Berg Goods");
    expect(report.timeZone).toBe("Asia/Singapore");
    expect(report.currency).toBe("SGD");
    expect(report.grantedScopes).toEqual(["read_all_orders", "read_orders"]);
    expect(report.orderCount).toBe(4);
    expect(report.warnings).toEqual([]);
    expect(report.visibleSinceUtc).toBeNull();
  });

  it("warns that read_all_orders is missing", async () => {
    simulator = await startShopifySimulator({ scopes: ["read_orders"], now });
    const report = await connectorFor(simulator, { now }).testConnection();
    expect(report.visibleSinceUtc).toBe("2026-04-16T12:00:00.000Z");
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("read_all_orders");
    expect(report.warnings[0]).toContain("60 days");
    expect(report.warnings[0]).toContain("2026-04-16T12:00:00.000Z");
  });

  it("fails without read_orders", async () => {
    simulator = await startShopifySimulator({ scopes: ["read_products"], now });
    const error = await failure(connectorFor(simulator, { now }).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("read_orders");
  });

  it("accepts write_orders as read access", async () => {
    simulator = await startShopifySimulator({ scopes: ["write_orders", "read_all_orders"], now });
    const report = await connectorFor(simulator, { now }).testConnection();
    expect(report.warnings).toEqual([]);
  });

  it("maps a 403 to permission-missing", async () => {
    simulator = await startShopifySimulator({ now });
    simulator.injectFault({ kind: "status", status: 403, times: 1 }, "any");
    const error = await failure(connectorFor(simulator, { now }).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.detail).toContain("HTTP 403");
  });

  it("maps a 404 to a wrong store address", async () => {
    simulator = await startShopifySimulator({ now });
    const error = await failure(
      connectorFor({ storeUrl: `${simulator.storeUrl}/not-a-shop`, credentials: simulator.credentials }).testConnection(),
    );
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("myshopify.com");
  });

  it("explains a failed TLS handshake", async () => {
    simulator = await startShopifySimulator({ now });
    const httpsUrl = simulator.storeUrl.replace("http://", "https://");
    const error = await failure(connectorFor({ storeUrl: httpsUrl, credentials: simulator.credentials }).testConnection());
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("secure connection");
  });
});

describe("Shopify 60-day horizon", () => {
  const seeds = [
    ...generateSeedOrders({ count: 1, firstId: 1001, startUtc: "2026-03-01T08:00:00Z", stepMs: 0 }),
    ...generateSeedOrders({ count: 1, firstId: 1002, startUtc: "2026-06-05T08:00:00Z", stepMs: 0 }),
  ];

  it("lists a recent window without read_all_orders", async () => {
    simulator = await startShopifySimulator({ scopes: ["read_orders"], orders: seeds, now });
    const pages = await collectPages(
      connectorFor(simulator, { now }).listOrders({
        createdFromUtc: "2026-06-01T00:00:00Z",
        createdToUtc: "2026-06-15T00:00:00Z",
      }),
    );
    expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(["1002"]);
  });

  it("refuses a window older than the token sees", async () => {
    simulator = await startShopifySimulator({ scopes: ["read_orders"], orders: seeds, now });
    const listing = collectPages(
      connectorFor(simulator, { now }).listOrders({
        createdFromUtc: "2026-02-01T00:00:00Z",
        createdToUtc: "2026-06-15T00:00:00Z",
      }),
    );
    const error = await failure(listing);
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("2026-04-16T12:00:00.000Z");
    expect(error.message).toContain("read_all_orders");
  });

  it("hides old orders silently, as Shopify does", async () => {
    simulator = await startShopifySimulator({ scopes: ["read_orders"], orders: seeds, now });
    const response = await fetch(`${simulator.storeUrl}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": simulator.credentials.accessToken! },
      body: JSON.stringify({
        query: "query { orders(first: 10, sortKey: CREATED_AT) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        variables: {},
      }),
    });
    const body = (await response.json()) as { data: { orders: { nodes: { id: string }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.orders.nodes.map((node) => node.id)).toEqual(["gid://shopify/Order/1002"]);
  });
});
