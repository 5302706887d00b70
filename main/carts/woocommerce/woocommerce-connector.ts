import type { CartOrder } from "../cart-order.js";
import type { CartConnector, ConnectionReport, OrderPage, OrderQuery } from "../connector.js";
import type { RetryEvent } from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import { createLogger } from "../../logging/logger.js";
import { WooCommerceClient } from "./woocommerce-client.js";
import { testWooCommerceConnection } from "./woocommerce-connection.js";
import {
  checkWooCommerceCredentials,
  type WooCommerceCredentials,
} from "./woocommerce-credentials.js";
import { listWooOrders } from "./woocommerce-orders.js";
import { normalizeWithRefunds } from "./woocommerce-refunds.js";
import { wooSiteAddress } from "./woocommerce-store-address.js";
import { ALL_STATUSES, AMOUNT_DECIMALS, MAX_PAGE_SIZE } from "./woocommerce-window.js";
import type { WooOrder, WooRefund } from "./woocommerce-payload.js";

const log = createLogger("woocommerce");

export type WooCommerceConnectorOptions = {
  /** The site address, as parseStoreAddress returns it. */
  storeUrl: URL;
  credentials: WooCommerceCredentials;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** Clock in ms since the epoch, used to read the site's current UTC offset; tests fix it. */
  now?: () => number;
  /** Replaces every retry wait; tests use it to record waits without spending them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** A window on the modification date, half-open like OrderQuery's creation window. */
export type ModifiedOrderQuery = Omit<OrderQuery, "createdFromUtc" | "createdToUtc"> & {
  modifiedFromUtc: string;
  modifiedToUtc: string;
};

export type WooCommerceConnector = CartConnector & {
  /** Lists orders changed in a window, for incremental runs that must see edits and status changes. */
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
  /** Reads orders by id, such as to retry single orders; unknown ids are left out. */
  getOrdersById(ids: string[], signal?: AbortSignal): Promise<CartOrder[]>;
};

/** Creates the WooCommerce connector, which reads orders through the REST API v3. */
export function createWooCommerceConnector(
  options: WooCommerceConnectorOptions,
): WooCommerceConnector {
  const credentials = checkWooCommerceCredentials(options.credentials);
  const client = new WooCommerceClient({
    storeUrl: wooSiteAddress(options.storeUrl),
    credentials,
    retryPolicy: options.retryPolicy,
    onRetry: options.onRetry,
    sleep: options.sleep,
  });
  const now = options.now ?? Date.now;

  return {
    platform: "woocommerce",

    testConnection(signal?: AbortSignal): Promise<ConnectionReport> {
      return testWooCommerceConnection(client, now(), signal);
    },

    listOrders(query: OrderQuery): AsyncIterable<OrderPage> {
      const window = {
        field: "created" as const,
        fromUtc: query.createdFromUtc,
        toUtc: query.createdToUtc,
      };
      return listWooOrders(client, window, query);
    },

    listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage> {
      const window = {
        field: "modified" as const,
        fromUtc: query.modifiedFromUtc,
        toUtc: query.modifiedToUtc,
      };
      return listWooOrders(client, window, {
        ...query,
        createdFromUtc: query.modifiedFromUtc,
        createdToUtc: query.modifiedToUtc,
      });
    },

    async getOrdersById(ids: string[], signal?: AbortSignal): Promise<CartOrder[]> {
      const wanted = [...new Set(ids.map((id) => Number(id)).filter(Number.isInteger))];
      const found: CartOrder[] = [];
      const refundCache = new Map<number, WooRefund[]>();
      for (let start = 0; start < wanted.length; start += MAX_PAGE_SIZE) {
        const batch = wanted.slice(start, start + MAX_PAGE_SIZE);
        const answer = await client.get<WooOrder[]>(
          "/wc/v3/orders",
          {
            include: batch.join(","),
            per_page: String(batch.length),
            orderby: "include",
            status: ALL_STATUSES,
            dp: AMOUNT_DECIMALS,
          },
          signal,
        );
        const body = Array.isArray(answer.body) ? answer.body : [];
        // Only the requested ids are kept, in case a plugin or an old
        // version ignores `include` and returns a default list.
        const requested = body.filter((order) => batch.includes(order.id));
        if (requested.length !== body.length) {
          log.warn("store returned orders that were not requested", {
            requested: batch.length,
            returned: body.length,
          });
        }
        const normalized = await normalizeWithRefunds(client, requested, refundCache, signal);
        found.push(...normalized.orders);
      }
      return found;
    },
  };
}
