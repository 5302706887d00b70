import { CartError } from "../cart-error.js";
import type { OAuthCredentials } from "./oauth-signature.js";

export type MagentoCredentials = OAuthCredentials;

/**
 * Authentication of requests. "oauth1" signs each request with the four
 * integration values, which works on every Magento 2.4 store. "bearer" sends
 * the access token alone, which Magento rejects unless the merchant turned on
 * standalone bearer tokens. Integrators report that this became off by
 * default in 2.4.4.
 */
export type MagentoAuthMode = "oauth1" | "bearer";

/** One input of the wizard's connection form, in the shape the other platforms use. */
export type CredentialField = {
  name: string;
  label: string;
  /** One sentence on where the merchant finds the value. */
  help: string;
  /** True for values that go to the keychain and are masked on screen. */
  secret: boolean;
};

const WHERE =
  "in the Magento admin under System › Extensions › Integrations, where Edit on the activated integration shows it under Integration Details";

/** The fields of the wizard's credential form for Magento 2 and Adobe Commerce. */
export const MAGENTO_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    name: "storeUrl",
    label: "Store address",
    help: "The address of the Magento storefront, such as https://shop.example.com, with its folder if Magento runs in one (https://example.com/shop).",
    secret: false,
  },
  {
    name: "consumerKey",
    label: "Consumer key",
    help: `Shown ${WHERE}; the integration needs the API resource Sales › Operations › Orders.`,
    secret: false,
  },
  {
    name: "consumerSecret",
    label: "Consumer secret",
    help: `Shown ${WHERE}, below the consumer key.`,
    secret: true,
  },
  {
    name: "accessToken",
    label: "Access token",
    help: `Shown ${WHERE} after you activate the integration.`,
    secret: true,
  },
  {
    name: "accessTokenSecret",
    label: "Access token secret",
    help: `Shown ${WHERE}, below the access token.`,
    secret: true,
  },
];

const WHERE_SHORT = "System › Extensions › Integrations › Edit › Integration Details";

const FIELD_LABELS = new Map<string, string>(
  MAGENTO_CREDENTIAL_FIELDS.map((field) => [field.name, field.label]),
);

/**
 * Checks that every value the chosen mode needs is present. Magento shows
 * the values as 32 lowercase letters and digits, but a store can be
 * configured otherwise, so only emptiness, inner spaces and characters
 * outside printable ASCII are rejected.
 */
export function checkMagentoCredentials(
  credentials: MagentoCredentials,
  mode: MagentoAuthMode,
): void {
  const needed: (keyof MagentoCredentials)[] =
    mode === "bearer"
      ? ["accessToken"]
      : ["consumerKey", "consumerSecret", "accessToken", "accessTokenSecret"];
  for (const name of needed) {
    const value = credentials[name]?.trim() ?? "";
    const label = FIELD_LABELS.get(name) ?? name;
    if (!value) {
      throw new CartError(
        "credentials-rejected",
        `The Magento ${label.toLowerCase()} is missing. Copy it from System › Extensions › Integrations › Edit › Integration Details and test again.`,
        `missing ${name}`,
      );
    }
    if (/\s/.test(value)) {
      throw new CartError(
        "credentials-rejected",
        `The Magento ${label.toLowerCase()} contains a space. Copy it again without spaces or line breaks and test again.`,
        `whitespace in ${name}`,
      );
    }
    // Printable ASCII only: a zero-width space pasted from a web page or PDF
    // survives trim() and would make Magento reject a value that looks right.
    if (/[^\x21-\x7e]/.test(value)) {
      throw new CartError(
        "credentials-rejected",
        `The Magento ${label.toLowerCase()} contains a character that is not a letter, digit or punctuation mark, such as an invisible one copied from a web page or document. Copy it again from ${WHERE_SHORT} and test again.`,
        `non-printable character in ${name}`,
      );
    }
  }
}
