import { SHOPIFY_SINGLE_QUERY_MAX_COST } from "./shopify-api.js";
import type { CostBucket } from "./shopify-cost-bucket.js";
import type { QueryCostTooHighError } from "./shopify-errors.js";
import { LIST_SIZES_PER_ORDER, type OrderListName, type OrderListRequest } from "./shopify-queries.js";

/*
 * Requested query costs of the queries in shopify-queries.ts, by Shopify's
 * published cost rules. The "GraphQL Admin API rate limits" page on
 * shopify.dev prices a scalar or an enum at 0, an object at 1 and an
 * interface at the largest of its selections. A connection costs 2 plus
 * `first` times the cost of one node, as Shopify's engineering write-up on
 * calculated query cost describes it. Shopify publishes no figure for a list
 * without `first` (taxLines, discountAllocations), so each counts here as
 * one object. Shopify reports its own figure with every response, and
 * QueryBudget scales these estimates by it.
 * NOTE: the figures below come from these rules as the test simulator
 * applies them, not from a real store.
 */

const CONNECTION_COST = 2;

/** Cost of one node of each list, with the fields listSelection selects. */
const NODE_COST: Record<OrderListName, number> = {
  // LineItem 1, product 1, originalUnitPriceSet with shopMoney 2, taxLines with
  // priceSet and shopMoney 3, discountAllocations with allocatedAmountSet,
  // shopMoney and discountApplication 4.
  lineItems: 11,
  // ShippingLine 1, originalPriceSet 2, taxLines 3, discountAllocations 4.
  shippingLines: 10,
  // The DiscountApplication interface 1; its fragments select only scalars.
  discountApplications: 1,
  // Refund 1, totalRefundedSet with shopMoney 2. Refunds are a plain list with
  // `first`, priced like a connection because Shopify publishes no other rule.
  refunds: 3,
};

/**
 * The order's own objects: Order 1, customer 1, billingAddress 1,
 * shippingAddress 1, currentTotalPriceSet with both amounts 3 and
 * currentTotalTaxSet with the shop amount 2.
 */
const ORDER_FIELDS_COST = 9;

/** Returns the cost of `first` nodes of a list. */
export function listCost(list: OrderListName, first: number): number {
  return CONNECTION_COST + first * NODE_COST[list];
}

/**
 * Cost of one order in the orders query: 9 for its own objects, lineItems
 * 2 + 3 × 11 = 35, shippingLines 2 + 1 × 10 = 12, discountApplications
 * 2 + 3 × 1 = 5 and refunds 2 + 2 × 3 = 8, in all 69 points.
 */
export const ORDER_COST =
  ORDER_FIELDS_COST +
  (Object.keys(LIST_SIZES_PER_ORDER) as OrderListName[]).reduce(
    (sum, list) => sum + listCost(list, LIST_SIZES_PER_ORDER[list]),
    0,
  );

/**
 * Returns the cost of an orders page: 2 + 69 per order. Under the
 * single-query limit of 1,000 points a page has room for 14 orders, which
 * request 2 + 14 × 69 = 968 points; 15 orders would request 1,037.
 */
export function ordersPageCost(orderCount: number): number {
  return CONNECTION_COST + orderCount * ORDER_COST;
}

/** Returns the cost of one order's part of a follow-up: the Order object and its lists. */
export function orderFollowUpCost(request: Pick<OrderListRequest, "lists">): number {
  return 1 + request.lists.reduce((sum, { list, first }) => sum + listCost(list, first), 0);
}

/** Returns the cost of a follow-up request built by buildOrderListsQuery. */
export function followUpCost(requests: OrderListRequest[]): number {
  return requests.reduce((sum, request) => sum + orderFollowUpCost(request), 0);
}

/** Node cost of a list, for sizing a follow-up to what fits. */
export function nodeCostOf(list: OrderListName): number {
  return NODE_COST[list];
}

/** The two kinds of query a listing sends, whose estimates Shopify may price differently. */
export type QueryKind = "orders" | "follow-up";

/**
 * The cost limit of one request during a listing. It starts at Shopify's
 * single-query limit and never exceeds what the bucket contains. It also
 * learns from each response how Shopify's requested cost compares with the
 * estimates above, so that requests still fit if Shopify prices the schema
 * differently.
 */
export class QueryBudget {
  private singleQueryMaxCost = SHOPIFY_SINGLE_QUERY_MAX_COST;
  /** Shopify's requested cost divided by the estimate, per kind of query. */
  private readonly ratios: Record<QueryKind, number> = { orders: 1, "follow-up": 1 };

  constructor(private readonly bucket: CostBucket) {}

  /** Returns the largest estimate a request of this kind may have. */
  estimateLimit(kind: QueryKind): number {
    const maxCost = Math.min(this.singleQueryMaxCost, this.bucket.maximumAvailable ?? Infinity);
    return maxCost / this.ratios[kind];
  }

  /** Returns the cost to wait for in the bucket before sending a request of this estimate. */
  expectedCost(kind: QueryKind, estimate: number): number {
    return Math.ceil(estimate * this.ratios[kind]);
  }

  /** Records the requested cost Shopify reported for a request of this estimate. */
  learn(kind: QueryKind, estimate: number, requestedQueryCost: number | undefined): void {
    if (requestedQueryCost === undefined || !(requestedQueryCost > 0) || !(estimate > 0)) return;
    this.ratios[kind] = requestedQueryCost / estimate;
  }

  /**
   * Records a MAX_COST_EXCEEDED for a request of this estimate, so that
   * estimateLimit drops below it and the next request is smaller.
   */
  refused(kind: QueryKind, estimate: number, error: QueryCostTooHighError): void {
    if (Number.isFinite(error.maxCost) && error.maxCost > 0) {
      this.singleQueryMaxCost = Math.min(this.singleQueryMaxCost, error.maxCost);
    }
    const ratio = error.requestedCost / estimate;
    if (Number.isFinite(ratio) && ratio > this.ratios[kind]) this.ratios[kind] = ratio;
    if (this.estimateLimit(kind) >= estimate) this.ratios[kind] *= 2;
  }
}
