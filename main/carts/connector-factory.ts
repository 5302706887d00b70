import type { StoredStore } from "../settings/settings-store.js";
import type { RetryPolicy } from "../http/retry-policy.js";
import type { CartConnector } from "./connector.js";
import { CartError } from "./cart-error.js";
import { completeFieldSet, PLATFORM_LABELS } from "./credential-fields.js";
import { createDemoConnector } from "./demo/demo-store.js";
import { createBigCommerceConnector } from "./bigcommerce/bigcommerce-connector.js";
import { createMagentoConnector } from "./magento/magento-connector.js";
import { createPrestaShopConnector } from "./prestashop/prestashop-connector.js";
import { createShopifyConnector } from "./shopify/shopify-connector.js";
import { createWooCommerceConnector } from "./woocommerce/woocommerce-connector.js";
import { parseStoreAddress } from "./store-address.js";

export type ConnectorEnvironment = {
  /** Reads one stored credential field of the store. */
  readCredential: (field: string) => Promise<string | null>;
  demoOpenedAtMs: number;
  retryPolicy?: RetryPolicy;
  now?: () => number;
};

/** Creates the connector of the stored store, with its credentials read from the keychain. */
export async function createConnector(store: StoredStore, environment: ConnectorEnvironment): Promise<CartConnector> {
  if (store.platform === "demo") {
    return createDemoConnector({ openedAtMs: environment.demoOpenedAtMs, now: environment.now });
  }

  const values: Record<string, string> = {};
  for (const field of store.credentialFields) {
    const value = await environment.readCredential(field);
    if (value) values[field] = value;
  }
  const fields = completeFieldSet(store.platform, (field) => Boolean(values[field]));
  if (!fields) {
    throw new CartError(
      "credentials-rejected",
      `The ${PLATFORM_LABELS[store.platform]} credentials are missing from the keychain. Enter them again in the Connect step.`,
    );
  }
  const storeUrl = parseStoreAddress(store.storeUrl);
  const common = { storeUrl, retryPolicy: environment.retryPolicy, now: environment.now };

  switch (store.platform) {
    case "shopify":
      return createShopifyConnector({
        ...common,
        credentials: values.accessToken
          ? { kind: "access-token", accessToken: values.accessToken }
          : { kind: "client-credentials", clientId: values.clientId!, clientSecret: values.clientSecret! },
      });
    case "woocommerce":
      return createWooCommerceConnector({ ...common, credentials: { consumerKey: values.consumerKey!, consumerSecret: values.consumerSecret! } });
    case "bigcommerce":
      return createBigCommerceConnector({ ...common, credentials: { accessToken: values.accessToken! } });
    case "magento":
      return createMagentoConnector({
        ...common,
        credentials: {
          consumerKey: values.consumerKey!,
          consumerSecret: values.consumerSecret!,
          accessToken: values.accessToken!,
          accessTokenSecret: values.accessTokenSecret!,
        },
      });
    case "prestashop":
      return createPrestaShopConnector({ ...common, credentials: { webserviceKey: values.webserviceKey! } });
  }
}
