import type { PlatformId } from "./cart-order.js";

/**
 * The credential fields each platform needs, by the names the wizard sends.
 * Shopify takes either a pasted Admin API token or a Dev Dashboard app's
 * client ID and secret.
 */
export const CREDENTIAL_FIELD_SETS: Record<PlatformId, string[][]> = {
  demo: [[]],
  shopify: [["accessToken"], ["clientId", "clientSecret"]],
  woocommerce: [["consumerKey", "consumerSecret"]],
  bigcommerce: [["accessToken"]],
  magento: [["consumerKey", "consumerSecret", "accessToken", "accessTokenSecret"]],
  prestashop: [["webserviceKey"]],
};

export const PLATFORM_LABELS: Record<PlatformId, string> = {
  demo: "Demo store",
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  bigcommerce: "BigCommerce",
  magento: "Magento 2",
  prestashop: "PrestaShop",
};

export function allCredentialFields(platform: PlatformId): string[] {
  return [...new Set(CREDENTIAL_FIELD_SETS[platform].flat())];
}

/** Returns the first complete field set among the given values, or null. */
export function completeFieldSet(platform: PlatformId, present: (field: string) => boolean): string[] | null {
  return CREDENTIAL_FIELD_SETS[platform].find((set) => set.every(present)) ?? null;
}
