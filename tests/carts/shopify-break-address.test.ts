import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { ShopifyCredentials } from "../../main/carts/shopify/shopify-api.js";
import { createShopifyConnector } from "../../main/carts/shopify/shopify-connector.js";
import { resolveShopifyStoreUrl } from "../../main/carts/shopify/shopify-store-address.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-03-02T00:00:00Z" };

let simulator: ShopifySimulator | null = null;
let logLines: string[] = [];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function startStore(credentialKind: "access-token" | "client-credentials" = "access-token") {
  simulator = await startShopifySimulator({
    credentialKind,
    orders: generateSeedOrders({ count: 3, firstId: 1001, startUtc: "2026-03-01T08:00:00Z", stepMs: 60_000 }),
  });
  return simulator;
}

function connectorAt(address: string, credentials: ShopifyCredentials) {
  return createShopifyConnector({ storeUrl: parseStoreAddress(address), credentials, retryPolicy: FAST_RETRY_POLICY });
}

const tokenOf = (store: ShopifySimulator): ShopifyCredentials => ({
  kind: "access-token",
  accessToken: store.credentials.accessToken!,
});

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

/** Checks that no secret the store issued, and none of the extra values, reached the error or a log line. */
function expectNoSecret(store: ShopifySimulator, error: CartError | null, extra: string[] = []): void {
  const texts = [...logLines, error?.message ?? "", error?.detail ?? ""];
  for (const secret of [...store.secrets(), ...extra]) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

const resolved = (address: string) => resolveShopifyStoreUrl(parseStoreAddress(address)).toString();

function addressKind(address: string): string | null {
  try {
    resolveShopifyStoreUrl(parseStoreAddress(address));
    return null;
  } catch (error) {
    return error instanceof CartError ? error.kind : "other";
  }
}

describe("Shopify store address as pasted", () => {
  it("maps the browser admin address to the store", () => {
    expect(resolved("https://admin.shopify.com/store/lind-berg")).toBe("https://lind-berg.myshopify.com/");
    expect(resolved("https://admin.shopify.com/store/Lind-Berg/orders/1001?tab=details")).toBe(
      "https://lind-berg.myshopify.com/",
    );
    expect(resolved("admin.shopify.com/store/lind-berg/")).toBe("https://lind-berg.myshopify.com/");
    expect(resolved("HTTPS://ADMIN.SHOPIFY.COM/STORE/LIND-BERG")).toBe("https://lind-berg.myshopify.com/");
  });

  it("drops every path of a myshopify.com address", () => {
    expect(resolved("https://lind-berg.myshopify.com/admin")).toBe("https://lind-berg.myshopify.com/");
    expect(resolved("https://LIND-BERG.MYSHOPIFY.COM/admin/orders/1001/")).toBe("https://lind-berg.myshopify.com/");
    expect(resolved("lind-berg.myshopify.com///")).toBe("https://lind-berg.myshopify.com/");
    expect(resolved("https://lind-berg.myshopify.com/products/mug")).toBe("https://lind-berg.myshopify.com/");
  });

  it("rejects an admin address without a store", () => {
    expect(addressKind("https://admin.shopify.com/")).toBe("invalid-address");
    expect(addressKind("https://admin.shopify.com/settings")).toBe("invalid-address");
    expect(addressKind("https://admin.shopify.com/store/")).toBe("invalid-address");
    expect(addressKind("https://admin.shopify.com/store/lind_berg!")).toBe("invalid-address");
  });

  it("rejects the addresses of Shopify itself", () => {
    for (const address of ["https://www.shopify.com", "https://accounts.shopify.com/login", "https://myshopify.com"]) {
      expect(addressKind(address)).toBe("invalid-address");
    }
  });

  it("says where to find the store address", () => {
    // Only the address is resolved: no connector is built for a host outside 127.0.0.1.
    let error: unknown = null;
    try {
      resolveShopifyStoreUrl(parseStoreAddress("https://admin.shopify.com/"));
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("does not name a store");
    expect(error.message).toContain("https://admin.shopify.com/store/your-store");
  });

  it("lists orders through an address with an admin path", async () => {
    const store = await startStore();
    for (const address of [`${store.storeUrl}/admin`, `${store.storeUrl}/admin/orders/1001/`, `${store.storeUrl}///`]) {
      const pages = await collectPages(connectorAt(address, tokenOf(store)).listOrders(WINDOW));
      expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(["1001", "1002", "1003"]);
    }
    const paths = new Set(store.requestLog().map((entry) => entry.path));
    expect([...paths]).toEqual(["/admin/api/2026-10/graphql.json"]);
  });

  it("accepts an uppercase scheme and admin path", async () => {
    const store = await startStore();
    const report = await connectorAt(store.storeUrl.replace("http://", "HTTP://") + "/ADMIN", tokenOf(store)).testConnection();
    expect(report.storeName).toBe(store.storeName);
  });

  it("explains a redirect without following it", async () => {
    const store = await startStore();
    store.scriptReplies("graphql", () => ({
      status: 301,
      headers: { location: "https://lind-berg.myshopify.com/admin/api/2026-10/graphql.json" },
      body: "",
    }));
    const error = await failure(connectorAt(store.storeUrl, tokenOf(store)).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("Enter https://lind-berg.myshopify.com as the store address");
    expect(store.requestLog()).toHaveLength(1);
    expectNoSecret(store, error);
  });

  it("explains a redirected token grant", async () => {
    const store = await startStore("client-credentials");
    store.scriptReplies("grant", () => ({ status: 302, headers: { location: "https://example.test/login" }, body: "" }));
    const credentials: ShopifyCredentials = {
      kind: "client-credentials",
      clientId: store.credentials.clientId!,
      clientSecret: store.credentials.clientSecret!,
    };
    const error = await failure(connectorAt(store.storeUrl, credentials).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("forwards Admin API requests to https://example.test");
    expect(error.message).toContain("myshopify.com address");
    expectNoSecret(store, error);
  });
});

describe("Shopify credentials as pasted", () => {
  it("trims spaces and line breaks around a token", async () => {
    const store = await startStore();
    const accessToken = `  ${store.credentials.accessToken}\r\n`;
    const report = await connectorAt(store.storeUrl, { kind: "access-token", accessToken }).testConnection();
    expect(report.storeName).toBe(store.storeName);
    expect(store.requestLog().every((entry) => entry.status === 200)).toBe(true);
    expectNoSecret(store, null);
  });

  it("trims a client ID and secret", async () => {
    const store = await startStore("client-credentials");
    const credentials: ShopifyCredentials = {
      kind: "client-credentials",
      clientId: `\t${store.credentials.clientId}\n`,
      clientSecret: ` ${store.credentials.clientSecret} `,
    };
    const pages = await collectPages(connectorAt(store.storeUrl, credentials).listOrders(WINDOW));
    expect(pages.flatMap((page) => page.orders)).toHaveLength(3);
    expect(store.tokenGrants()).toHaveLength(1);
    expectNoSecret(store, null);
  });

  it("rejects a token with a line break inside before sending it", async () => {
    const store = await startStore();
    const token = store.credentials.accessToken!;
    const broken = `${token.slice(0, 12)}\n${token.slice(12)}`;
    const error = await failure(connectorAt(store.storeUrl, { kind: "access-token", accessToken: broken }).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("line break");
    expect(store.requestLog()).toEqual([]);
    expectNoSecret(store, error, [token.slice(0, 12), token.slice(12)]);
  });

  it("rejects a token pasted with a neighbouring word", async () => {
    const store = await startStore();
    const error = await failure(
      connectorAt(store.storeUrl, { kind: "access-token", accessToken: `Token: ${store.credentials.accessToken}` }).listOrders(WINDOW)[Symbol.asyncIterator]().next(),
    );
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("copied together with other text");
    expect(store.requestLog()).toEqual([]);
  });

  it("rejects an empty token", async () => {
    const store = await startStore();
    const error = await failure(connectorAt(store.storeUrl, { kind: "access-token", accessToken: " \n " }).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("access token is empty");
  });

  it("names a client secret pasted as the token", async () => {
    const store = await startStore("client-credentials");
    const secret = store.credentials.clientSecret!;
    const error = await failure(connectorAt(store.storeUrl, { kind: "access-token", accessToken: secret }).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("is a client secret");
    expect(store.requestLog()).toEqual([]);
    expectNoSecret(store, error);
  });

  it("rejects a wrong client secret without echoing either", async () => {
    const store = await startStore("client-credentials");
    const wrong = `shpss_${"0".repeat(32)}`;
    const credentials: ShopifyCredentials = { kind: "client-credentials", clientId: store.credentials.clientId!, clientSecret: wrong };
    const error = await failure(connectorAt(store.storeUrl, credentials).listOrders(WINDOW)[Symbol.asyncIterator]().next());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("client ID or client secret");
    expect(error.detail).toContain("invalid_client");
    expect(store.tokenGrants()).toEqual([]);
    expectNoSecret(store, error, [wrong]);
  });
});
