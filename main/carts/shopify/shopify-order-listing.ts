import { CartError } from "../cart-error.js";
import type { ModifiedOrderQuery, OrderPage, OrderQuery } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { toUtcIso } from "../../time/zoned-time.js";
import { SHOPIFY_MAX_PAGE_SIZE } from "./shopify-api.js";
import { ordersPageCost, ORDER_COST, QueryBudget } from "./shopify-cost-estimate.js";
import { QueryCostTooHighError } from "./shopify-errors.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import type { OrdersConnection } from "./shopify-order-node.js";
import { OrderListReader } from "./shopify-order-lists.js";
import {
  checkInWindow,
  listedOrderOf,
  normalizeOrFail,
  ordersConnectionProblem,
  PagingGuard,
  type Window,
} from "./shopify-page-checks.js";
import {
  buildCreatedWindowSearch,
  buildUpdatedWindowSearch,
  ORDERS_BY_UPDATE_QUERY,
  ORDERS_QUERY,
} from "./shopify-queries.js";
import { type CursorField, decodeResumeCursor, encodeResumeCursor } from "./shopify-resume-cursor.js";

const log = createLogger("shopify");

/** Orders asked for per page unless the caller asks for another number; the cost limit allows 14 (see ordersPageCost). */
export const DEFAULT_PAGE_SIZE = 25;

export type ListingContext = {
  client: ShopifyGraphqlClient;
  /** Returns the earliest creation instant the credentials can see, or null when all are visible. */
  visibleSinceUtc(signal?: AbortSignal): Promise<string | null>;
};

/** The parts that differ between a listing by creation time and one by update time. */
type ListingKind = { field: CursorField; document: string; search(fromUtc: string, toUtc: string): string };

const BY_CREATION: ListingKind = { field: "created", document: ORDERS_QUERY, search: buildCreatedWindowSearch };
const BY_UPDATE: ListingKind = { field: "updated", document: ORDERS_BY_UPDATE_QUERY, search: buildUpdatedWindowSearch };

function windowOf(fromUtc: string, toUtc: string, field: CursorField): Window {
  const fromMs = Date.parse(fromUtc);
  const toMs = Date.parse(toUtc);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    const name = field === "created" ? "creation" : "modification";
    throw new RangeError(`The ${name} window ${fromUtc} to ${toUtc} is empty or not made of valid instants`);
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
 * search string names no status. Each page requests as many orders as fit
 * in one query's cost limit, and a page that Shopify rejects as too costly
 * is requested again with fewer orders. Lists longer than the orders query
 * reads are completed by follow-up requests before the page is yielded.
 */
export async function* listShopifyOrders(context: ListingContext, query: OrderQuery): AsyncGenerator<OrderPage> {
  const window = windowOf(query.createdFromUtc, query.createdToUtc, "created");
  yield* listByWindow(context, query, window, BY_CREATION);
}

/**
 * Lists the orders updated in a half-open window, least recently updated
 * first, with the same paging, cost pacing, follow-ups and checks as the
 * creation listing. Shopify updates an order on cancellation, on edits and
 * on refunds, so every status is included here too.
 */
export async function* listModifiedShopifyOrders(
  context: ListingContext,
  query: ModifiedOrderQuery,
): AsyncGenerator<OrderPage> {
  const window = windowOf(query.modifiedFromUtc, query.modifiedToUtc, "updated");
  yield* listByWindow(context, query, window, BY_UPDATE);
}

async function* listByWindow(
  context: ListingContext,
  query: Pick<OrderQuery, "pageSize" | "resumeCursor" | "signal">,
  window: Window,
  kind: ListingKind,
): AsyncGenerator<OrderPage> {
  const { signal } = query;
  let after = decodeResumeCursor(query.resumeCursor, window.from, window.to, kind.field);
  if (kind.field === "created") {
    await checkVisibleWindow(context, window, signal);
  } else {
    await warnOfHiddenOrders(context, signal);
  }

  const search = kind.search(window.from, window.to);
  let pageSize = initialPageSize(query.pageSize);
  let refusedAttempts = 0;
  const budget = new QueryBudget(context.client.bucket);
  const lists = new OrderListReader(context.client, budget);
  const paging = new PagingGuard();

  for (;;) {
    const fitting = fitPageSize(pageSize, budget.estimateLimit("orders"));
    const estimate = ordersPageCost(fitting);
    let result;
    try {
      result = await context.client.request<{ orders: OrdersConnection }>(
        kind.document,
        { first: fitting, after, query: search },
        { signal, expectedCost: budget.expectedCost("orders", estimate), validate: ordersConnectionProblem },
      );
    } catch (error) {
      if (!(error instanceof QueryCostTooHighError) || fitting <= 1) throw error;
      refusedAttempts++;
      budget.refused("orders", estimate, error);
      pageSize = Math.min(fitting - 1, fitPageSize(fitting, budget.estimateLimit("orders")));
      log.warn("query too costly, asking for fewer orders", { pageSize, detail: error.detail });
      continue;
    }
    budget.learn("orders", estimate, result.cost?.requestedQueryCost);

    const { nodes, pageInfo } = result.data.orders;
    const listed = nodes.map(listedOrderOf);
    for (const order of listed) checkInWindow(order, window, kind.field);
    paging.checkNew(listed);
    const nextAfter = paging.nextAfter(pageInfo, nodes.length, after);

    const completed = await lists.complete(nodes, signal);
    const orders = completed.orders.map(normalizeOrFail);
    const attempts = result.attempts + refusedAttempts + completed.attempts;
    refusedAttempts = 0;

    const nextCursor = nextAfter ? encodeResumeCursor(nextAfter, window.from, window.to, kind.field) : null;
    log.info("page fetched", { count: orders.length, attempts, pageSize: fitting, last: nextCursor === null });
    paging.accept(orders);
    yield { orders, nextCursor, attempts };

    if (!nextAfter) return;
    after = nextAfter;
  }
}

/**
 * Shrinks the page so that its estimated cost fits the limit of one query,
 * which is also never more than the bucket holds: Shopify refuses a costlier
 * query outright, and a bucket could never pay for it.
 */
function fitPageSize(pageSize: number, estimateLimit: number): number {
  const affordable = Math.floor((estimateLimit - ordersPageCost(0)) / ORDER_COST);
  return Math.max(1, Math.min(pageSize, affordable));
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

/**
 * Reads the scopes, so that a token without read_orders fails here as in the
 * creation listing. Without read_all_orders Shopify hides orders created
 * more than 60 days ago, also from an update search, without any error.
 */
async function warnOfHiddenOrders(context: ListingContext, signal?: AbortSignal): Promise<void> {
  const visibleSinceUtc = await context.visibleSinceUtc(signal);
  if (visibleSinceUtc === null) return;
  // NOTE: changes to imported orders created before visibleSinceUtc are not
  // listed; the creation listing cannot raise for them because it never
  // reads that far back again.
  log.warn("changes to orders created before the visible horizon are not listed", { visibleSinceUtc });
}
