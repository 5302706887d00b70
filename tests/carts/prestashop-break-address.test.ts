import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderQuery } from "../../main/carts/connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import {
  PRESTASHOP_RESOURCES,
  startPrestaShopSimulator,
  type PrestaShopSimulator,
  type PrestaShopSimulatorOptions,
} from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const BACK_OFFICE_TOKEN = "5f0c1e2d3b4a59687766554433221100";

let simulator: PrestaShopSimulator | null = null;
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

async function shopWithOrders(options: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid", ...options });
  simulator.addOrders(generateSeedOrders({ count: 3, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
  return simulator;
}

function connectorAt(store: PrestaShopSimulator, address: string, webserviceKey?: string): CartConnector {
  return prestaShopConnectorFor(
    { storeUrl: address, credentials: { webserviceKey: webserviceKey ?? store.credentials.webserviceKey! } },
  );
}

async function idsOf(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of connector.listOrders(query)) ids.push(...page.orders.map((order) => order.orderId));
  return ids;
}

/** Runs a listing that must fail; returns its error and the orders it yielded first. */
async function failedListing(connector: CartConnector, query: OrderQuery): Promise<{ error: CartError; ids: string[] }> {
  const ids: string[] = [];
  try {
    for await (const page of connector.listOrders(query)) ids.push(...page.orders.map((order) => order.orderId));
  } catch (error) {
    if (error instanceof CartError) return { error, ids };
    throw error;
  }
  throw new Error("expected the listing to fail, but it completed");
}

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

function constructionError(build: () => unknown): CartError {
  try {
    build();
  } catch (error) {
    if (error instanceof CartError) return error;
    throw error;
  }
  throw new Error("expected a CartError, but the connector was created");
}

/** Checks that the key, and any extra values, reached neither the error nor a log line. */
function expectNoKey(store: PrestaShopSimulator, error: CartError | null, extra: string[] = []): void {
  for (const secret of [store.credentials.webserviceKey!, ...extra]) {
    for (const text of [...logLines, error?.message ?? "", error?.detail ?? ""]) expect(text).not.toContain(secret);
  }
}

const webservicePaths = (store: PrestaShopSimulator) => [...new Set(store.requestLog().map((entry) => entry.path))];

describe("PrestaShop address as pasted", () => {
  it("lists orders through webservice and back office addresses", async () => {
    const store = await shopWithOrders();
    const suffixes = [
      "/",
      "///",
      "/api",
      "/api/",
      "/api/orders?display=full",
      "/admin123xyz/",
      `/admin123xyz/index.php?controller=AdminOrders&token=${BACK_OFFICE_TOKEN}`,
      "/admin-dev/index.php/sell/orders/",
      "/index.php",
    ];
    for (const suffix of suffixes) {
      expect(await idsOf(connectorAt(store, `${store.storeUrl}${suffix}`), MAY)).toEqual(["1001", "1002", "1003"]);
    }
    expect(webservicePaths(store).every((path) => /^\/api\/[a-z_]+$/.test(path))).toBe(true);
  });

  it("keeps the folder of a shop in a subfolder", async () => {
    const store = await shopWithOrders({ basePath: "/tienda" });
    for (const suffix of ["", "/", "/api", "/admin123xyz/", "/index.php"]) {
      const report = await connectorAt(store, `${store.storeUrl}${suffix}`).testConnection();
      expect(report.storeName).toBe("Tienda Prieto");
    }
    expect(webservicePaths(store).every((path) => path.startsWith("/tienda/api/"))).toBe(true);
  });

  it("logs the reduced address without the back office token", async () => {
    const store = await shopWithOrders();
    await connectorAt(store, `${store.storeUrl}/admin123xyz/index.php/sell/orders/?_token=${BACK_OFFICE_TOKEN}`).testConnection();
    const reduced = logLines.find((line) => line.includes("[prestashop] store address reduced to the shop"));
    expect(reduced).toContain("removedFrom=/admin123xyz");
    expect(logLines.join("\n")).not.toContain(BACK_OFFICE_TOKEN);
  });

  it("names the address it tried when no webservice answers", async () => {
    const store = await shopWithOrders();
    const error = await failure(connectorAt(store, `${store.storeUrl}/boutique`).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("/boutique/api/");
    expect(error.message).toContain("URL rewriting");
  });

  it("reports a web page as a wrong address without retrying", async () => {
    const store = await shopWithOrders();
    store.scriptReplies("any", () => ({ status: 200, headers: { "content-type": "text/html" }, body: "<html><body>Tienda</body></html>" }), 10);
    const error = await failure(connectorAt(store, store.storeUrl).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("answered with a web page");
    expect(store.requestLog()).toHaveLength(1);
  });
});

describe("PrestaShop keys as pasted", () => {
  it("accepts a key pasted with spaces and line breaks around it", async () => {
    const store = await shopWithOrders();
    const report = await connectorAt(store, store.storeUrl, ` \t${store.credentials.webserviceKey!}\r\n`).testConnection();
    expect(report.storeName).toBe("Tienda Prieto");
  });

  it("rejects a key of the wrong length before sending", async () => {
    const store = await shopWithOrders();
    const key = store.credentials.webserviceKey!;
    for (const [wrong, length] of [[key.slice(0, 31), 31], [`${key}A`, 33]] as const) {
      const error = constructionError(() => connectorAt(store, store.storeUrl, wrong));
      expect(error.kind).toBe("credentials-rejected");
      expect(error.message).toContain(`has ${length} characters`);
      expectNoKey(store, error, [wrong]);
    }
    expect(store.requestLog()).toHaveLength(0);
  });

  it("rejects a space or invisible character inside the key", async () => {
    const store = await shopWithOrders();
    const key = store.credentials.webserviceKey!;
    for (const spoiled of [`${key.slice(0, 16)} ${key.slice(17)}`, `${key.slice(0, 16)}\u200b${key.slice(17)}`, `${key.slice(0, 31)}-`]) {
      const error = constructionError(() => connectorAt(store, store.storeUrl, spoiled));
      expect(error.message).toContain("contains a space, a punctuation mark or an invisible character");
      expect(error.message).not.toContain("characters");
      expectNoKey(store, error, [spoiled]);
    }
  });

  it("rejects a well-formed unknown key without echoing it", async () => {
    const store = await shopWithOrders();
    const lowercase = store.credentials.webserviceKey!.toLowerCase();
    const error = await failure(connectorAt(store, store.storeUrl, lowercase).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("no key with this value exists");
    expect(error.detail).toContain("code 20");
    expectNoKey(store, error, [lowercase]);
  });

  it("stops a listing with an inactive key", async () => {
    const store = await shopWithOrders({ keyActive: false });
    const { error, ids } = await failedListing(connectorAt(store, store.storeUrl), MAY);
    expect(ids).toEqual([]);
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("it is disabled");
    expect(error.message).toContain("set its status to Yes");
  });
});

describe("PrestaShop permissions during a listing", () => {
  const without = (...names: string[]) => PRESTASHOP_RESOURCES.filter((name) => !names.includes(name));

  for (const resource of ["orders", "customers", "addresses", "countries", "currencies", "order_states"]) {
    it(`names ${resource} when the key may not read it`, async () => {
      const store = await shopWithOrders({ resources: without(resource) });
      const { error, ids } = await failedListing(connectorAt(store, store.storeUrl), MAY);
      expect(ids).toEqual([]);
      expect(error.kind).toBe("permission-missing");
      expect(error.message).toContain(`may not read ${resource}`);
      expect(error.message).toContain(`tick View (GET) for ${resource}`);
    });
  }

  it("names the webservice being turned off", async () => {
    const store = await shopWithOrders({ webserviceEnabled: false });
    const { error, ids } = await failedListing(connectorAt(store, store.storeUrl), MAY);
    expect(ids).toEqual([]);
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("webservice is turned off");
  });
});

describe("PrestaShop with the Authorization header stripped", () => {
  it("lists orders with the key in ws_key and never logs it", async () => {
    const store = await shopWithOrders({ stripAuthorizationHeader: true });
    expect(await idsOf(connectorAt(store, store.storeUrl), MAY)).toEqual(["1001", "1002", "1003"]);
    expect(logLines.some((line) => line.includes("sending the key as ws_key"))).toBe(true);
    expect(store.requestLog().slice(1).every((entry) => entry.query.ws_key === "[present]")).toBe(true);
    expectNoKey(store, null);
  });

  it("rejects a wrong key sent as ws_key without echoing it", async () => {
    const store = await shopWithOrders({ stripAuthorizationHeader: true });
    const wrong = "B".repeat(32);
    const { error } = await failedListing(connectorAt(store, store.storeUrl, wrong), MAY);
    expect(error.kind).toBe("credentials-rejected");
    expectNoKey(store, error, [wrong]);
  });

  it("masks a ws_key that an error page echoes", async () => {
    const store = await shopWithOrders({ stripAuthorizationHeader: true });
    store.scriptReplies("orders", (_reply, request) => ({
      status: 400,
      headers: { "content-type": "text/plain" },
      body: `Rejected parameter ws_key=${new URL(request.url ?? "/", "http://proxy.invalid").searchParams.get("ws_key") ?? ""}`,
    }));
    const { error } = await failedListing(connectorAt(store, store.storeUrl), MAY);
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("ws_key=[redacted]");
    expectNoKey(store, error);
  });
});
