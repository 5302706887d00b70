import { CartError } from "../cart-error.js";
import type { CartConnector, ModifiedOrderQuery, OrderPage, OrderQuery } from "../connector.js";
import { HttpClient, type RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import type { ShopifyCredentials } from "./shopify-api.js";
import { ShopifyAccessTokens } from "./shopify-access-token.js";
import { cleanShopifyCredentials } from "./shopify-credential-check.js";
import {
  canReadOrders,
  missingReadOrders,
  scopeHandlesOf,
  testShopifyConnection,
  visibleSinceFor,
} from "./shopify-connection-test.js";
import { ShopifyGraphqlClient, type ThrottleWait } from "./shopify-graphql-client.js";
import { listModifiedShopifyOrders, listShopifyOrders } from "./shopify-order-listing.js";
import { ACCESS_SCOPES_QUERY } from "./shopify-queries.js";
import { resolveShopifyStoreUrl } from "./shopify-store-address.js";

export type ShopifyConnectorOptions = {
  /** Store address as returned by parseStoreAddress; an admin.shopify.com address is resolved to the store's own. */
  storeUrl: URL;
  credentials: ShopifyCredentials;
  retryPolicy?: RetryPolicy;
  /** Clock for token expiry and the 60-day horizon, in ms since the epoch; tests move it. */
  now?: () => number;
  onRetry?: (event: RetryEvent) => void;
  /** Called before each wait for the query cost bucket. */
  onThrottleWait?: (wait: ThrottleWait) => void;
  /** Replaces every wait (retries and cost pacing); tests use it to record waits without spending them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type ShopifyConnector = CartConnector & {
  /** Lists orders updated in a window, such as cancelled or edited after import. */
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
};

type ScopesQueryData = { currentAppInstallation: { accessScopes: { handle: string }[] } | null };

/** Returns a connector for an address or credentials that cannot work, so that every call fails with the same CartError. */
function failingConnector(error: CartError): ShopifyConnector {
  const fail = async function* (): AsyncGenerator<OrderPage> {
    throw error;
  };
  return {
    platform: "shopify",
    testConnection: () => Promise.reject(error),
    listOrders: fail,
    listModifiedOrders: fail,
  };
}

/**
 * Creates the connector for a Shopify store, speaking the GraphQL Admin API.
 * An address or credentials that cannot work make every call fail with a
 * CartError, so that the caller sees the reason where it tests or lists.
 */
export function createShopifyConnector(options: ShopifyConnectorOptions): ShopifyConnector {
  let storeUrl: URL;
  let credentials: ShopifyCredentials;
  try {
    storeUrl = resolveShopifyStoreUrl(options.storeUrl);
    credentials = cleanShopifyCredentials(options.credentials);
  } catch (error) {
    if (error instanceof CartError) return failingConnector(error);
    throw error;
  }

  const now = options.now ?? Date.now;
  const http = new HttpClient({
    platformLabel: "Shopify",
    policy: options.retryPolicy,
    onRetry: options.onRetry,
    sleep: options.sleep,
  });
  const tokens = new ShopifyAccessTokens(storeUrl, credentials, http, now);
  const client = new ShopifyGraphqlClient({
    storeUrl,
    credentials: credentials.kind,
    http,
    tokens,
    retryPolicy: options.retryPolicy,
    sleep: options.sleep,
    onThrottleWait: options.onThrottleWait,
  });

  // Scopes are read once per listing, because a merchant can change them between runs.
  const visibleSinceUtc = async (signal?: AbortSignal): Promise<string | null> => {
    const { data } = await client.request<ScopesQueryData>(ACCESS_SCOPES_QUERY, {}, { signal, expectedCost: 2 });
    const scopes = scopeHandlesOf(data);
    if (!canReadOrders(scopes)) throw missingReadOrders(scopes);
    return visibleSinceFor(scopes, now());
  };

  return {
    platform: "shopify",
    testConnection: (signal?: AbortSignal) => testShopifyConnection(client, now(), signal),
    listOrders: (query: OrderQuery) => listShopifyOrders({ client, visibleSinceUtc }, query),
    listModifiedOrders: (query: ModifiedOrderQuery) => listModifiedShopifyOrders({ client, visibleSinceUtc }, query),
  };
}
