import type { CartConnector, ConnectionReport, OrderPage, OrderQuery } from "../connector.js";
import type { RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import type { ModifiedOrderQuery } from "../woocommerce/woocommerce-connector.js";
import { BigCommerceClient } from "./bigcommerce-client.js";
import { testBigCommerceConnection } from "./bigcommerce-connection.js";
import {
  type BigCommerceCredentials,
  checkBigCommerceCredentials,
  parseBigCommerceApiPath,
} from "./bigcommerce-credentials.js";
import { listBigCommerceOrders } from "./bigcommerce-orders.js";

export type BigCommerceConnectorOptions = {
  /** The API path of the store-level API account, as parseStoreAddress returns it. */
  storeUrl: URL;
  credentials: BigCommerceCredentials;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** Clock in ms since the epoch, used to time the request quota's reset; tests move it. */
  now?: () => number;
  /** Replaces every wait (retries and quota resets); tests use it to record waits without spending them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type BigCommerceConnector = CartConnector & {
  /** Lists orders changed in a window, for incremental runs that must see edits and status changes. */
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
};

/** Creates the BigCommerce connector, which lists orders through Orders V2 and refunds through V3. */
export function createBigCommerceConnector(options: BigCommerceConnectorOptions): BigCommerceConnector {
  const base = parseBigCommerceApiPath(options.storeUrl);
  const { accessToken } = checkBigCommerceCredentials(options.credentials);
  const client = new BigCommerceClient({
    base,
    accessToken,
    retryPolicy: options.retryPolicy,
    onRetry: options.onRetry,
    now: options.now,
    sleep: options.sleep,
  });

  return {
    platform: "bigcommerce",

    testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
      return testBigCommerceConnection(client, signal);
    },

    listOrders(query: OrderQuery): AsyncIterable<OrderPage> {
      const window = { field: "created" as const, fromUtc: query.createdFromUtc, toUtc: query.createdToUtc };
      return listBigCommerceOrders(client, window, query);
    },

    listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage> {
      const window = { field: "modified" as const, fromUtc: query.modifiedFromUtc, toUtc: query.modifiedToUtc };
      return listBigCommerceOrders(client, window, {
        ...query,
        createdFromUtc: query.modifiedFromUtc,
        createdToUtc: query.modifiedToUtc,
      });
    },
  };
}
