import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { MagentoCredentials } from "../../main/carts/magento/magento-credentials.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import {
  startMagentoSimulator,
  type MagentoSimulator,
  type MagentoSimulatorOptions,
} from "../simulators/magento/magento-simulator.js";
import {
  collectOrders,
  magentoConnectorFor,
  magentoCredentialsOf,
} from "../simulators/magento/magento-test-kit.js";
import { garble } from "./connector-suite.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };
const ADMIN_URL_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

let simulator: MagentoSimulator | null = null;
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

async function storeWithOrders(options: MagentoSimulatorOptions = {}): Promise<MagentoSimulator> {
  simulator = await startMagentoSimulator(options);
  simulator.addOrders(generateSeedOrders({ count: 3, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
  return simulator;
}

function connectorAt(store: MagentoSimulator, address: string, credentials?: MagentoCredentials) {
  return magentoConnectorFor(store, {
    storeUrl: parseStoreAddress(address),
    ...(credentials ? { credentials } : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

/** Checks that no credential value reached the error or a log line. */
function expectNoSecret(values: string[], error: CartError | null): void {
  const texts = [...logLines, error?.message ?? "", error?.detail ?? ""];
  for (const value of values) {
    for (const text of texts) expect(text).not.toContain(value);
  }
}

const orderPaths = (store: MagentoSimulator) =>
  [...new Set(store.requestLog().filter((entry) => entry.path.endsWith("/orders")).map((entry) => entry.path))];

describe("Magento address as pasted", () => {
  it("lists orders through admin and API addresses", async () => {
    const store = await storeWithOrders();
    const suffixes = [
      "/",
      "///",
      "/admin",
      `/admin/sales/order/index/key/${ADMIN_URL_KEY}/`,
      "/admin_k3y9/admin/dashboard/",
      "/rest/V1",
      "/rest/V1/",
      "/rest/default/V1",
      "/REST/default/V1/orders",
    ];
    for (const suffix of suffixes) {
      const orders = await collectOrders(connectorAt(store, `${store.storeUrl}${suffix}`), MAY);
      expect(orders.map((order) => order.orderId)).toEqual(["1001", "1002", "1003"]);
    }
    expect(orderPaths(store)).toEqual(["/rest/default/V1/orders"]);
  });

  it("takes the store code of a pasted API address", async () => {
    const store = await storeWithOrders({ storeCode: "de_ch" });
    const report = await connectorAt(store, `${store.storeUrl}/rest/de_ch/V1/`).testConnection();
    expect(report.orderCount).toBe(3);
    expect(orderPaths(store)).toEqual(["/rest/de_ch/V1/orders"]);
  });

  it("lets an explicit store code win over the address", async () => {
    const store = await storeWithOrders({ storeCode: "de_ch" });
    const connector = magentoConnectorFor(store, {
      storeUrl: parseStoreAddress(`${store.storeUrl}/rest/default/V1`),
      storeCode: "de_ch",
    });
    await collectOrders(connector, MAY);
    expect(orderPaths(store)).toEqual(["/rest/de_ch/V1/orders"]);
  });

  it("keeps the folder of a store in a subfolder", async () => {
    const store = await storeWithOrders({ basePath: "/shop" });
    for (const suffix of ["", "/", "/admin/sales/order/", "/rest/default/V1", "/rest/V1/"]) {
      const orders = await collectOrders(connectorAt(store, `${store.storeUrl}${suffix}`), MAY);
      expect(orders).toHaveLength(3);
    }
    expect(orderPaths(store)).toEqual(["/shop/rest/default/V1/orders"]);
  });

  it("keeps index.php before an admin path", async () => {
    const store = await storeWithOrders({ basePath: "/index.php" });
    const orders = await collectOrders(connectorAt(store, `${store.storeUrl}/admin/sales/order/`), MAY);
    expect(orders).toHaveLength(3);
    expect(orderPaths(store)).toEqual(["/index.php/rest/default/V1/orders"]);
  });

  it("logs the reduced address without the admin URL key", async () => {
    const store = await storeWithOrders();
    await connectorAt(store, `${store.storeUrl}/admin/sales/order/index/key/${ADMIN_URL_KEY}/`).testConnection();
    const reduced = logLines.find((line) => line.includes("[magento] store address reduced to the store"));
    expect(reduced).toContain("removedFrom=/admin");
    expect(logLines.join("\n")).not.toContain(ADMIN_URL_KEY);
  });

  it("names the address it tried when no API answers", async () => {
    const store = await storeWithOrders();
    const error = await failure(connectorAt(store, `${store.storeUrl}/backend`).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("/backend/rest/default/V1/orders");
    expect(error.message).toContain("storefront address");
  });

  it("names an unknown store code as an address problem", async () => {
    const store = await storeWithOrders();
    const error = await failure(connectorAt(store, `${store.storeUrl}/rest/fr/V1`).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("store view code");
  });

  it("reports a web page as a wrong address without retrying", async () => {
    const store = await storeWithOrders();
    const page = { status: 200, headers: { "content-type": "text/html; charset=UTF-8" }, body: "<!DOCTYPE html><html><body>Welcome</body></html>" };
    store.scriptReplies("orders", () => page, 10);
    const error = await failure(connectorAt(store, store.storeUrl).testConnection());
    expect(error.kind).toBe("invalid-address");
    expect(error.message).toContain("answered with a web page");
    expect(store.requestLog().filter((entry) => entry.path.endsWith("/orders"))).toHaveLength(1);
  });
});

type CredentialName = keyof MagentoCredentials;

const WRONG_VALUE_MESSAGES: [CredentialName, string][] = [
  ["consumerKey", "the consumer key is likely wrong"],
  ["consumerSecret", "the consumer secret or the access token secret is likely wrong"],
  ["accessToken", "the access token is likely wrong"],
  ["accessTokenSecret", "the consumer secret or the access token secret is likely wrong"],
];

describe("Magento credentials, one wrong at a time", () => {
  const styles = ["rest-messages", "problem-codes"] as const;
  for (const oauthErrors of styles) {
    for (const [name, expected] of WRONG_VALUE_MESSAGES) {
      it(`names a wrong ${name} from ${oauthErrors}`, async () => {
        const store = await storeWithOrders({ oauthErrors });
        const valid = magentoCredentialsOf(store);
        const wrong = { ...valid, [name]: garble(valid[name]) };
        const error = await failure(connectorAt(store, store.storeUrl, wrong).testConnection());
        expect(error.kind).toBe("credentials-rejected");
        expect(error.message).toContain(expected);
        expectNoSecret([...Object.values(valid), wrong[name]], error);
      });
    }
  }

  it("names a consumer key or token of the wrong length", async () => {
    const store = await storeWithOrders({ oauthErrors: "rest-messages" });
    const valid = magentoCredentialsOf(store);
    const shortKey = await failure(connectorAt(store, store.storeUrl, { ...valid, consumerKey: valid.consumerKey.slice(1) }).testConnection());
    expect(shortKey.message).toContain("the consumer key is likely wrong");
    const longToken = await failure(connectorAt(store, store.storeUrl, { ...valid, accessToken: `${valid.accessToken}0` }).testConnection());
    expect(longToken.message).toContain("the access token is likely wrong");
    expect(longToken.detail).toContain("HTTP 400");
  });

  it("reports revocation and clock skew in Magento's phrasing", async () => {
    const store = await storeWithOrders({ oauthErrors: "rest-messages" });
    const skewed = await failure(magentoConnectorFor(store, { now: () => Date.now() + 3_600_000 }).testConnection());
    expect(skewed.message).toContain("clock");
    store.revokeCredentials();
    const revoked = await failure(connectorAt(store, store.storeUrl).testConnection());
    expect(revoked.kind).toBe("credentials-rejected");
    expect(revoked.message).toContain("no longer accepts");
  });

  it("stops a listing when the token is revoked mid-run", async () => {
    const store = await storeWithOrders({ oauthErrors: "rest-messages" });
    store.updateOrder("1001", { financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-02T00:00:00Z", amount: "1.00" }] });
    store.scriptReplies("orders", (reply) => {
      store.revokeCredentials();
      return reply;
    });
    const error = await failure(collectOrders(connectorAt(store, store.storeUrl), MAY));
    expect(error.kind).toBe("credentials-rejected");
    expect(error.detail).toContain("/V1/creditmemos");
    expect(logLines.some((line) => line.includes("credit memos not readable"))).toBe(false);
  });

  it("accepts values pasted with spaces and line breaks around them", async () => {
    const store = await storeWithOrders();
    const valid = magentoCredentialsOf(store);
    const padded = {
      consumerKey: ` ${valid.consumerKey}\n`,
      consumerSecret: `\t${valid.consumerSecret} `,
      accessToken: `\u00a0${valid.accessToken}\r\n`,
      accessTokenSecret: `\ufeff${valid.accessTokenSecret}`,
    };
    const report = await connectorAt(store, store.storeUrl, padded).testConnection();
    expect(report.orderCount).toBe(3);
  });

  const insideCases: [string, CredentialName, (value: string) => string, string][] = [
    ["a space", "consumerSecret", (value) => `${value.slice(0, 8)} ${value.slice(8)}`, "consumer secret contains a space"],
    ["a line break", "accessTokenSecret", (value) => `${value.slice(0, 8)}\n${value.slice(8)}`, "access token secret contains a space"],
    ["a non-breaking space", "consumerKey", (value) => `${value.slice(0, 8)}\u00a0${value.slice(8)}`, "consumer key contains a space"],
    ["a zero-width space", "accessToken", (value) => `${value.slice(0, 8)}\u200b${value.slice(8)}`, "access token contains a character that is not a letter"],
  ];
  for (const [label, name, spoil, expected] of insideCases) {
    it(`rejects ${label} inside a value before sending`, async () => {
      const store = await storeWithOrders();
      const valid = magentoCredentialsOf(store);
      const spoiled = { ...valid, [name]: spoil(valid[name]) };
      let caught: unknown = null;
      try {
        connectorAt(store, store.storeUrl, spoiled);
      } catch (error) {
        caught = error;
      }
      if (!(caught instanceof CartError)) throw new Error(`expected a CartError, got ${String(caught)}`);
      expect(caught.kind).toBe("credentials-rejected");
      expect(caught.message).toContain(expected);
      expect(store.requestLog()).toHaveLength(0);
      expectNoSecret(Object.values(valid), caught);
    });
  }

  it("masks an access token that an error page echoes", async () => {
    const store = await storeWithOrders();
    store.scriptReplies("orders", (_reply, request) => ({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: `Bad request, headers were: ${request.headers.authorization ?? ""}` }),
    }));
    const error = await failure(connectorAt(store, store.storeUrl).testConnection());
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("[redacted]");
    expectNoSecret(Object.values(magentoCredentialsOf(store)), error);
  });
});
