import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import type { OrderPage, OrderQuery } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { toUtcIso } from "../../time/zoned-time.js";
import { SHOPIFY_MAX_PAGE_SIZE } from "./shopify-api.js";
import { QueryCostTooHighError } from "./shopify-errors.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import { normalizeShopifyOrder } from "./shopify-normalize.js";
import type { LineItemConnection, LineItemNode, OrderNode, OrdersConnection } from "./shopify-order-node.js";
import {
  buildCreatedWindowSearch,
  ORDER_LINE_ITEMS_QUERY,
  ORDERS_QUERY,
  REFUNDS_PER_ORDER,
} from "./shopify-queries.js";
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

type Window = { from: string; to: string; fromMs: number; toMs: number };

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
  let pageSize = Math.min(Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)), SHOPIFY_MAX_PAGE_SIZE);
  let costPerOrder = INITIAL_COST_PER_ORDER;
  let refusedAttempts = 0;

  for (;;) {
    const fitting = fitPageSize(pageSize, costPerOrder, context.client.bucket.maximumAvailable);
    let result;
    try {
      result = await context.client.request<{ orders: OrdersConnection }>(
        ORDERS_QUERY,
        { first: fitting, after, query: search },
        { signal, expectedCost: Math.ceil(costPerOrder * fitting) + 1 },
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
      const lines = await completeLineItems(context.client, node, signal);
      attempts += lines.attempts;
      checkComplete(node);
      orders.push(checkInWindow(normalizeShopifyOrder(node, lines.nodes), window));
    }

    const nextCursor =
      pageInfo.hasNextPage && pageInfo.endCursor
        ? encodeResumeCursor(pageInfo.endCursor, window.from, window.to)
        : null;
    log.info("page fetched", { count: orders.length, attempts, pageSize: fitting, last: nextCursor === null });
    yield { orders, nextCursor, attempts };

    if (!nextCursor) return;
    after = pageInfo.endCursor;
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

/**
 * Raises when Shopify returned an order outside the requested window: the
 * filter was then not applied as sent, so the page may also lack orders.
 */
function checkInWindow(order: CartOrder, window: Window): CartOrder {
  const createdMs = Date.parse(order.createdAtUtc);
  if (createdMs >= window.fromMs && createdMs < window.toMs) return order;
  throw new CartError(
    "window-violated",
    `Shopify returned order ${order.orderNumber}, created ${order.createdAtUtc}, although only orders from ${window.from} up to ${window.to} were requested. The store did not apply the date filter, so this listing cannot be trusted; nothing from this page was used. Try again later, and report it to Cart Cutover support if it persists.`,
    `order ${order.orderId} created ${order.createdAtUtc} outside ${window.from}..${window.to}`,
  );
}

/**
 * Raises when an order has more shipping lines, discount applications or
 * refunds than the orders query reads, so that no order is imported with
 * part of them missing. A refund list exactly at the limit counts as cut.
 */
function checkComplete(order: OrderNode): void {
  const cut = [
    order.shippingLines.pageInfo.hasNextPage ? "shipping lines" : null,
    order.discountApplications.pageInfo.hasNextPage ? "discounts" : null,
    order.refunds.length >= REFUNDS_PER_ORDER ? "refunds" : null,
  ].filter((part): part is string => part !== null);
  if (cut.length === 0) return;
  throw new CartError(
    "bad-response",
    `Order ${order.name} has more ${cut.join(" and ")} than Cart Cutover reads in one request, so it cannot be imported completely. Report this order number to Cart Cutover support.`,
    `order ${order.id} cut: ${cut.join(", ")}`,
  );
}

/** Fetches the rest of an order's lines when the orders query returned only the first page of them. */
async function completeLineItems(
  client: ShopifyGraphqlClient,
  order: OrderNode,
  signal?: AbortSignal,
): Promise<{ nodes: LineItemNode[]; attempts: number }> {
  const nodes = [...order.lineItems.nodes];
  let pageInfo = order.lineItems.pageInfo;
  let attempts = 0;
  while (pageInfo.hasNextPage && pageInfo.endCursor) {
    const result = await client.request<{ order: { lineItems: LineItemConnection } | null }>(
      ORDER_LINE_ITEMS_QUERY,
      { id: order.id, after: pageInfo.endCursor },
      { signal, expectedCost: 252 },
    );
    attempts += result.attempts;
    if (!result.data.order) {
      throw new CartError(
        "bad-response",
        `Shopify no longer returns order ${order.name} while its lines were being read. Run the listing again.`,
        `order ${order.id} missing in line item follow-up`,
      );
    }
    nodes.push(...result.data.order.lineItems.nodes);
    pageInfo = result.data.order.lineItems.pageInfo;
  }
  return { nodes, attempts };
}
