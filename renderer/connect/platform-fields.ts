/**
 * The fields the Connect step shows for each platform. Credential field names
 * are the keys of `credentials` in connect:save, so main reads them by these
 * names.
 */
import type { PlatformId } from "../../main/carts/cart-order.js";

export type CredentialField = {
  /** Key in connect:save's `credentials`. */
  name: string;
  label: string;
  /** One line on where in the cart's admin the value is found. */
  hint: string;
  /**
   * Whether the input is a password input. Any stored value, secret or not,
   * shows only as "stored in the keychain".
   */
  secret: boolean;
};

/** One way to sign in to a platform. Shopify offers two. */
export type CredentialSet = {
  id: string;
  label: string;
  fields: CredentialField[];
};

export type StoreAddressField = {
  label: string;
  placeholder: string;
  hint: string;
};

export type PlatformFields = {
  platform: PlatformId;
  label: string;
  /** Null for the demo store, which has no address. */
  storeAddress: StoreAddressField | null;
  /** Sign-in choices, the default first. The demo store has none. */
  credentialSets: CredentialSet[];
};

const SHOP_ADDRESS: StoreAddressField = {
  label: "Store address",
  placeholder: "https://shop.example.com",
  hint: "The address of the shop's front page, starting with https://. Plain http:// works only for a store on this computer (localhost).",
};

/**
 * The platforms in select order. The demo store comes first, so a new user can
 * rehearse with no account.
 */
export const PLATFORM_FIELDS: PlatformFields[] = [
  {
    platform: "demo",
    label: "Demo store",
    storeAddress: null,
    credentialSets: [],
  },
  {
    platform: "shopify",
    label: "Shopify",
    storeAddress: {
      label: "Store address",
      placeholder: "https://your-store.myshopify.com",
      hint: "The store's myshopify.com address, shown under Settings › Domains.",
    },
    credentialSets: [
      {
        id: "access-token",
        label: "Admin API access token (legacy custom app)",
        fields: [
          {
            name: "accessToken",
            label: "Admin API access token",
            hint: "Shown once when the custom app was installed, under the app's API credentials. It starts with shpat_.",
            secret: true,
          },
        ],
      },
      {
        id: "client-credentials",
        label: "Dev Dashboard app (client ID and secret)",
        fields: [
          {
            name: "clientId",
            label: "Client ID",
            hint: "In the Shopify Dev Dashboard, open the app and then Settings. The app must belong to the store's organization.",
            secret: false,
          },
          {
            name: "clientSecret",
            label: "Client secret",
            hint: "On the same Settings page of the app, beside the client ID.",
            secret: true,
          },
        ],
      },
    ],
  },
  {
    platform: "woocommerce",
    label: "WooCommerce",
    storeAddress: SHOP_ADDRESS,
    credentialSets: [
      {
        id: "rest-key",
        label: "REST API key",
        fields: [
          {
            name: "consumerKey",
            label: "Consumer key",
            hint: "Created under WooCommerce › Settings › Advanced › REST API with Read permission. It starts with ck_.",
            secret: true,
          },
          {
            name: "consumerSecret",
            label: "Consumer secret",
            hint: "Shown once beside the consumer key when the key is created. It starts with cs_.",
            secret: true,
          },
        ],
      },
    ],
  },
  {
    platform: "bigcommerce",
    label: "BigCommerce",
    storeAddress: {
      label: "API path",
      placeholder: "https://api.bigcommerce.com/stores/abc123/v3/",
      hint: "Shown with the token when a store-level API account is created under Settings › Store-level API accounts.",
    },
    credentialSets: [
      {
        id: "api-account",
        label: "Store-level API account",
        fields: [
          {
            name: "accessToken",
            label: "Access token",
            hint: "Shown once when the API account is created. Give the account the Orders scope, read-only.",
            secret: true,
          },
        ],
      },
    ],
  },
  {
    platform: "magento",
    label: "Magento 2",
    storeAddress: SHOP_ADDRESS,
    credentialSets: [
      {
        id: "integration",
        label: "Integration",
        fields: [
          {
            name: "consumerKey",
            label: "Consumer key",
            hint: "Under System › Extensions › Integrations, activate the integration to see its four values.",
            secret: true,
          },
          {
            name: "consumerSecret",
            label: "Consumer secret",
            hint: "Shown with the consumer key on the integration's details.",
            secret: true,
          },
          {
            name: "accessToken",
            label: "Access token",
            hint: "Shown with the consumer key on the integration's details.",
            secret: true,
          },
          {
            name: "accessTokenSecret",
            label: "Access token secret",
            hint: "Shown with the consumer key on the integration's details.",
            secret: true,
          },
        ],
      },
    ],
  },
  {
    platform: "prestashop",
    label: "PrestaShop",
    storeAddress: SHOP_ADDRESS,
    credentialSets: [
      {
        id: "webservice-key",
        label: "Webservice key",
        fields: [
          {
            name: "webserviceKey",
            label: "Webservice key",
            hint: "Under Advanced Parameters › Webservice, enable the webservice and add a key of 32 characters with GET permission on orders and the resources they link to.",
            secret: true,
          },
        ],
      },
    ],
  },
];

export function platformFieldsOf(platform: PlatformId): PlatformFields {
  const fields = PLATFORM_FIELDS.find((entry) => entry.platform === platform);
  if (!fields) {
    throw new Error(`No Connect fields are defined for the platform "${platform}".`);
  }
  return fields;
}

/** Returns the credential set with this id, or the platform's first set. */
export function credentialSetOf(
  platform: PlatformId,
  credentialSetId: string,
): CredentialSet | null {
  const sets = platformFieldsOf(platform).credentialSets;
  return sets.find((set) => set.id === credentialSetId) ?? sets[0] ?? null;
}

/**
 * Picks the credential set to show first: the one whose fields are all
 * stored, so that a saved Dev Dashboard app reopens as one.
 */
export function initialCredentialSetId(
  platform: PlatformId,
  storedFieldNames: string[],
): string {
  const sets = platformFieldsOf(platform).credentialSets;
  const stored = sets.find(
    (set) =>
      set.fields.length > 0 &&
      set.fields.every((field) => storedFieldNames.includes(field.name)),
  );
  return stored?.id ?? sets[0]?.id ?? "";
}
