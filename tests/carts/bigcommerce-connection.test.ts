import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { createBigCommerceConnector } from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import {
  BIGCOMMERCE_CREDENTIAL_FIELDS,
  checkBigCommerceCredentials,
  parseBigCommerceApiPath,
} from "../../main/carts/bigcommerce/bigcommerce-credentials.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import type { BigCommerceSimulatorOptions } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";

let fixture: BcFixture | null = null;

async function start(options: BigCommerceSimulatorOptions = {}): Promise<BcFixture> {
  fixture = await startBcFixture({
    orders: generateSeedOrders({ count: 4, startUtc: "2024-05-03T08:00:00Z", stepMs: 3_600_000, currency: "USD" }),
    ...options,
  });
  return fixture;
}

async function failureOf(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CartError);
  return error as CartError;
}

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

describe("BigCommerce connection test", () => {
  it("reports store name, zone, currency and count", async () => {
    const { connector } = await start();
    const report = await connector.testConnection();
    expect(report.platform).toBe("bigcommerce");
    expect(report.storeName).toBe("Harbour Supply Co.");
    expect(report.timeZone).toBe("America/Chicago");
    expect(report.currency).toBe("USD");
    expect(report.orderCount).toBe(4);
    expect(report.grantedScopes).toEqual(["store_v2_information_read_only", "store_v2_orders_read_only"]);
    expect(report.warnings).toEqual([]);
  });

  it("calls V2 below the copied V3 path", async () => {
    const { connector, simulator } = await start();
    await connector.testConnection();
    const paths = simulator.requestLog().map((entry) => entry.path);
    expect(paths[0]).toBe(`/stores/${simulator.storeHash}/v2/store`);
    expect(paths[1]).toBe(`/stores/${simulator.storeHash}/v2/orders/count`);
  });

  it("sends the token only in X-Auth-Token", async () => {
    const { connector, simulator } = await start();
    await connector.testConnection();
    const entry = simulator.requestLog()[0]!;
    expect(entry.headers["x-auth-token"]).toBe("[present]");
    expect(JSON.stringify(simulator.requestLog())).not.toContain(simulator.credentials.accessToken);
  });

  it("rejects a revoked token", async () => {
    const { connector, simulator } = await start();
    simulator.revokeCredentials();
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("access token");
    expect(error.detail).toContain("HTTP 401");
  });

  it("requires the Orders scope", async () => {
    const { connector } = await start({ scopes: { orders: false, storeInformation: true } });
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("Orders to read-only");
  });

  it("warns without the store information scope", async () => {
    const { connector, simulator } = await start({ scopes: { orders: true, storeInformation: false } });
    const report = await connector.testConnection();
    expect(report.storeName).toBe(`BigCommerce store ${simulator.storeHash}`);
    expect(report.timeZone).toBe("UTC");
    expect(report.currency).toBe("USD");
    expect(report.grantedScopes).toEqual(["store_v2_orders_read_only"]);
    expect(report.warnings).toHaveLength(1);
  });

  it("explains a store that answers 503", async () => {
    const { connector, simulator } = await start();
    simulator.injectFault({ kind: "status", status: 503, times: 50 }, "any");
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("server-error");
    expect(error.message).toContain("maintenance or suspended");
  });

  it("reports a store hash of another store", async () => {
    const { simulator } = await start();
    const connector = createBigCommerceConnector({
      storeUrl: parseStoreAddress(simulator.storeUrl.replace(simulator.storeHash, "zz9999")),
      credentials: { accessToken: simulator.credentials.accessToken! },
      retryPolicy: FAST_RETRY_POLICY,
    });
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("store hash");
  });
});

describe("BigCommerce API path", () => {
  it.each([
    "https://api.bigcommerce.com/stores/abc123/v3/",
    "https://api.bigcommerce.com/stores/abc123/v2",
    "https://api.bigcommerce.com/stores/ABC123",
  ])("reads the store hash of %s", (input) => {
    const base = parseBigCommerceApiPath(parseStoreAddress(input));
    expect(base.storeHash).toBe("abc123");
    expect(base.v2.href).toBe("https://api.bigcommerce.com/stores/abc123/v2/");
    expect(base.v3.href).toBe("https://api.bigcommerce.com/stores/abc123/v3/");
  });

  it("rejects the shop's own address", () => {
    expect(() => parseBigCommerceApiPath(parseStoreAddress("https://shop.example.com"))).toThrow(/not a BigCommerce API path/);
    expect(() => parseBigCommerceApiPath(parseStoreAddress("https://shop.example.com/stores/abc123/v3"))).toThrow(/api\.bigcommerce\.com/);
  });

  it("describes two form fields", () => {
    expect(BIGCOMMERCE_CREDENTIAL_FIELDS.map((field) => field.name)).toEqual(["storeUrl", "accessToken"]);
    expect(BIGCOMMERCE_CREDENTIAL_FIELDS.map((field) => field.secret)).toEqual([false, true]);
  });

  it("rejects a token pasted with other text", () => {
    expect(() => checkBigCommerceCredentials({ accessToken: "Access token: abc123def456" })).toThrow(/spaces/);
    expect(checkBigCommerceCredentials({ accessToken: " abc123def456\n" })).toEqual({ accessToken: "abc123def456" });
  });
});
