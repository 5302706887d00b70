import got from "got";
import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { magentoRestUrl } from "../../main/carts/magento/magento-api.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import {
  checkMagentoCredentials,
  MAGENTO_CREDENTIAL_FIELDS,
} from "../../main/carts/magento/magento-credentials.js";
import {
  oauthAuthorizationHeader,
  oauthPercentEncode,
  signatureBaseString,
} from "../../main/carts/magento/oauth-signature.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { checkOAuthRequest } from "../simulators/magento/magento-oauth-check.js";
import { MAGENTO_ACL, startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { failureOf, magentoConnectorFor, magentoCredentialsOf } from "../simulators/magento/magento-test-kit.js";

const CREDENTIALS = {
  consumerKey: "ck1",
  consumerSecret: "cs&1",
  accessToken: "at1",
  accessTokenSecret: "ts 1",
};

let simulator: MagentoSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

describe("Magento OAuth 1.0a signing", () => {
  it("percent-encodes every reserved character", () => {
    expect(oauthPercentEncode("a b!*'()~._-")).toBe("a%20b%21%2A%27%28%29~._-");
    expect(oauthPercentEncode("Zürich/[0]")).toBe("Z%C3%BCrich%2F%5B0%5D");
  });

  it("sorts parameters by name and then value", () => {
    const url = new URL("http://Example.test:8080/rest/V1/orders?b=2&a=2&a=1&a-b=0");
    const base = signatureBaseString("get", url, { oauth_nonce: "n" });
    expect(base).toBe(
      "GET&http%3A%2F%2Fexample.test%3A8080%2Frest%2FV1%2Forders&a%3D1%26a%3D2%26a-b%3D0%26b%3D2%26oauth_nonce%3Dn",
    );
  });

  it("produces signatures the store's check accepts", () => {
    const url = new URL(
      "http://127.0.0.1:9/rest/default/V1/orders?searchCriteria[filter_groups][0][filters][0][value]=2024-05-01 00:00:00",
    );
    const header = oauthAuthorizationHeader({
      method: "GET",
      url,
      credentials: CREDENTIALS,
      timestampSeconds: 1_700_000_000,
      nonce: "abc",
    });
    const check = (target: string, nonces = new Set<string>()) =>
      checkOAuthRequest({
        method: "GET",
        host: url.host,
        target,
        header,
        secrets: CREDENTIALS,
        revoked: false,
        nowSeconds: 1_700_000_100,
        toleranceSeconds: 600,
        seenNonces: nonces,
      });
    expect(check(`${url.pathname}${url.search}`)).toBeNull();
    expect(check(`${url.pathname}?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=2024-05-01+00%3A00%3A00`)).toBeNull();
    expect(check(`${url.pathname}?searchCriteria[pageSize]=1`)).toBe("signature_invalid");
    const nonces = new Set<string>();
    expect(check(`${url.pathname}${url.search}`, nonces)).toBeNull();
    expect(check(`${url.pathname}${url.search}`, nonces)).toBe("nonce_used");
  });

  it("signs with HMAC-SHA256 and all four values", () => {
    const header = oauthAuthorizationHeader({
      method: "GET",
      url: new URL("http://127.0.0.1/rest/V1/orders"),
      credentials: CREDENTIALS,
      timestampSeconds: 1,
      nonce: "n",
    });
    expect(header).toMatch(/^OAuth /);
    expect(header).toContain('oauth_signature_method="HMAC-SHA256"');
    expect(header).toContain('oauth_consumer_key="ck1"');
    expect(header).toContain('oauth_token="at1"');
    expect(header).not.toContain("cs&1");
  });
});

describe("Magento REST addresses", () => {
  it("keeps a store folder in the path", () => {
    const url = magentoRestUrl(parseStoreAddress("https://shop.example.com/shop/"), "default", "orders");
    expect(url.href).toBe("https://shop.example.com/shop/rest/default/V1/orders");
  });

  it("builds a path for a bare host", () => {
    const url = magentoRestUrl(parseStoreAddress("shop.example.com"), "de", "store/storeConfigs");
    expect(url.href).toBe("https://shop.example.com/rest/de/V1/store/storeConfigs");
  });
});

describe("Magento credentials", () => {
  it("describes the address and four values", () => {
    expect(MAGENTO_CREDENTIAL_FIELDS.map((field) => field.name)).toEqual([
      "storeUrl",
      "consumerKey",
      "consumerSecret",
      "accessToken",
      "accessTokenSecret",
    ]);
    const secrets = MAGENTO_CREDENTIAL_FIELDS.filter((field) => field.secret).map((field) => field.name);
    expect(secrets).toEqual(["consumerSecret", "accessToken", "accessTokenSecret"]);
    for (const field of MAGENTO_CREDENTIAL_FIELDS.slice(1)) expect(field.help).toMatch(/Integrations/);
  });

  it("rejects a missing token secret by name", () => {
    const error = (() => {
      try {
        checkMagentoCredentials({ ...CREDENTIALS, accessTokenSecret: " " }, "oauth1");
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).message).toContain("access token secret is missing");
  });
});

describe("Magento authentication over HTTP", () => {
  it("connects with signed requests", async () => {
    simulator = await startMagentoSimulator();
    simulator.addOrders(generateSeedOrders({ count: 3, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 }));
    const report = await magentoConnectorFor(simulator).testConnection();
    expect(report.orderCount).toBe(3);
    const authorization = simulator.requestLog().map((entry) => entry.headers.authorization);
    expect(authorization.every((value) => value === "[present]")).toBe(true);
  });

  it("explains a rejected bearer token", async () => {
    simulator = await startMagentoSimulator();
    const error = await failureOf(magentoConnectorFor(simulator, { authMode: "bearer" }).testConnection());
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("credentials-rejected");
    expect((error as CartError).message).toContain("standalone Bearer tokens");
  });

  it("accepts a bearer token where the store allows it", async () => {
    simulator = await startMagentoSimulator({ allowBearer: true });
    const report = await magentoConnectorFor(simulator, { authMode: "bearer" }).testConnection();
    expect(report.platform).toBe("magento");
  });

  it("reports a wrong consumer secret as a bad signature", async () => {
    simulator = await startMagentoSimulator();
    const credentials = { ...magentoCredentialsOf(simulator), consumerSecret: "0".repeat(32) };
    const error = await failureOf(magentoConnectorFor(simulator, { credentials }).testConnection());
    expect((error as CartError).kind).toBe("credentials-rejected");
    expect((error as CartError).message).toContain("signature");
    expect((error as CartError).message).not.toContain(simulator.credentials.consumerSecret!);
  });

  it("reports a skewed clock", async () => {
    simulator = await startMagentoSimulator();
    const now = () => Date.now() - 3_600_000;
    const error = await failureOf(magentoConnectorFor(simulator, { now }).testConnection());
    expect((error as CartError).message).toContain("clock");
    expect((error as CartError).detail).toContain("HTTP 400");
  });

  it("re-signs each retry with a fresh nonce", async () => {
    simulator = await startMagentoSimulator();
    simulator.injectFault({ kind: "status", status: 503, times: 2 });
    const report = await magentoConnectorFor(simulator).testConnection();
    expect(report.orderCount).toBe(0);
    const statuses = simulator.requestLog().filter((entry) => entry.path.endsWith("/orders")).map((entry) => entry.status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("store rejects a repeated nonce", async () => {
    simulator = await startMagentoSimulator();
    const url = new URL(`${simulator.storeUrl}/rest/default/V1/orders?searchCriteria[pageSize]=1`);
    const authorization = oauthAuthorizationHeader({
      method: "GET",
      url,
      credentials: magentoCredentialsOf(simulator),
      timestampSeconds: Math.floor(Date.now() / 1000),
      nonce: "same-nonce",
    });
    const send = () => got(url, { headers: { authorization }, throwHttpErrors: false, retry: { limit: 0 } });
    expect((await send()).statusCode).toBe(200);
    const second = await send();
    expect(second.statusCode).toBe(401);
    expect(second.body).toContain("The nonce is already being used");
  });

  it("reports revoked credentials", async () => {
    simulator = await startMagentoSimulator();
    const connector = magentoConnectorFor(simulator);
    await connector.testConnection();
    simulator.revokeCredentials();
    const error = await failureOf(connector.testConnection());
    expect((error as CartError).kind).toBe("credentials-rejected");
    expect((error as CartError).isCredentialAlert).toBe(true);
    expect((error as CartError).message).toContain("no longer accepts");
  });

  it("names the missing orders resource", async () => {
    simulator = await startMagentoSimulator({ aclResources: [MAGENTO_ACL.stores] });
    const error = await failureOf(magentoConnectorFor(simulator).testConnection());
    expect((error as CartError).kind).toBe("permission-missing");
    expect((error as CartError).message).toContain("Magento_Sales::actions_view");
    expect((error as CartError).message).toContain("Sales › Operations › Orders");
  });
});
