import { CartError } from "../cart-error.js";
import { registerSecret } from "../../logging/logger.js";

/** A WooCommerce REST API key pair, created per WordPress user in the shop's admin. */
export type WooCommerceCredentials = {
  consumerKey: string;
  consumerSecret: string;
};

/** One input of the wizard's connection form. */
export type CredentialField = {
  name: string;
  label: string;
  /** One sentence on where the merchant finds the value. */
  help: string;
  /** True for values that go to the keychain and are masked on screen. */
  secret: boolean;
};

export const WOOCOMMERCE_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    name: "storeUrl",
    label: "Store address",
    help: "The address of the WordPress site that runs WooCommerce, such as https://shop.example.com.",
    secret: false,
  },
  {
    name: "consumerKey",
    label: "Consumer key",
    help: "Create a key with Read permission under WooCommerce › Settings › Advanced › REST API and copy the value that starts with ck_.",
    secret: true,
  },
  {
    name: "consumerSecret",
    label: "Consumer secret",
    help: "Shown once beside the consumer key when the key is created; it starts with cs_.",
    secret: true,
  },
];

/** Zero-width characters and the byte order mark, which copying from a web page or a PDF can add unseen. */
const INVISIBLE_CHARACTERS = /[\u200b-\u200d\u2060\ufeff]/g;

/** Removes invisible characters, then whitespace at both ends. */
function cleanPasted(value: string): string {
  return value.replace(INVISIBLE_CHARACTERS, "").trim();
}

/**
 * Cleans the key pair, checks its shape and registers both values with the
 * logger. WooCommerce prefixes keys with ck_ and secrets with cs_; a swapped
 * pair is a common copy mistake, so it gets its own message.
 */
export function checkWooCommerceCredentials(
  credentials: WooCommerceCredentials,
): WooCommerceCredentials {
  const consumerKey = cleanPasted(credentials.consumerKey);
  const consumerSecret = cleanPasted(credentials.consumerSecret);
  registerSecret(consumerKey);
  registerSecret(consumerSecret);

  if (!consumerKey || !consumerSecret) {
    throw new CartError(
      "credentials-rejected",
      "The consumer key or consumer secret is missing. Enter both values of the REST API key.",
    );
  }
  if (consumerKey.startsWith("cs_") && consumerSecret.startsWith("ck_")) {
    throw new CartError(
      "credentials-rejected",
      "The consumer key and consumer secret are swapped. Enter the value that starts with ck_ as the key and the one that starts with cs_ as the secret.",
    );
  }
  if (/\s/.test(consumerKey) || /\s/.test(consumerSecret)) {
    throw new CartError(
      "credentials-rejected",
      "The consumer key or consumer secret contains a space or line break, so it was probably copied in pieces or with other text. Copy each value again in one piece from WooCommerce › Settings › Advanced › REST API.",
    );
  }
  if (!consumerKey.startsWith("ck_") || !consumerSecret.startsWith("cs_")) {
    throw new CartError(
      "credentials-rejected",
      "The consumer key must start with ck_ and the consumer secret with cs_. Copy both values again from WooCommerce › Settings › Advanced › REST API.",
    );
  }
  return { consumerKey, consumerSecret };
}
