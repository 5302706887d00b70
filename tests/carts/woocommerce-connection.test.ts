import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { createWooCommerceConnector } from "../../main/carts/woocommerce/woocommerce-connector.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import {
  checkWooCommerceCredentials,
  WOOCOMMERCE_CREDENTIAL_FIELDS,
} from "../../main/carts/woocommerce/woocommerce-credentials.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { startWooFixture, collectPages, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import type { WooCommerceSimulatorOptions } from "../simulators/woocommerce/woocommerce-simulator.js";

let fixture: WooFixture | null = null;

async function start(options: WooCommerceSimulatorOptions = {}): Promise<WooFixture> {
  fixture = await startWooFixture({
    orders: generateSeedOrders({ count: 3, startUtc: "2024-05-03T08:00:00Z", stepMs: 3_600_000 }),
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

describe("WooCommerce connection test", () => {
  it("reports store name, zone, currency and count", async () => {
    const { connector } = await start();
    const report = await connector.testConnection();
    expect(report.platform).toBe("woocommerce");
    expect(report.storeName).toBe("Lindenhof Kitchenware");
    expect(report.timeZone).toBe("Europe/Berlin");
    expect(report.currency).toBe("EUR");
    expect(report.orderCount).toBe(3);
    expect(report.warnings).toEqual([]);
  });

  it("sends Basic credentials and every status", async () => {
    const { connector, simulator } = await start();
    await connector.testConnection();
    const orderRead = simulator.requestLog().find((entry) => entry.path === "/wp-json/wc/v3/orders");
    expect(orderRead?.headers.authorization).toBe("[present]");
    expect(orderRead?.query.status).toBe("any,trash");
    expect(orderRead?.query.consumer_secret).toBeUndefined();
  });

  it("falls back to query keys when Basic is ignored", async () => {
    const { connector, simulator } = await start({ honoursBasicAuth: false });
    const report = await connector.testConnection();
    expect(report.orderCount).toBe(3);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("query parameters");

    const listing = await collectPages(
      connector.listOrders({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" }),
    );
    expect(listing.orders).toHaveLength(3);
    const lastList = simulator.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders").at(-1);
    expect(lastList?.query.consumer_key).toBe("[present]");
    expect(lastList?.query.consumer_secret).toBe("[present]");
    expect(lastList?.headers.authorization).toBeUndefined();
  });

  it("keeps secrets out of the request log", async () => {
    const { connector, simulator } = await start({ honoursBasicAuth: false });
    await connector.testConnection();
    const logText = JSON.stringify(simulator.requestLog());
    expect(logText).not.toContain(simulator.credentials.consumerSecret);
    expect(logText).not.toContain(simulator.credentials.consumerKey);
  });

  it("rejects an unknown key after both ways", async () => {
    const { connector, simulator } = await start();
    simulator.revokeCredentials();
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("did not recognise the consumer key");
    expect(error.message).not.toContain(simulator.credentials.consumerKey);
    expect(error.detail).toContain("woocommerce_rest_cannot_view");
    const orderReads = simulator.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
    expect(orderReads).toHaveLength(2);
  });

  it("names a wrong consumer secret", async () => {
    const { simulator } = await start();
    const connector = createWooCommerceConnector({
      storeUrl: parseStoreAddress(simulator.storeUrl),
      credentials: { consumerKey: simulator.credentials.consumerKey!, consumerSecret: "cs_0000000000000000" },
      retryPolicy: FAST_RETRY_POLICY,
    });
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("consumer secret");
  });

  it("reports a key without read permission", async () => {
    const { connector } = await start({ keyPermission: "write" });
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("Read or Read/Write");
  });

  it("stops a listing once keys are revoked", async () => {
    const { connector, simulator } = await start();
    simulator.revokeCredentials();
    const error = await failureOf(
      collectPages(connector.listOrders({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" })),
    );
    expect(error.isCredentialAlert).toBe(true);
  });

  it("maps a whole-hour fixed offset to Etc/GMT", async () => {
    const { connector } = await start({ indexZone: { timezoneString: "", gmtOffset: 2 } });
    const report = await connector.testConnection();
    expect(report.timeZone).toBe("Etc/GMT-2");
  });

  it("warns about a fractional fixed offset", async () => {
    const { connector } = await start({ timeZone: "Asia/Kolkata", indexZone: { timezoneString: "", gmtOffset: 5.5 } });
    const report = await connector.testConnection();
    expect(report.timeZone).toBe("UTC");
    expect(report.warnings.some((warning) => warning.includes("UTC+5.5"))).toBe(true);
  });

  it("warns when orders disagree with the zone", async () => {
    const { connector } = await start({ timeZone: "Europe/Berlin", indexZone: { timezoneString: "America/New_York", gmtOffset: -4 } });
    const report = await connector.testConnection();
    expect(report.timeZone).toBe("America/New_York");
    expect(report.warnings.some((warning) => warning.includes("UTC+2"))).toBe(true);
  });

  it("falls back to the order currency", async () => {
    const { connector } = await start({ currencyRouteAllowed: false, currency: "SEK" });
    const report = await connector.testConnection();
    expect(report.currency).toBe("EUR");
    expect(report.warnings.some((warning) => warning.includes("newest order"))).toBe(true);
  });

  it("rejects a site without WooCommerce routes", async () => {
    const { simulator } = await start();
    const connector = createWooCommerceConnector({
      storeUrl: new URL(`${simulator.storeUrl}/blog`),
      credentials: { consumerKey: simulator.credentials.consumerKey!, consumerSecret: simulator.credentials.consumerSecret! },
      retryPolicy: FAST_RETRY_POLICY,
    });
    const error = await failureOf(connector.testConnection());
    expect(error.kind).toBe("invalid-address");
  });
});

describe("WooCommerce credentials", () => {
  it("describes three form fields", () => {
    expect(WOOCOMMERCE_CREDENTIAL_FIELDS.map((field) => field.name)).toEqual(["storeUrl", "consumerKey", "consumerSecret"]);
    for (const field of WOOCOMMERCE_CREDENTIAL_FIELDS) expect(field.help.length).toBeGreaterThan(20);
  });

  it("names a swapped key pair", () => {
    expect(() => checkWooCommerceCredentials({ consumerKey: "cs_abcdef123456", consumerSecret: "ck_abcdef123456" })).toThrow(/swapped/);
  });

  it("trims pasted whitespace", () => {
    const checked = checkWooCommerceCredentials({ consumerKey: " ck_abcdef123456\n", consumerSecret: "cs_abcdef123456 " });
    expect(checked).toEqual({ consumerKey: "ck_abcdef123456", consumerSecret: "cs_abcdef123456" });
  });
});
