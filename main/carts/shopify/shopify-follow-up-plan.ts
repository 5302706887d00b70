import { SHOPIFY_MAX_PAGE_SIZE } from "./shopify-api.js";
import { listCost, nodeCostOf, orderFollowUpCost } from "./shopify-cost-estimate.js";
import type { OrderListName, OrderListRequest } from "./shopify-queries.js";

/** How far one list of an order has been read, and how much of it to ask for next. */
export type ListProgress = {
  list: OrderListName;
  /** Cursor to read on from; null for refunds, which are read again from the start. */
  after: string | null;
  first: number;
};

/** An order of the page with lists still to read. */
export type PendingOrder = { orderId: string; lists: ListProgress[] };

/**
 * Nodes requested in an order's first follow-up. Shopify does not report
 * how many more nodes a list has. So a follow-up starts with a few, and each
 * round requests FOLLOW_UP_GROWTH times as many. Several orders just over
 * the orders query's sizes then share one request, and a very long list
 * still takes only a few.
 */
const FIRST_FOLLOW_UP: Record<OrderListName, number> = {
  lineItems: 20,
  shippingLines: 5,
  discountApplications: 10,
  refunds: 10,
};

const FOLLOW_UP_GROWTH = 4;

/** Returns the progress of a list's first follow-up. */
export function startProgress(list: OrderListName, after: string | null): ListProgress {
  return { list, after, first: FIRST_FOLLOW_UP[list] };
}

/** Returns how many nodes to request after a request for `first` nodes that found more. */
export function grownFirst(first: number): number {
  return Math.min(SHOPIFY_MAX_PAGE_SIZE, first * FOLLOW_UP_GROWTH);
}

/**
 * Shrinks an order's lists until their cost fits `limit`: first the costliest
 * list to what fits beside the others, then to one node, and then lists are
 * left for a later request. Returns null when not even one node of one list
 * fits.
 */
function fitLists(progress: ListProgress[], limit: number): OrderListRequest["lists"] | null {
  const lists = progress.map(({ list, first, after }) => ({ list, first, after }));
  const costOf = () => orderFollowUpCost({ lists });
  while (costOf() > limit) {
    const costliest = lists.reduce((left, right) =>
      left.first * nodeCostOf(left.list) >= right.first * nodeCostOf(right.list) ? left : right,
    );
    const others = costOf() - listCost(costliest.list, costliest.first);
    const room = Math.floor((limit - others - listCost(costliest.list, 0)) / nodeCostOf(costliest.list));
    if (room >= 1 && room < costliest.first) {
      costliest.first = room;
    } else if (costliest.first > 1) {
      costliest.first = 1;
    } else if (lists.length > 1) {
      lists.splice(lists.indexOf(costliest), 1);
    } else {
      return null;
    }
  }
  return lists;
}

/**
 * Plans the next follow-up request within `limit` points: the first pending
 * order, shrunk to fit when it must be, and beside it every other pending
 * order whose lists fit whole in what is left. Returns null when nothing
 * fits.
 */
export function planFollowUp(pending: PendingOrder[], limit: number): OrderListRequest[] | null {
  const [first, ...rest] = pending;
  if (!first) return null;
  const firstLists = fitLists(first.lists, limit);
  if (!firstLists) return null;

  const requests: OrderListRequest[] = [{ orderId: first.orderId, lists: firstLists }];
  let total = orderFollowUpCost(requests[0]!);
  for (const order of rest) {
    const lists = order.lists.map(({ list, first: size, after }) => ({ list, first: size, after }));
    const cost = orderFollowUpCost({ lists });
    if (total + cost > limit) continue;
    requests.push({ orderId: order.orderId, lists });
    total += cost;
  }
  return requests;
}
