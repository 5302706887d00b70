import type { CartConnector, OrderQuery } from "../connector.js";
import { HttpClient, type RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import type { ShopifyCredentials } from "./shopify-api.js";
import { ShopifyAccessTokens } from "./shopify-access-token.js";
import {
  canReadOrders,
  missingReadOrders,
  scopeHandlesOf,
  testShopifyConnection,
  visibleSinceFor,
} from "./shopify-connection-test.js";
import { ShopifyGraphqlClient, type ThrottleWait } from "./shopify-graphql-client.js";
import { listShopifyOrders } from "./shopify-order-listing.js";
import { ACCESS_SCOPES_QUERY } from "./shopify-queries.js";

export type ShopifyConnectorOptions = {
  /** Store address as returned by parseStoreAddress. */
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

type ScopesQueryData = { currentAppInstallation: { accessScopes: { handle: string }[] } | null };

/** Creates the connector for a Shopify store, speaking the GraphQL Admin API. */
export function createShopifyConnector(options: ShopifyConnectorOptions): CartConnector {
  const now = options.now ?? Date.now;
  const http = new HttpClient({
    platformLabel: "Shopify",
    policy: options.retryPolicy,
    onRetry: options.onRetry,
    sleep: options.sleep,
  });
  const tokens = new ShopifyAccessTokens(options.storeUrl, options.credentials, http, now);
  const client = new ShopifyGraphqlClient({
    storeUrl: options.storeUrl,
    credentials: options.credentials.kind,
    http,
    tokens,
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
  };
}
