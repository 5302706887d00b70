import type { CartConnector, ModifiedOrderQuery, OrderPage } from "../connector.js";
import type { RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import { createLogger, registerSecret } from "../../logging/logger.js";
import { isValidTimeZone } from "../../time/zoned-time.js";
import { PrestaShopClient } from "./prestashop-client.js";
import { testPrestaShopConnection } from "./prestashop-connection.js";
import {
  checkPrestaShopCredentials,
  type PrestaShopCredentials,
  type PrestaShopKeyTransport,
} from "./prestashop-credentials.js";
import { listModifiedPrestaShopOrders, listPrestaShopOrders } from "./prestashop-listing.js";
import { resolvePrestaShopStoreAddress } from "./prestashop-store-address.js";

const log = createLogger("prestashop");

export type PrestaShopConnectorOptions = {
  /**
   * The shop's address from parseStoreAddress. A webservice or back office
   * address as users paste it (…/api, …/admin123xyz/…) is reduced to the shop.
   */
  storeUrl: URL;
  credentials: PrestaShopCredentials;
  /** "auto" (the default) sends the key as a header and falls back to ws_key. */
  keyTransport?: PrestaShopKeyTransport;
  /** IANA zone that overrides PS_TIMEZONE, for a shop whose zone differs from the default. */
  shopTimeZone?: string;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** Accepted like every connector's clock; no PrestaShop request depends on the time. */
  now?: () => number;
};

export type PrestaShopConnector = CartConnector & {
  /** Lists orders whose date_upd is in a window, such as cancelled or edited after import. */
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
};

/**
 * Creates the connector for a PrestaShop 1.7, 8 or 9 shop over its
 * webservice. The key is checked for its form here and against the shop
 * by testConnection.
 */
export function createPrestaShopConnector(options: PrestaShopConnectorOptions): PrestaShopConnector {
  const webserviceKey = options.credentials.webserviceKey?.trim() ?? "";
  registerSecret(webserviceKey);
  checkPrestaShopCredentials({ webserviceKey });
  const configuredZone = options.shopTimeZone?.trim() || null;
  if (configuredZone && !isValidTimeZone(configuredZone)) {
    throw new RangeError(`"${configuredZone}" is not an IANA time zone such as Europe/Madrid.`);
  }

  const address = resolvePrestaShopStoreAddress(options.storeUrl);
  if (address.removedSegment) {
    log.info("store address reduced to the shop", {
      removedFrom: `/${address.removedSegment}`,
      storeUrl: address.storeUrl.href,
    });
  }
  const client = new PrestaShopClient({
    storeUrl: address.storeUrl,
    webserviceKey,
    keyTransport: options.keyTransport ?? "auto",
    retryPolicy: options.retryPolicy,
    onRetry: options.onRetry,
    log,
  });

  return {
    platform: "prestashop",
    async testConnection(signal) {
      const report = await testPrestaShopConnection(client, configuredZone, log, signal);
      log.info("connection tested", {
        store: report.storeName,
        timeZone: report.timeZone,
        keyInQuery: client.usesQueryKey,
        warnings: report.warnings.length,
      });
      return report;
    },
    listOrders(query) {
      log.info("listing orders", { from: query.createdFromUtc, to: query.createdToUtc });
      return listPrestaShopOrders(client, query, configuredZone, log);
    },
    listModifiedOrders(query) {
      log.info("listing modified orders", { from: query.modifiedFromUtc, to: query.modifiedToUtc });
      return listModifiedPrestaShopOrders(client, query, configuredZone, log);
    },
  };
}
