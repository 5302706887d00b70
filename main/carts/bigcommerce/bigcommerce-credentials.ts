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

/** The base addresses of one store's APIs, derived from the API path the merchant copies. */
export type BigCommerceApiBase = {
  storeHash: string;
  /** Such as https://api.bigcommerce.com/stores/abc123/v2/ */
  v2: URL;
  v3: URL;
};

const API_HOST = "api.bigcommerce.com";
const ACCOUNTS_PAGE = "Settings › Store-level API accounts";
/** The API path, with any endpoint the merchant copied along after v2 or v3. */
const STORE_PATH = /^\/stores\/([a-z0-9]+)(?:\/v[23](?:\/.*)?)?\/?$/i;
/** The store's permanent domain, such as its control panel address, which contains the store hash. */
const PERMANENT_DOMAIN = /^store-([a-z0-9]+)\.mybigcommerce\.com$/i;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function baseOf(origin: string, storeHash: string): BigCommerceApiBase {
  const hash = storeHash.toLowerCase();
  const base = `${origin}/stores/${hash}`;
  return { storeHash: hash, v2: new URL(`${base}/v2/`), v3: new URL(`${base}/v3/`) };
}

/**
 * Reads the store hash from the API path. The merchant copies the V3 path;
 * orders are listed through V2 at the same store, so both bases are derived.
 * The store's own store-{hash}.mybigcommerce.com address (its control panel
 * or storefront, also the base of the legacy API) carries the same hash, so
 * it leads to the API path too. Loopback hosts are accepted for the simulator.
 */
export function parseBigCommerceApiPath(storeUrl: URL): BigCommerceApiBase {
  const permanent = PERMANENT_DOMAIN.exec(storeUrl.hostname);
  if (permanent) return baseOf(`https://${API_HOST}`, permanent[1]!);

  const isApiHost = storeUrl.hostname === API_HOST || LOOPBACK.test(storeUrl.hostname);
  const match = STORE_PATH.exec(storeUrl.pathname);
  if (!isApiHost) {
    throw new CartError(
      "invalid-address",
      `${storeUrl.origin} is the shop's address, not a BigCommerce API path. In the BigCommerce control panel, open ${ACCOUNTS_PAGE}, then open or create the account with read-only Orders access. Its API path looks like https://${API_HOST}/stores/abc123/v3/. Enter that path here.`,
    );
  }
  if (!match) {
    throw new CartError(
      "invalid-address",
      `${storeUrl.href} is not a BigCommerce API path, which looks like https://${API_HOST}/stores/abc123/v3/. Copy it from the API account under ${ACCOUNTS_PAGE} in the BigCommerce control panel.`,
    );
  }
  return baseOf(storeUrl.origin, match[1]!);
}

/** Zero-width characters and the byte order mark, which copying from a web page or a PDF can add unseen. */
const INVISIBLE_CHARACTERS = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Cleans the token, checks that it is there and registers it with the
 * logger. A character outside printable ASCII cannot go into the
 * X-Auth-Token header, and the request would fail before it left with what
 * looks like a network error, so such a token is rejected here.
 */
export function checkBigCommerceCredentials(
  credentials: BigCommerceCredentials,
): BigCommerceCredentials {
  const accessToken = credentials.accessToken
    .replace(INVISIBLE_CHARACTERS, "")
    .trim();
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
  if (!/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new CartError(
      "credentials-rejected",
      "The access token contains characters that BigCommerce tokens never have, so it was probably copied with other text or retyped. Copy the access token alone from the text file BigCommerce downloaded when the API account was created, and try again.",
    );
  }
  return { accessToken };
}
