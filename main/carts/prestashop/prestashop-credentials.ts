import { CartError } from "../cart-error.js";

export type PrestaShopCredentials = {
  webserviceKey: string;
};

/**
 * Transport of the key. "auto" sends it as Basic authentication and moves it
 * to the ws_key query parameter when the web server strips the Authorization
 * header. "header" never moves it, and "query" always uses ws_key.
 */
export type PrestaShopKeyTransport = "auto" | "header" | "query";

/** One input of the wizard's connection form, in the shape the other platforms use. */
export type CredentialField = {
  name: string;
  label: string;
  /** One sentence on where the merchant finds the value. */
  help: string;
  /** True for values that go to the keychain and are masked on screen. */
  secret: boolean;
};

/** The fields of the wizard's credential form for PrestaShop 1.7, 8 and 9. */
export const PRESTASHOP_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    name: "storeUrl",
    label: "Shop address",
    help: "The address of the PrestaShop shop, such as https://shop.example.com, with its folder if the shop runs in one (https://example.com/tienda).",
    secret: false,
  },
  {
    name: "webserviceKey",
    label: "Webservice key",
    help: "Create it in the PrestaShop back office under Advanced Parameters › Webservice (turn the webservice on there first) with View (GET) on orders, order_details, order_states, order_histories, order_slip, order_cart_rules, customers, addresses, countries, states, currencies, carriers and configurations.",
    secret: true,
  },
];

/**
 * Checks the key's form: PrestaShop generates keys of 32 letters and digits
 * and rejects other lengths (code 18).
 */
export function checkPrestaShopCredentials(credentials: PrestaShopCredentials): void {
  const key = credentials.webserviceKey?.trim() ?? "";
  if (!key) {
    throw new CartError(
      "credentials-rejected",
      "The PrestaShop webservice key is missing. Copy it from Advanced Parameters › Webservice and test again.",
      "missing webserviceKey",
    );
  }
  if (!/^[A-Za-z0-9]+$/.test(key)) {
    throw new CartError(
      "credentials-rejected",
      "A PrestaShop webservice key has only letters and digits, but the one entered also contains a space, a punctuation mark or an invisible character. Copy the key again from Advanced Parameters › Webservice and test again.",
      `webserviceKey with a character outside A-Z, a-z and 0-9`,
    );
  }
  if (key.length !== 32) {
    throw new CartError(
      "credentials-rejected",
      `A PrestaShop webservice key has 32 letters and digits, but the one entered has ${key.length} characters. Copy the whole key from Advanced Parameters › Webservice and test again.`,
      `webserviceKey of length ${key.length}`,
    );
  }
}
