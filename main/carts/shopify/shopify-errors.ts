import { CartError } from "../cart-error.js";
import { describeUrl, header, type HttpResponse } from "../../http/http-client.js";
import type { ShopifyCredentials } from "./shopify-api.js";

/**
 * Thrown when Shopify refuses a query as too costly (MAX_COST_EXCEEDED), so
 * that the listing can ask again with a smaller page.
 */
export class QueryCostTooHighError extends CartError {
  constructor(
    readonly requestedCost: number,
    readonly maxCost: number,
    detail: string,
  ) {
    super(
      "bad-response",
      "Shopify refused to return even one order per request because the query is too costly. Report this to Cart Cutover support.",
      detail,
    );
  }
}

/** Thrown on a 401 from the Admin API, so that a token from client credentials can be renewed once. */
export class AccessTokenRejectedError extends CartError {
  constructor(message: string, detail: string) {
    super("credentials-rejected", message, detail);
  }
}

const TLS_CODES = [
  "CERT_",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_",
  "EPROTO",
];

/**
 * Rewrites a connection failure that the HTTP client reports with a TLS code
 * into a message about the certificate, and returns other errors unchanged.
 */
export function explainTlsFailure(error: unknown, storeUrl: URL): unknown {
  if (!(error instanceof CartError) || error.kind !== "unreachable") return error;
  const detail = error.detail ?? "";
  const code = TLS_CODES.find((prefix) => detail.includes(prefix));
  if (!code) return error;
  return new CartError(
    "unreachable",
    `No secure connection to ${storeUrl.host} could be made: its TLS certificate was not accepted or the server does not speak HTTPS. Check that the address is the store's https://…myshopify.com address; a proxy or antivirus program that inspects HTTPS can also cause this.`,
    detail,
  );
}

/**
 * Returns the CartError for a redirect response. Redirects are never
 * followed, so that the access token goes only to the address the user
 * entered. The message names where the store sent the request, which is
 * usually its myshopify.com address when a custom domain was entered.
 */
export function redirectedAddress(response: HttpResponse, url: URL): CartError {
  const location = header(response, "location");
  let target: URL | null = null;
  try {
    target = location ? new URL(location, url) : null;
  } catch {
    target = null;
  }
  const next = target?.hostname.endsWith(".myshopify.com")
    ? `Enter ${target.origin} as the store address and test the connection again.`
    : "Enter the store's myshopify.com address, such as https://your-store.myshopify.com, and test the connection again.";
  return new CartError(
    "invalid-address",
    `The address ${url.origin} forwards Admin API requests to ${target ? target.origin : "another address"}. Cart Cutover does not follow it, so that credentials go only to the address you entered. ${next}`,
    `HTTP ${response.status} to ${target ? describeUrl(target) : "no location"} from ${describeUrl(url)}`,
  );
}

/** Maps an HTTP status other than 2xx, 429 and 5xx to the CartError shown to the user. */
export function errorForStatus(
  response: HttpResponse,
  url: URL,
  credentials: ShopifyCredentials["kind"],
): CartError {
  const detail = `HTTP ${response.status} from ${describeUrl(url)}`;
  if (response.status >= 300 && response.status < 400) return redirectedAddress(response, url);
  switch (response.status) {
    case 401:
      return new AccessTokenRejectedError(
        credentials === "access-token"
          ? "Shopify rejected the access token. It may be mistyped, revoked, or belong to another store. Paste the store's current Admin API access token (it starts with shpat_) and test the connection again."
          : "Shopify rejected the access token issued for this app. The app may have been uninstalled or its client secret rotated. Check the client ID and secret in the app's settings and test the connection again.",
        detail,
      );
    case 402:
    case 423:
      return new CartError(
        "permission-missing",
        `Shopify refuses API access because the store is frozen, paused or locked (HTTP ${response.status}). The store owner must reactivate it in the Shopify admin before orders can be read.`,
        detail,
      );
    case 403:
      return new CartError(
        "permission-missing",
        "Shopify refused the request because the app lacks a permission. Give the app the read_orders access scope (and read_all_orders for orders older than 60 days), install the new version, and test the connection again.",
        detail,
      );
    case 404:
      return new CartError(
        "invalid-address",
        `No Shopify Admin API was found at ${url.origin}. Check the store address: use the store's myshopify.com address, such as https://your-store.myshopify.com.`,
        detail,
      );
    default:
      return new CartError(
        "bad-response",
        `Shopify returned an unexpected status (HTTP ${response.status}). Try again later; if it persists, report it to Cart Cutover support.`,
        detail,
      );
  }
}
