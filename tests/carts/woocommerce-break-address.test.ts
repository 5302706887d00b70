import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import {
  createWooCommerceConnector,
  type WooCommerceConnector,
} from "../../main/carts/woocommerce/woocommerce-connector.js";
import type { WooCommerceCredentials } from "../../main/carts/woocommerce/woocommerce-credentials.js";
import { redirectError } from "../../main/carts/woocommerce/woocommerce-errors.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import {
  type FixedFront,
  startRedirectingFront,
  startWebPageFront,
} from "../simulators/woocommerce/fault-proxy.js";
import { cartFailureOf, createLogCapture, textsWithSecrets } from "../simulators/woocommerce/log-capture.js";
import { collectPages } from "../simulators/woocommerce/woocommerce-fixture.js";
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from "../simulators/woocommerce/woocommerce-simulator.js";

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const logs = createLogCapture();
let simulator: WooCommerceSimulator | null = null;
let front: FixedFront | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await simulator?.close();
  await front?.close();
  simulator = null;
  front = null;
});

async function startStore(options: WooCommerceSimulatorOptions = {}): Promise<WooCommerceSimulator> {
  simulator = await startWooCommerceSimulator({
    orders: generateSeedOrders({ count: 3, startUtc: "2024-05-03T08:00:00Z", stepMs: 3_600_000 }),
    ...options,
  });
  return simulator;
}

function keysOf(store: WooCommerceSimulator): WooCommerceCredentials {
  return { consumerKey: store.credentials.consumerKey!, consumerSecret: store.credentials.consumerSecret! };
}

function connectorAt(address: string, credentials: WooCommerceCredentials): WooCommerceConnector {
  return createWooCommerceConnector({
    storeUrl: parseStoreAddress(address),
    credentials,
    retryPolicy: FAST_RETRY_POLICY,
  });
}

/** Checks that neither the store's keys nor `extra` appear in the error or in any log line. */
function expectNoSecret(store: WooCommerceSimulator, texts: string[], extra: string[] = []): void {
  const secrets = [...Object.values(store.credentials), ...extra];
  expect(textsWithSecrets([...texts, ...logs.lines], secrets)).toEqual([]);
}

