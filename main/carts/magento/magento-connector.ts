import type { CartConnector, ModifiedOrderQuery, OrderPage } from "../connector.js";
import type { RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import { createLogger, registerSecret } from "../../logging/logger.js";
import { MagentoClient } from "./magento-client.js";
import { testMagentoConnection } from "./magento-connection.js";
import {
  checkMagentoCredentials,
  type MagentoAuthMode,
  type MagentoCredentials,
} from "./magento-credentials.js";
import { listMagentoOrders, listModifiedMagentoOrders } from "./magento-listing.js";
import { resolveMagentoStoreAddress } from "./magento-store-address.js";

const log = createLogger("magento");

export type MagentoConnectorOptions = {
  /**
   * The store's address from parseStoreAddress. An API or admin address as
   * users paste it (…/rest/default/V1, …/admin/…) is reduced to the store.
   */
  storeUrl: URL;
  credentials: MagentoCredentials;
  /**
   * Store view code in /rest/{code}/V1. Without it the code of a pasted
   * /rest/{code}/V1 address is used, else "default".
   */
  storeCode?: string;
  /** "oauth1" (the default) signs every request; "bearer" sends the access token alone. */
  authMode?: MagentoAuthMode;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** Current time in milliseconds since the epoch, for OAuth timestamps. */
  now?: () => number;
};

export type MagentoConnector = CartConnector & {
  /** Lists orders whose updated_at is in a window, such as cancelled or edited after import. */
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
};

function trimmed(credentials: MagentoCredentials): MagentoCredentials {
  return {
    consumerKey: credentials.consumerKey?.trim() ?? "",
    consumerSecret: credentials.consumerSecret?.trim() ?? "",
    accessToken: credentials.accessToken?.trim() ?? "",
    accessTokenSecret: credentials.accessTokenSecret?.trim() ?? "",
  };
}

/**
 * Creates the connector for a Magento 2 or Adobe Commerce store (self-hosted
 * or PaaS) over its REST API. The credentials are checked for presence here
 * and against the store by testConnection.
 */
export function createMagentoConnector(options: MagentoConnectorOptions): MagentoConnector {
  const authMode = options.authMode ?? "oauth1";
  const credentials = trimmed(options.credentials);
  for (const value of Object.values(credentials)) registerSecret(value);
  checkMagentoCredentials(credentials, authMode);

  const address = resolveMagentoStoreAddress(options.storeUrl);
  const storeCode = options.storeCode?.trim() || address.storeCode || "default";
  if (address.removedSegment) {
    log.info("store address reduced to the store", {
      removedFrom: `/${address.removedSegment}`,
      storeUrl: address.storeUrl.href,
      storeCode,
    });
  }
  const client = new MagentoClient({
    storeUrl: address.storeUrl,
    storeCode,
    credentials,
    authMode,
    retryPolicy: options.retryPolicy,
    onRetry: options.onRetry,
    now: options.now ?? Date.now,
  });

  return {
    platform: "magento",
    async testConnection(signal) {
      const report = await testMagentoConnection(client, storeCode, signal);
      log.info("connection tested", {
        store: report.storeName,
        timeZone: report.timeZone,
        orders: report.orderCount,
        warnings: report.warnings.length,
      });
      return report;
    },
    listOrders(query) {
      log.info("listing orders", { from: query.createdFromUtc, to: query.createdToUtc });
      return listMagentoOrders(client, query, log);
    },
    listModifiedOrders(query) {
      log.info("listing modified orders", { from: query.modifiedFromUtc, to: query.modifiedToUtc });
      return listModifiedMagentoOrders(client, query, log);
    },
  };
}
