import { CartError } from "../cart-error.js";
import { createLogger } from "../../logging/logger.js";
import { SHOPIFY_MAX_PAGE_SIZE } from "./shopify-api.js";
import { followUpCost, type QueryBudget } from "./shopify-cost-estimate.js";
import { QueryCostTooHighError } from "./shopify-errors.js";
import { grownFirst, type ListProgress, type PendingOrder, planFollowUp, startProgress } from "./shopify-follow-up-plan.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import type { Connection, OrderNode, RefundNode } from "./shopify-order-node.js";
import {
  buildOrderListsQuery,
  LIST_SIZES_PER_ORDER,
  type OrderListName,
  type OrderListRequest,
} from "./shopify-queries.js";

const log = createLogger("shopify");

const CONNECTION_LISTS = ["lineItems", "shippingLines", "discountApplications"] as const;

type ConnectionListName = (typeof CONNECTION_LISTS)[number];

/** One aliased `order(id:)` of a follow-up response, with the lists it requested. */
type FollowUpOrder = { id: string } & Partial<Pick<OrderNode, OrderListName>>;

type FollowUpData = Record<string, FollowUpOrder | null>;

const LIST_WORDS: Record<OrderListName, string> = {
  lineItems: "lines",
  shippingLines: "shipping lines",
  discountApplications: "discounts",
  refunds: "refunds",
};

function cutList(order: OrderNode, list: OrderListName, reason: string): CartError {
  return new CartError(
    "bad-response",
    `Shopify stopped returning the ${LIST_WORDS[list]} of order ${order.name} before the last one, so the order cannot be imported completely. Nothing from this page was used. Run the listing again; if it repeats, report this order number to Cart Cutover support.`,
    `order ${order.id} ${list}: ${reason}`,
  );
}

/** Returns what a follow-up response lacks, or null when every requested list is there. */
function followUpProblem(data: unknown, requests: OrderListRequest[]): string | null {
  const byAlias = data as Record<string, unknown>;
  for (const [index, request] of requests.entries()) {
    const order = byAlias[`order${index}`];
    if (order === null) continue;
    if (!order || typeof order !== "object") return `has no order${index}`;
    if ((order as { id?: unknown }).id !== request.orderId) return `has order${index} with another id than ${request.orderId}`;
    for (const { list } of request.lists) {
      const value = (order as Record<string, unknown>)[list] as Partial<Connection<unknown>> | undefined;
      if (list === "refunds" ? !Array.isArray(value) : !Array.isArray(value?.nodes) || !value?.pageInfo) {
        return `has order${index} without its ${list}`;
      }
    }
  }
  return null;
}

/** Returns a copy of the order whose lists can grow without changing the response. */
function copyLists(order: OrderNode): OrderNode {
  const copy = { ...order, refunds: [...order.refunds] };
  for (const list of CONNECTION_LISTS) {
    (copy[list] as Connection<unknown>) = { nodes: [...order[list].nodes], pageInfo: order[list].pageInfo };
  }
  return copy;
}

/** Returns the lists of an order that the orders query did not return whole. */
function unfinishedLists(order: OrderNode): ListProgress[] {
  const lists: ListProgress[] = [];
  for (const list of CONNECTION_LISTS) {
    const { hasNextPage, endCursor } = order[list].pageInfo;
    if (!hasNextPage) continue;
    if (!endCursor) throw cutList(order, list, "hasNextPage without an end cursor");
    lists.push(startProgress(list, endCursor));
  }
  // A plain list gives no sign of more, so one exactly at the requested size may have been cut.
  if (order.refunds.length >= LIST_SIZES_PER_ORDER.refunds) lists.push(startProgress("refunds", null));
  return lists;
}

/**
 * Reads the rest of the lists that the orders query returned only in part,
 * in batched follow-up requests paced by the cost bucket like every other
 * request. Any failure fails the whole page, so no order is returned with a
 * list cut short.
 */
export class OrderListReader {
  constructor(
    private readonly client: ShopifyGraphqlClient,
    private readonly budget: QueryBudget,
  ) {}

