import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { prestaShopApiUrl } from "../../main/carts/prestashop/prestashop-api.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import {
  checkPrestaShopCredentials,
  PRESTASHOP_CREDENTIAL_FIELDS,
} from "../../main/carts/prestashop/prestashop-credentials.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import {
  PRESTASHOP_RESOURCES,
  startPrestaShopSimulator,
  type PrestaShopSimulator,
  type PrestaShopSimulatorOptions,
} from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

let simulator: PrestaShopSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function shop(options: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ storeName: "Tienda Prieto", timeZone: "Europe/Madrid", ...options });
  return simulator;
}

async function failureOf(promise: Promise<unknown>): Promise<CartError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CartError) return error;
    throw error;
  }
  throw new Error("expected a CartError, but the call succeeded");
}

describe("PrestaShop credentials", () => {
  it("describes the address and key fields", () => {
    expect(PRESTASHOP_CREDENTIAL_FIELDS.map((field) => field.name)).toEqual(["storeUrl", "webserviceKey"]);
    expect(PRESTASHOP_CREDENTIAL_FIELDS[1]!.secret).toBe(true);
    expect(PRESTASHOP_CREDENTIAL_FIELDS[1]!.help).toContain("Advanced Parameters › Webservice");
  });

  it("rejects a key that is not 32 characters", () => {
    let caught: unknown = null;
    try {
      checkPrestaShopCredentials({ webserviceKey: "SHORTKEY" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CartError);
    expect((caught as CartError).message).toContain("has 8 characters");
  });
});

describe("PrestaShop webservice addresses", () => {
  it("keeps a shop folder in the path", () => {
    expect(prestaShopApiUrl(parseStoreAddress("https://example.com/tienda"), "orders").href).toBe(
      "https://example.com/tienda/api/orders",
    );
  });

  it("builds the index address for a bare host", () => {
    expect(prestaShopApiUrl(parseStoreAddress("example.com"), "").href).toBe("https://example.com/api/");
  });
});

describe("PrestaShop connection test", () => {
  it("reports shop name, zone and currency", async () => {
    const store = await shop();
    store.addOrders(generateSeedOrders({ count: 2, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
    const report = await prestaShopConnectorFor(store).testConnection();
    expect(report.storeName).toBe("Tienda Prieto");
    expect(report.timeZone).toBe("Europe/Madrid");
    expect(report.currency).toBe("EUR");
    expect(report.orderCount).toBeNull();
    expect(report.warnings).toEqual([]);
    expect(report.grantedScopes).toContain("orders");
  });

  it("sends the key as Basic user name with JSON output", async () => {
    const store = await shop();
    await prestaShopConnectorFor(store).testConnection();
    const first = store.requestLog()[0]!;
    expect(first.path).toBe("/api/");
    expect(first.headers.authorization).toBe("[present]");
    expect(first.query.output_format).toBe("JSON");
    expect(first.query.ws_key).toBeUndefined();
  });

  it("falls back to ws_key when the header is stripped", async () => {
    const store = await shop({ stripAuthorizationHeader: true });
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const report = await prestaShopConnectorFor(store).testConnection();
    expect(report.warnings.some((warning) => warning.includes("CGIPassAuth On"))).toBe(true);
    const log = store.requestLog();
    expect(log[0]!.status).toBe(401);
    expect(log.slice(1).every((entry) => entry.query.ws_key === "[present]")).toBe(true);
    expect(lines.join("\n")).not.toContain(store.credentials.webserviceKey!);
  });

  it("keeps the header when told not to fall back", async () => {
    const store = await shop({ stripAuthorizationHeader: true });
    const error = await failureOf(prestaShopConnectorFor(store, { keyTransport: "header" }).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.detail).toContain("code 16");
  });

  it("explains a disabled webservice", async () => {
    const store = await shop({ webserviceEnabled: false });
    const error = await failureOf(prestaShopConnectorFor(store).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("webservice is turned off");
  });

  it("explains a disabled key", async () => {
    const store = await shop({ keyActive: false });
    const error = await failureOf(prestaShopConnectorFor(store).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("set its status to Yes");
  });

  it("rejects an unknown key", async () => {
    const store = await shop();
    const error = await failureOf(prestaShopConnectorFor({ ...store, credentials: { webserviceKey: "A".repeat(32) } }).testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).not.toContain("A".repeat(32));
  });

  it("names missing order permission", async () => {
    const store = await shop({ resources: PRESTASHOP_RESOURCES.filter((name) => name !== "orders") });
    const error = await failureOf(prestaShopConnectorFor(store).testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("may not read orders");
  });

  it("names missing required lookups", async () => {
    const store = await shop({ resources: PRESTASHOP_RESOURCES.filter((name) => name !== "customers") });
    const error = await failureOf(prestaShopConnectorFor(store).testConnection());
    expect(error.message).toContain("may not read customers");
  });

  it("warns about missing optional lookups", async () => {
    const store = await shop({ resources: PRESTASHOP_RESOURCES.filter((name) => name !== "order_slip") });
    const report = await prestaShopConnectorFor(store).testConnection();
    expect(report.warnings).toEqual(["The key may not read order_slip, so refunds are not imported. Tick View (GET) for order_slip to fix this."]);
  });

  it("reports revoked credentials", async () => {
    const store = await shop();
    const connector = prestaShopConnectorFor(store);
    await connector.testConnection();
    store.revokeCredentials();
    const error = await failureOf(connector.testConnection());
    expect(error.isCredentialAlert).toBe(true);
  });
});