describe("WooCommerce store address as pasted", () => {
  it.each([
    ["the admin dashboard", "/wp-admin/"],
    ["the admin order list", "/wp-admin/edit.php?post_type=shop_order"],
    ["the HPOS order screen", "/wp-admin/admin.php?page=wc-orders&status=wc-processing"],
    ["the REST route", "/wp-json/wc/v3"],
    ["the REST index with a slash", "/wp-json/"],
    ["the login page", "/wp-login.php"],
    ["many trailing slashes", "///"],
  ])("connects from %s", async (_name, suffix) => {
    const store = await startStore();
    const report = await connectorAt(`${store.storeUrl}${suffix}`, keysOf(store)).testConnection();
    expect(report.storeName).toBe("Lindenhof Kitchenware");
    expect(report.orderCount).toBe(3);
    const paths = store.requestLog().map((entry) => entry.path);
    expect(paths.every((path) => path.startsWith("/wp-json/"))).toBe(true);
  });

  it.each([
    ["a sub-folder", ""],
    ["a sub-folder with a slash", "/"],
    ["a sub-folder's admin", "/wp-admin/index.php"],
    ["a sub-folder's REST route", "/wp-json/wc/v3/orders"],
  ])("keeps WordPress in %s", async (_name, suffix) => {
    const store = await startStore({ sitePath: "/shop" });
    const connector = connectorAt(`${store.storeUrl}${suffix}`, keysOf(store));
    const report = await connector.testConnection();
    expect(report.orderCount).toBe(3);
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders).toHaveLength(3);
    expect(store.requestLog()[0]!.path).toBe("/shop/wp-json/");
  });

  it("names the folder a sub-folder site is missing", async () => {
    const store = await startStore({ sitePath: "/shop" });
    const origin = new URL(store.storeUrl).origin;
    const error = await cartFailureOf(connectorAt(origin, keysOf(store)).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("Check the store address");
  });

  it("names the address a bare domain redirects to", async () => {
    const store = await startStore();
    front = await startRedirectingFront(store.storeUrl);
    const error = await cartFailureOf(connectorAt(front.url, keysOf(store)).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain(`redirects to ${store.storeUrl}`);
    expect(error.message).toContain("Enter");
    expect(error.detail).toContain("HTTP 301");
    expect(front.requests).toEqual(["/wp-json/"]);
  });

  it("keeps keys out of a redirect message", () => {
    const key = "ck_4f1e2d3c4b5a69788796a5b4c3d2e1f001234567";
    const secret = "cs_9a8b7c6d5e4f30211203f4e5d6c7b8a900abcdef";
    const requestUrl = new URL(`https://shop.example.com/wp-json/wc/v3/orders?consumer_key=${key}&consumer_secret=${secret}`);
    const location = `https://www.shop.example.com/wp-json/wc/v3/orders?consumer_key=${key}&consumer_secret=${secret}`;
    const error = redirectError(301, location, requestUrl, new URL("https://shop.example.com"));
    expect(error.message).toBe(
      "The store address https://shop.example.com redirects to https://www.shop.example.com. Enter https://www.shop.example.com as the store address, then test again.",
    );
    expect(textsWithSecrets([error.message, error.detail ?? ""], [key, secret])).toEqual([]);
  });

  it("names a redirect without a target", () => {
    const error = redirectError(302, undefined, new URL("https://shop.example.com/wp-json/"), new URL("https://shop.example.com"));
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("names no new address");
  });

  it("names a site that is not WordPress", async () => {
    front = await startWebPageFront();
    const error = await cartFailureOf(
      connectorAt(front.url, { consumerKey: "ck_0123456789abcdef", consumerSecret: "cs_0123456789abcdef" }).testConnection(),
    );
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("web page");
    // A web page is a response, not a network fault, so it is requested once.
    expect(front.requests).toEqual(["/wp-json/"]);
  });

  it("names a WordPress without WooCommerce routes", async () => {
    const store = await startStore();
    const connector = connectorAt(`${store.storeUrl}/blog`, keysOf(store));
    const error = await cartFailureOf(connector.testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("store address");
  });
});

describe("WooCommerce keys as pasted", () => {
  it("names a swapped pair before any request", async () => {
    const store = await startStore();
    const { consumerKey, consumerSecret } = keysOf(store);
    const error = await cartFailureOf(
      Promise.resolve().then(() => connectorAt(store.storeUrl, { consumerKey: consumerSecret, consumerSecret: consumerKey })),
    );
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("swapped");
    expect(store.requestLog()).toEqual([]);
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("connects with keys pasted with whitespace", async () => {
    const store = await startStore();
    const { consumerKey, consumerSecret } = keysOf(store);
    const connector = connectorAt(store.storeUrl, {
      consumerKey: `\u00a0 ${consumerKey}\r\n`,
      consumerSecret: `\t${consumerSecret}\u200b `,
    });
    const report = await connector.testConnection();
    expect(report.orderCount).toBe(3);
  });

  it("names a key broken across lines", async () => {
    const store = await startStore();
    const { consumerKey, consumerSecret } = keysOf(store);
    const broken = `${consumerKey.slice(0, 20)}\n${consumerKey.slice(20)}`;
    const error = await cartFailureOf(
      Promise.resolve().then(() => connectorAt(store.storeUrl, { consumerKey: broken, consumerSecret })),
    );
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("space or line break");
    expect(store.requestLog()).toEqual([]);
  });

  it("names the key of a deleted WordPress user", async () => {
    const store = await startStore();
    const connector = connectorAt(store.storeUrl, keysOf(store));
    store.revokeCredentials();
    const error = await cartFailureOf(connector.testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("WordPress user still exists");
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("names a user who may no longer view orders", async () => {
    const store = await startStore({ keyUserRole: "customer" });
    const error = await cartFailureOf(connectorAt(store.storeUrl, keysOf(store)).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("shop manager or administrator");
    const orderReads = store.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
    expect(orderReads).toHaveLength(1);
  });

  it("lists orders with a read-only key", async () => {
    const store = await startStore({ keyPermission: "read" });
    const connector = connectorAt(store.storeUrl, keysOf(store));
    const report = await connector.testConnection();
    expect(report.warnings).toEqual([]);
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(["1001", "1002", "1003"]);
  });

  it("names a key without read permission", async () => {
    const store = await startStore({ keyPermission: "write" });
    const error = await cartFailureOf(connectorAt(store.storeUrl, keysOf(store)).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("Read or Read/Write");
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });

  it("names a wrong secret behind a proxy", async () => {
    const store = await startStore({ honoursBasicAuth: false });
    const wrongSecret = "cs_ffffffffffffffffffffffffffffffffffffffff";
    const connector = connectorAt(store.storeUrl, { ...keysOf(store), consumerSecret: wrongSecret });
    const error = await cartFailureOf(connector.testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("consumer secret");
    expectNoSecret(store, [error.message, error.detail ?? ""], [wrongSecret]);
  });
});

describe("WooCommerce keys in the query", () => {
  it("lists every order once Basic is ignored", async () => {
    const store = await startStore({ honoursBasicAuth: false });
    const connector = connectorAt(store.storeUrl, keysOf(store));
    const { orders } = await collectPages(connector.listOrders({ ...WINDOW, pageSize: 2 }));
    expect(orders.map((order) => order.orderId)).toEqual(["1001", "1002", "1003"]);
    const orderReads = store.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
    // Only the first read tries the header; the client keeps the query afterwards.
    expect(orderReads.map((entry) => entry.query.consumer_key ?? "header")).toEqual(["header", "[present]", "[present]"]);
  });

  it("switches to the query when a proxy appears", async () => {
    const store = await startStore();
    const connector = connectorAt(store.storeUrl, keysOf(store));
    const pages = connector.listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    const first = await pages.next();
    store.setBasicAuthHonoured(false);
    const rest = await collectPages({ [Symbol.asyncIterator]: () => pages });
    const ids = [...first.value!.orders, ...rest.orders].map((order) => order.orderId);
    expect(ids).toEqual(["1001", "1002", "1003"]);
  });

  it("keeps query keys out of logs and errors", async () => {
    const store = await startStore({ honoursBasicAuth: false });
    const connector = connectorAt(store.storeUrl, keysOf(store));
    await connector.testConnection();
    store.injectFault({ kind: "status", status: 502, times: 100 });
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("server-error");
    expect(logs.lines.some((line) => line.includes("retrying request"))).toBe(true);
    expectNoSecret(store, [error.message, error.detail ?? ""]);
  });
});
