import { CartError } from "../cart-error.js";

const MYSHOPIFY_SUFFIX = ".myshopify.com";
const ADMIN_HOST = "admin.shopify.com";
/** A store handle, the NAME in NAME.myshopify.com. */
const STORE_HANDLE = /^[a-z0-9][a-z0-9-]*$/;

const EXAMPLE = "https://your-store.myshopify.com";

function invalid(message: string, detail: string): CartError {
  return new CartError("invalid-address", message, detail);
}

function isShopifyOwnHost(hostname: string): boolean {
  return (
    hostname === "shopify.com" ||
    hostname.endsWith(".shopify.com") ||
    hostname === "myshopify.com" ||
    hostname === "www.myshopify.com"
  );
}

function storeFromAdminPath(url: URL): URL {
  const [first, second] = url.pathname.split("/").filter(Boolean);
  const handle = second ? decodeURIComponent(second).toLowerCase() : "";
  if (first?.toLowerCase() !== "store" || !STORE_HANDLE.test(handle)) {
    throw invalid(
      `This is an address of the Shopify admin, but it does not name a store. Open the store in the Shopify admin and copy the address from there (it looks like https://admin.shopify.com/store/your-store), or enter the store's own address, such as ${EXAMPLE}.`,
      `admin.shopify.com path without a store handle`,
    );
  }
  return new URL(`https://${handle}${MYSHOPIFY_SUFFIX}`);
}

/**
 * Returns the base address of a store's Admin API for an address a user
 * pasted. The Shopify admin in a browser shows https://admin.shopify.com/
 * store/NAME/…, which stands for https://NAME.myshopify.com. On a
 * myshopify.com host the Admin API sits at the root, so any path (such as
 * "/admin/orders/1001") is dropped. Elsewhere the path is kept up to an
 * "/admin" segment, so that an address behind a path prefix still works.
 */
export function resolveShopifyStoreUrl(url: URL): URL {
  const hostname = url.hostname.toLowerCase();
  if (hostname === ADMIN_HOST) return storeFromAdminPath(url);

  if (hostname.endsWith(MYSHOPIFY_SUFFIX) && !isShopifyOwnHost(hostname)) {
    const handle = hostname.slice(0, -MYSHOPIFY_SUFFIX.length);
    if (!STORE_HANDLE.test(handle)) {
      throw invalid(
        `The store address ${url.origin} is not a store's myshopify.com address. Enter it like ${EXAMPLE}.`,
        `unexpected myshopify.com host`,
      );
    }
    return new URL(url.origin);
  }
  if (isShopifyOwnHost(hostname)) {
    throw invalid(
      `${url.origin} is an address of Shopify itself, not of a store. Enter the store's address, such as ${EXAMPLE}; the Shopify admin shows it under Settings > Domains.`,
      `Shopify-owned host ${hostname}`,
    );
  }

  const resolved = new URL(url.origin);
  resolved.pathname = url.pathname.replace(/(^|\/)admin(\/.*)?$/i, "").replace(/\/+$/, "");
  return resolved;
}
