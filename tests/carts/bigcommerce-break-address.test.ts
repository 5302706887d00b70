import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBigCommerceConnector } from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import { zoneOfStore } from "../../main/carts/bigcommerce/bigcommerce-connection.js";
import {
  checkBigCommerceCredentials,
  parseBigCommerceApiPath,
} from "../../main/carts/bigcommerce/bigcommerce-credentials.js";
import { CartError } from "../../main/carts/cart-error.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import {
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
  startBigCommerceSimulator,
} from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { cartFailureOf, createLogCapture, textsWithSecrets } from "../simulators/woocommerce/log-capture.js";
import { collectPages } from "../simulators/woocommerce/woocommerce-fixture.js";

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const logs = createLogCapture();
let simulator: BigCommerceSimulator | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await simulator?.close();
  simulator = null;
});

async function startStore(options: BigCommerceSimulatorOptions = {}): Promise<BigCommerceSimulator> {
  simulator = await startBigCommerceSimulator({
    orders: generateSeedOrders({ count: 3, startUtc: "2024-05-03T08:00:00Z", stepMs: 3_600_000, currency: "USD" }),
    ...options,
  });
  return simulator;
}

function connectorAt(address: string, accessToken: string) {
  return createBigCommerceConnector({ storeUrl: parseStoreAddress(address), credentials: { accessToken }, retryPolicy: FAST_RETRY_POLICY });
}

function kindOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof CartError ? error.kind : "other";
  }
}

const apiBase = (address: string) => parseBigCommerceApiPath(parseStoreAddress(address));

describe("BigCommerce API path as pasted", () => {
  it.each([
    "https://api.bigcommerce.com/stores/abc123/v3/",
    "https://api.bigcommerce.com/stores/abc123/v3",
    "https://api.bigcommerce.com/stores/abc123/v2/",
    "https://api.bigcommerce.com/stores/abc123/",
    "api.bigcommerce.com/stores/abc123/v3/",
    "  https://api.bigcommerce.com/stores/ABC123/V3/  ",
    "https://api.bigcommerce.com/stores/abc123/v3/orders/payment_actions/refunds",
    "https://api.bigcommerce.com/stores/abc123/v2/orders?limit=5",
    "https://store-abc123.mybigcommerce.com/manage/dashboard",
    "https://store-abc123.mybigcommerce.com/",
    "https://store-abc123.mybigcommerce.com/api/v2/",
  ])("reads store hash abc123 from %s", (address) => {
    const base = apiBase(address);
    expect(base.storeHash).toBe("abc123");
    expect(base.v2.href).toBe("https://api.bigcommerce.com/stores/abc123/v2/");
    expect(base.v3.href).toBe("https://api.bigcommerce.com/stores/abc123/v3/");
  });

  it("says where to find the API path for a shop address", () => {
    let message = "";
    try {
      apiBase("https://www.harbour-supply.example/");
    } catch (error) {
      message = (error as CartError).message;
    }
    expect(message).toContain("https://www.harbour-supply.example is the shop's address");
    expect(message).toContain("Settings › Store-level API accounts");
    expect(message).toContain("https://api.bigcommerce.com/stores/abc123/v3/");
  });

  it.each([
    ["an API host without a store", "https://api.bigcommerce.com/"],
    ["another API section", "https://api.bigcommerce.com/v2/stores"],
    ["an empty store hash", "https://api.bigcommerce.com/stores//v3/"],
  ])("rejects %s", (_name, address) => {
    expect(kindOf(() => apiBase(address))).toBe("invalid-address");
  });

  it("rejects plain http to the API host", () => {
    expect(kindOf(() => apiBase("http://api.bigcommerce.com/stores/abc123/v3/"))).toBe("insecure-address");
  });

  it.each([
    ["the V3 path", (store: BigCommerceSimulator) => store.storeUrl],
    ["the V3 path without slash", (store: BigCommerceSimulator) => store.storeUrl.replace(/\/$/, "")],
    ["the V2 path", (store: BigCommerceSimulator) => store.storeUrl.replace("/v3/", "/v2/")],
    ["the bare store path", (store: BigCommerceSimulator) => store.storeUrl.replace("/v3/", "")],
    ["an endpoint below V3", (store: BigCommerceSimulator) => `${store.storeUrl}catalog/products`],
  ])("connects with %s", async (_name, addressOf) => {
    const store = await startStore();
    const connector = connectorAt(addressOf(store), store.credentials.accessToken!);
    const report = await connector.testConnection();
    expect(report.orderCount).toBe(3);
    const { orders } = await collectPages(connector.listOrders(WINDOW));
    expect(orders).toHaveLength(3);
  });
});