  /** Returns the page's orders with every list whole, and the requests the follow-ups took. */
  async complete(nodes: OrderNode[], signal?: AbortSignal): Promise<{ orders: OrderNode[]; attempts: number }> {
    let pending: PendingOrder[] = [];
    const orders = nodes.map((node) => {
      const lists = unfinishedLists(node);
      if (lists.length === 0) return node;
      pending.push({ orderId: node.id, lists });
      return copyLists(node);
    });
    const byId = new Map(orders.map((order) => [order.id, order]));
    const unfinishedCount = pending.length;

    let attempts = 0;
    while (pending.length > 0) {
      const sent = await this.send(pending, byId, signal);
      attempts += sent.attempts;
      sent.requests.forEach((request, index) => {
        const order = byId.get(request.orderId)!;
        const returned = sent.data[`order${index}`] ?? null;
        const progress = pending.find((candidate) => candidate.orderId === request.orderId)!;
        progress.lists = this.merge(order, returned, request, progress.lists);
      });
      pending = pending.filter((order) => order.lists.length > 0);
    }
    if (unfinishedCount > 0) log.info("long order lists read", { orders: unfinishedCount, attempts });
    return { orders, attempts };
  }

  private async send(
    pending: PendingOrder[],
    byId: Map<string, OrderNode>,
    signal?: AbortSignal,
  ): Promise<{ requests: OrderListRequest[]; data: FollowUpData; attempts: number }> {
    let refused = 0;
    for (;;) {
      const requests = planFollowUp(pending, this.budget.estimateLimit("follow-up"));
      if (!requests) throw tooCostly(byId.get(pending[0]!.orderId)!, this.budget.estimateLimit("follow-up"));
      const estimate = followUpCost(requests);
      const { document, variables } = buildOrderListsQuery(requests);
      try {
        const result = await this.client.request<FollowUpData>(document, variables, {
          signal,
          expectedCost: this.budget.expectedCost("follow-up", estimate),
          validate: (data) => followUpProblem(data, requests),
        });
        this.budget.learn("follow-up", estimate, result.cost?.requestedQueryCost);
        return { requests, data: result.data, attempts: result.attempts + refused };
      } catch (error) {
        if (!(error instanceof QueryCostTooHighError)) throw error;
        refused++;
        this.budget.refused("follow-up", estimate, error);
        log.warn("follow-up query too costly, asking for fewer nodes", { orders: requests.length, detail: error.detail });
      }
    }
  }

  /** Adds what a follow-up returned to the order, and returns the lists still to read. */
  private merge(
    order: OrderNode,
    returned: FollowUpOrder | null,
    request: OrderListRequest,
    lists: ListProgress[],
  ): ListProgress[] {
    if (!returned) {
      throw new CartError(
        "bad-response",
        `Shopify no longer returns order ${order.name} while the rest of its lines, shipping lines, discounts or refunds were being read. Nothing from this page was used. Run the listing again.`,
        `order ${order.id} missing in a follow-up`,
      );
    }
    const remaining = lists.filter((progress) => !request.lists.some(({ list }) => list === progress.list));
    for (const requested of request.lists) {
      const next =
        requested.list === "refunds"
          ? mergeRefunds(order, returned.refunds!, requested.first)
          : mergeConnection(order, requested.list, returned[requested.list]!, requested);
      if (next) remaining.push(next);
    }
    return remaining;
  }
}

/** Appends a page of a connection, and returns the progress of its next page, or null after the last one. */
function mergeConnection(
  order: OrderNode,
  list: ConnectionListName,
  page: Connection<unknown>,
  requested: { after: string | null; first: number },
): ListProgress | null {
  const target = order[list] as Connection<unknown>;
  target.nodes.push(...page.nodes);
  target.pageInfo = page.pageInfo;
  if (!page.pageInfo.hasNextPage) return null;
  if (!page.pageInfo.endCursor) throw cutList(order, list, "hasNextPage without an end cursor");
  if (page.pageInfo.endCursor === requested.after) throw cutList(order, list, "the end cursor did not move");
  return { list, after: page.pageInfo.endCursor, first: grownFirst(requested.first) };
}

/** Replaces the refunds when the list came back shorter than requested, which proves it whole. */
function mergeRefunds(order: OrderNode, refunds: RefundNode[], first: number): ListProgress | null {
  if (refunds.length < first) {
    order.refunds = refunds;
    return null;
  }
  if (first >= SHOPIFY_MAX_PAGE_SIZE) {
    throw new CartError(
      "bad-response",
      `Order ${order.name} has ${SHOPIFY_MAX_PAGE_SIZE} refunds or more, more than Shopify returns in one request, so it cannot be imported completely. Report this order number to Cart Cutover support.`,
      `order ${order.id} refunds: ${refunds.length} returned for first ${first}`,
    );
  }
  return { list: "refunds", after: null, first: grownFirst(first) };
}

function tooCostly(order: OrderNode, limit: number): CartError {
  return new CartError(
    "bad-response",
    `Shopify's cost limit is too low to read the rest of order ${order.name} even one line at a time, so the order cannot be imported completely. Report this to Cart Cutover support.`,
    `follow-up for order ${order.id}: no list fits in ${Math.floor(limit)} estimated points`,
  );
}
