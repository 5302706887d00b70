import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import type { OrderPage, OrderQuery } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { toUtcIso } from "../../time/zoned-time.js";
import { SHOPIFY_MAX_PAGE_SIZE } from "./shopify-api.js";
import { QueryCostTooHighError } from "./shopify-errors.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import { LineItemPager } from "./shopify-line-items.js";
import type { OrdersConnection } from "./shopify-order-node.js";
import {
  checkComplete,
  checkInWindow,
  normalizeOrFail,
  ordersConnectionProblem,
  PagingGuard,
  type Window,
} from "./shopify-page-checks.js";
import { buildCreatedWindowSearch, ORDERS_QUERY } from "./shopify-queries.js";
import { decodeResumeCursor, encodeResumeCursor } from "./shopify-resume-cursor.js";

const log = createLogger("shopify");

export const DEFAULT_PAGE_SIZE = 25;

/** Query cost assumed per requested order until Shopify has reported a real one. */
const INITIAL_COST_PER_ORDER = 1;

export type ListingContext = {
  client: ShopifyGraphqlClient;
  /** Returns the earliest creation instant the credentials can see, or null when all are visible. */
  visibleSinceUtc(signal?: AbortSignal): Promise<string | null>;
};

function windowOf(query: OrderQuery): Window {
  const fromMs = Date.parse(query.createdFromUtc);
  const toMs = Date.parse(query.createdToUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw new RangeError(
      `The creation window ${query.createdFromUtc} to ${query.createdToUtc} is empty or not made of valid instants`,
    );
  }
  return { from: toUtcIso(fromMs), to: toUtcIso(toMs), fromMs, toMs };
}

function initialPageSize(requested: number | undefined): number {
  const size = requested !== undefined && Number.isFinite(requested) ? Math.floor(requested) : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(1, size), SHOPIFY_MAX_PAGE_SIZE);
}

/**
 * Lists the orders created in a half-open window, oldest first, one yielded
 * page per GraphQL page. Orders of every status are included because the
 * search string names no status. A page that Shopify finds too costly is
 * asked for again with fewer orders.
 */
export async function* listShopifyOrders(context: ListingContext, query: OrderQuery): AsyncGenerator<OrderPage> {
  const window = windowOf(query);
  const { signal } = query;
  let after = decodeResumeCursor(query.resumeCursor, window.from, window.to);
  await checkVisibleWindow(context, window, signal);

  const search = buildCreatedWindowSearch(window.from, window.to);
  let pageSize = initialPageSize(query.pageSize);
  let costPerOrder = INITIAL_COST_PER_ORDER;
  let refusedAttempts = 0;
  const lineItems = new LineItemPager(context.client);
  const paging = new PagingGuard();

  for (;;) {
    const fitting = fitPageSize(pageSize, costPerOrder, context.client.bucket.maximumAvailable);
    let result;
    try {
      result = await context.client.request<{ orders: OrdersConnection }>(
        ORDERS_QUERY,
        { first: fitting, after, query: search },
        { signal, expectedCost: Math.ceil(costPerOrder * fitting) + 1, validate: ordersConnectionProblem },
      );
    } catch (error) {
      if (!(error instanceof QueryCostTooHighError) || fitting <= 1) throw error;
      refusedAttempts++;
      pageSize = smallerPageSize(fitting, error);
      log.warn("query too costly, asking for fewer orders", { pageSize, detail: error.detail });
      continue;
    }
    pageSize = fitting;
    if (result.cost) costPerOrder = Math.max(0.01, (result.cost.requestedQueryCost - 1) / fitting);

    const { nodes, pageInfo } = result.data.orders;
    let attempts = result.attempts + refusedAttempts;
    refusedAttempts = 0;
    const orders: CartOrder[] = [];
    for (const node of nodes) {
      const lines = await lineItems.complete(node, signal);
      attempts += lines.attempts;
      checkComplete(node);
      orders.push(checkInWindow(normalizeOrFail(node, lines.nodes), window));
    }
    paging.checkNew(orders);
    const nextAfter = paging.nextAfter(pageInfo, orders.length, after);

    const nextCursor = nextAfter ? encodeResumeCursor(nextAfter, window.from, window.to) : null;
    log.info("page fetched", { count: orders.length, attempts, pageSize: fitting, last: nextCursor === null });
    paging.accept(orders);
    yield { orders, nextCursor, attempts };

    if (!nextAfter) return;
    after = nextAfter;
  }
}

/** Shrinks the page so that its expected cost fits in the bucket, which otherwise could never pay for it. */
function fitPageSize(pageSize: number, costPerOrder: number, maximumAvailable: number | null): number {
  if (maximumAvailable === null) return pageSize;
  const affordable = Math.floor((maximumAvailable - 1) / costPerOrder);
  return Math.max(1, Math.min(pageSize, affordable));
}

function smallerPageSize(pageSize: number, error: QueryCostTooHighError): number {
  const ratio = error.maxCost / error.requestedCost;
  const scaled = Number.isFinite(ratio) && ratio > 0 ? Math.floor(pageSize * ratio) : Math.floor(pageSize / 2);
  return Math.max(1, Math.min(pageSize - 1, scaled));
}

async function checkVisibleWindow(context: ListingContext, window: Window, signal?: AbortSignal): Promise<void> {
  const visibleSinceUtc = await context.visibleSinceUtc(signal);
  if (visibleSinceUtc === null || window.fromMs >= Date.parse(visibleSinceUtc)) return;
  throw new CartError(
    "permission-missing",
    `This Shopify token cannot see orders created before ${visibleSinceUtc} because the app lacks the read_all_orders access scope, and Shopify leaves older orders out without any error. Add read_all_orders to the app, or start the date range on or after ${visibleSinceUtc}.`,
    `window starts ${window.from}; read_all_orders missing`,
  );
}
