import { createBigCommerceConnector } from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import type { CartConnector } from "../../main/carts/connector.js";
import { createMagentoConnector } from "../../main/carts/magento/magento-connector.js";
import { createPrestaShopConnector } from "../../main/carts/prestashop/prestashop-connector.js";
import { createShopifyConnector } from "../../main/carts/shopify/shopify-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { createWooCommerceConnector } from "../../main/carts/woocommerce/woocommerce-connector.js";
import type { RetryPolicy } from "../../main/http/retry-policy.js";

/** The platforms whose simulators the sync suites run against. */
export const SYNC_PLATFORMS = ["shopify", "woocommerce", "bigcommerce", "magento", "prestashop"] as const;
export type SyncPlatform = (typeof SYNC_PLATFORMS)[number];

/** Where a connector finds its simulator, in a form that also travels to a child process as JSON. */
export type ConnectorAddress = {
  platform: SyncPlatform;
  storeUrl: string;
  /** The simulator's credentials, keyed as SimulatorControl.credentials keys them. */
  credentials: Record<string, string>;
};

function field(credentials: Record<string, string>, name: string): string {
  const value = credentials[name];
  if (value === undefined) throw new Error(`The simulator gave no credential named ${name}`);
  return value;
}

/** Builds the real connector of a platform against its simulator. */
export function connectorAt(address: ConnectorAddress, retryPolicy: RetryPolicy): CartConnector {
  const storeUrl = parseStoreAddress(address.storeUrl);
  const { credentials } = address;
  switch (address.platform) {
    case "shopify":
      return createShopifyConnector({
        storeUrl,
        credentials: { kind: "access-token", accessToken: field(credentials, "accessToken") },
        retryPolicy,
      });
    case "woocommerce":
      return createWooCommerceConnector({
        storeUrl,
        credentials: { consumerKey: field(credentials, "consumerKey"), consumerSecret: field(credentials, "consumerSecret") },
        retryPolicy,
      });
    case "bigcommerce":
      return createBigCommerceConnector({ storeUrl, credentials: { accessToken: field(credentials, "accessToken") }, retryPolicy });
    case "prestashop":
      return createPrestaShopConnector({ storeUrl, credentials: { webserviceKey: field(credentials, "webserviceKey") }, retryPolicy });
    case "magento":
      return createMagentoConnector({
        storeUrl,
        credentials: {
          consumerKey: field(credentials, "consumerKey"),
          consumerSecret: field(credentials, "consumerSecret"),
          accessToken: field(credentials, "accessToken"),
          accessTokenSecret: field(credentials, "accessTokenSecret"),
        },
        retryPolicy,
      });
  }
}
