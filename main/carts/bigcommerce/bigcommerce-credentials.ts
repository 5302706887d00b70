import { CartError } from "../cart-error.js";
import { registerSecret } from "../../logging/logger.js";
import type { CredentialField } from "../woocommerce/woocommerce-credentials.js";

/** The access token of a store-level API account; it never expires until the account is deleted. */
export type BigCommerceCredentials = {
  accessToken: string;
};

export const BIGCOMMERCE_CREDENTIAL_FIELDS: readonly CredentialField[] = [
  {
    name: "storeUrl",
    label: "API path",
    help: "Shown when you create a store-level API account under Settings › Store-level API accounts, such as https://api.bigcommerce.com/stores/abc123/v3/.",
    secret: false,
  },
  {
    name: "accessToken",
    label: "Access token",
    help: "Shown once when the API account with read-only Orders access is created, and also in the text file the control panel downloads then.",
    secret: true,
  },
];

/** Where one store's APIs live, derived from the API path the merchant copies. */
export type BigCommerceApiBase = {
  storeHash: string;
  /** Such as https://api.bigcommerce.com/stores/abc123/v2/ */
  v2: URL;
  v3: URL;
};

const API_HOST = "api.bigcommerce.com";
const STORE_PATH = /^\/stores\/([a-z0-9]+)(?:\/v[23])?\/?$/i;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Reads the store hash from the API path. The merchant copies the V3 path;
 * orders are listed through V2 at the same store, so both bases are derived.
 * Loopback hosts are accepted for the simulator.
 */
export function parseBigCommerceApiPath(storeUrl: URL): BigCommerceApiBase {
  const match = STORE_PATH.exec(storeUrl.pathname);
  if (!match) {
    throw new CartError(
      "invalid-address",
      `${storeUrl.href} is not a BigCommerce API path. Copy the API path of the store-level API account, which looks like https://${API_HOST}/stores/abc123/v3/.`,
    );
  }
  if (storeUrl.hostname !== API_HOST && !LOOPBACK.test(storeUrl.hostname)) {
    throw new CartError(
      "invalid-address",
      `BigCommerce API paths are on ${API_HOST}, not on ${storeUrl.hostname}. Copy the API path of the store-level API account instead of the shop's address.`,
    );
  }
  const storeHash = match[1]!.toLowerCase();
  const base = `${storeUrl.origin}/stores/${storeHash}`;
  return { storeHash, v2: new URL(`${base}/v2/`), v3: new URL(`${base}/v3/`) };
}

/** Trims the token, checks that it is there and registers it with the logger. */
export function checkBigCommerceCredentials(
  credentials: BigCommerceCredentials,
): BigCommerceCredentials {
  const accessToken = credentials.accessToken.trim();
  registerSecret(accessToken);
  if (!accessToken) {
    throw new CartError(
      "credentials-rejected",
      "The access token is missing. Enter the access token of the store-level API account.",
    );
  }
  if (/\s/.test(accessToken)) {
    throw new CartError(
      "credentials-rejected",
      "The access token contains spaces, so it was probably copied with other text. Copy the access token alone and try again.",
    );
  }
  return { accessToken };
}
