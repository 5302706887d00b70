/**
 * The Admin API version every request names. Shopify releases a version each
 * quarter and retires old ones, so this constant moves forward on purpose,
 * together with a run of the Shopify tests.
 */
export const SHOPIFY_API_VERSION = "2026-10";

/** Largest `first` that a GraphQL connection accepts. */
export const SHOPIFY_MAX_PAGE_SIZE = 250;

/**
 * Largest requested cost that Shopify runs in one query, whatever the
 * bucket contains. A MAX_COST_EXCEEDED error names the limit in force, which
 * the listing then uses instead.
 */
export const SHOPIFY_SINGLE_QUERY_MAX_COST = 1000;

/** Credentials as the user enters them: a pasted token, or an app's client ID and secret. */
export type ShopifyCredentials =
  | { kind: "access-token"; accessToken: string }
  | { kind: "client-credentials"; clientId: string; clientSecret: string };

/** Appends a path to the store address, keeping any path prefix the address has. */
function storePath(storeUrl: URL, path: string): URL {
  const url = new URL(storeUrl.origin);
  url.pathname = `${storeUrl.pathname.replace(/\/+$/, "")}${path}`;
  return url;
}

export function graphqlUrl(storeUrl: URL): URL {
  return storePath(storeUrl, `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
}

export function accessTokenUrl(storeUrl: URL): URL {
  return storePath(storeUrl, "/admin/oauth/access_token");
}

/** Returns the numeric part of a global id such as "gid://shopify/Order/5512345678901". */
export function numericIdOf(globalId: string): string {
  const slash = globalId.lastIndexOf("/");
  const tail = slash >= 0 ? globalId.slice(slash + 1) : globalId;
  const query = tail.indexOf("?");
  return query >= 0 ? tail.slice(0, query) : tail;
}
