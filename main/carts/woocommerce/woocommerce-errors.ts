import { CartError } from "../cart-error.js";
import type { WooErrorBody } from "./woocommerce-payload.js";
import { formatSiteAddress, wooSiteAddress } from "./woocommerce-store-address.js";

const KEYS_PAGE = "WooCommerce › Settings › Advanced › REST API";

/** Returns true for the errors WooCommerce returns when it read no credentials at all. */
export function isAnonymousRejection(status: number, body: WooErrorBody): boolean {
  if (status !== 401) return false;
  return (
    body.code === "woocommerce_rest_cannot_view" ||
    /missing/i.test(body.message ?? "")
  );
}

/**
 * Turns a WooCommerce error response into a CartError. The detail carries the
 * platform's status and code, which never contain the keys.
 */
export function wooErrorToCartError(
  status: number,
  body: WooErrorBody,
  where: string,
): CartError {
  const code = body.code ?? "no code";
  const message = body.message ?? "";
  const detail = `HTTP ${status} ${code} "${message}" from ${where}`;

  if (/read permission/i.test(message)) {
    return new CartError(
      "permission-missing",
      `The REST API key has no read permission, so it cannot list orders. Edit the key under ${KEYS_PAGE} and set its permission to Read or Read/Write, then test again.`,
      detail,
    );
  }
  if (status === 401 && /secret/i.test(message)) {
    return new CartError(
      "credentials-rejected",
      "WooCommerce rejected the consumer secret for this consumer key. Copy the secret again, or create a new key if the secret was lost, then test again.",
      detail,
    );
  }
  if (status === 401 && code === "woocommerce_rest_cannot_view") {
    return new CartError(
      "credentials-rejected",
      `WooCommerce did not recognise the consumer key, neither in the Authorization header nor as query parameters. Check that the key exists under ${KEYS_PAGE} and that its WordPress user still exists, then test again.`,
      detail,
    );
  }
  if (status === 401) {
    return new CartError(
      "credentials-rejected",
      `WooCommerce rejected the REST API key ("${message}"). Check the key under ${KEYS_PAGE} and test again.`,
      detail,
    );
  }
  if (status === 403) {
    return new CartError(
      "permission-missing",
      "The WordPress user who owns this REST API key may not view orders. Create the key for a shop manager or administrator, then test again.",
      detail,
    );
  }
  if (status === 404 && code === "rest_no_route") {
    return new CartError(
      "invalid-address",
      "The site has no WooCommerce REST API at /wp-json/wc/v3. Check the store address, that WooCommerce is active, and that permalinks are not set to Plain, then test again.",
      detail,
    );
  }
  if (status === 404) {
    return new CartError(
      "invalid-address",
      "The store address answered 404 for the WordPress REST API. Check the store address and that permalinks are not set to Plain, then test again.",
      detail,
    );
  }
  return new CartError(
    "bad-response",
    `WooCommerce answered HTTP ${status} (${code}). Try again; if it persists, a security plugin or firewall may be blocking the REST API.`,
    detail,
  );
}

/**
 * Explains a redirect, which the client does not follow because it would
 * carry the keys to another address. The usual cause is a host that sends
 * the bare domain to www, or the reverse. The target is shown without its
 * query, which can echo the keys.
 */
export function redirectError(
  status: number,
  location: string | undefined,
  requestUrl: URL,
  storeUrl: URL,
): CartError {
  const entered = formatSiteAddress(storeUrl);
  const detail = `HTTP ${status} from ${requestUrl.origin}${requestUrl.pathname}`;
  let target: URL | null = null;
  try {
    target = location ? new URL(location, requestUrl) : null;
  } catch {
    target = null;
  }
  if (!target) {
    return new CartError(
      "invalid-address",
      `The store address ${entered} responded with a redirect (HTTP ${status}) that names no new address. Open the store in a browser, copy the address it ends up at, enter it as the store address and test again.`,
      detail,
    );
  }
  const site = formatSiteAddress(wooSiteAddress(target));
  return new CartError(
    "invalid-address",
    `The store address ${entered} redirects to ${site}. Enter ${site} as the store address, then test again.`,
    `${detail} to ${target.origin}${target.pathname}`,
  );
}

/** Explains an index that came back as a web page: the address is not the WordPress site, or a plugin hides its REST API. */
export function notWordPressError(storeUrl: URL, where: string): CartError {
  return new CartError(
    "invalid-address",
    `${formatSiteAddress(storeUrl)}/wp-json/ returned a web page instead of the WordPress REST API, so the address is probably not the WordPress site, or a security plugin hides its REST API. Enter the home page address of the WordPress site that runs WooCommerce, such as https://shop.example.com, then test again.`,
    `HTTP 200 text/html from ${where}`,
  );
}