describe("BigCommerce access token as pasted", () => {
  it("connects with a token wrapped in whitespace and invisible characters", async () => {
    const store = await startStore();
    const report = await connectorAt(store.storeUrl, `\ufeff ${store.credentials.accessToken!}\u200b\r\n`).testConnection();
    expect(report.orderCount).toBe(3);
  });

  it("names a token with characters tokens never have", () => {
    const error = (() => {
      try {
        checkBigCommerceCredentials({ accessToken: "abc123def456ghi789\u00e9" });
      } catch (caught) {
        return caught as CartError;
      }
      return null;
    })();
    expect(error?.kind).toBe("credentials-rejected");
    expect(error?.message).toContain("characters that BigCommerce tokens never have");
  });

  it("names a client ID entered as the token", async () => {
    const store = await startStore();
    const clientId = "k2p9x4m7q1w8e3r6t5y0u2i4o7p9a1s";
    const error = await cartFailureOf(connectorAt(store.storeUrl, clientId).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("not its client ID or client secret");
    expect(textsWithSecrets([error.message, error.detail ?? "", ...logs.lines], [clientId, store.credentials.accessToken!])).toEqual([]);
  });

  it("names a token of a deleted API account mid-listing", async () => {
    const store = await startStore({ orders: generateSeedOrders({ count: 12, startUtc: "2024-05-03T08:00:00Z", stepMs: 60_000, currency: "USD" }) });
    const connector = connectorAt(store.storeUrl, store.credentials.accessToken!);
    const pages = connector.listOrders({ ...WINDOW, pageSize: 4 })[Symbol.asyncIterator]();
    await pages.next();
    store.revokeCredentials();
    const error = await cartFailureOf(pages.next());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("a deleted account's token stops working");
    expect(textsWithSecrets([error.message, error.detail ?? "", ...logs.lines], [store.credentials.accessToken!])).toEqual([]);
  });

  it("keeps the token out of every log line of a faulty run", async () => {
    const store = await startStore({ rateLimit: { quota: 4, windowMs: 150 } });
    store.injectFault({ kind: "status", status: 500, times: 2 });
    const connector = connectorAt(store.storeUrl, store.credentials.accessToken!);
    await connector.testConnection();
    await collectPages(connector.listOrders(WINDOW));
    store.injectFault({ kind: "status", status: 502, times: 100 }, "any");
    const error = await cartFailureOf(collectPages(connector.listOrders(WINDOW)));
    expect(error.kind).toBe("server-error");
    expect(logs.lines.some((line) => line.includes("retrying request"))).toBe(true);
    expect(textsWithSecrets([error.message, error.detail ?? "", ...logs.lines], [store.credentials.accessToken!])).toEqual([]);
  });
});

describe("BigCommerce store zones", () => {
  it("reports a half-hour zone by name", async () => {
    const store = await startStore({ timeZone: "Asia/Kolkata" });
    const report = await connectorAt(store.storeUrl, store.credentials.accessToken!).testConnection();
    expect(report.timeZone).toBe("Asia/Kolkata");
    expect(report.warnings).toEqual([]);
  });

  it("warns about a half-hour offset without a zone name", () => {
    const zone = zoneOfStore({ timezone: { name: "Chennai, Kolkata", raw_offset: 19_800, dst_offset: 19_800 } });
    expect(zone.timeZone).toBe("UTC");
    expect(zone.warning).toContain("no IANA name");
  });

  it("maps a whole-hour offset without a zone name", () => {
    expect(zoneOfStore({ timezone: { name: "Central Time", raw_offset: -21_600 } }).timeZone).toBe("Etc/GMT+6");
  });
});
