import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import { toUtcIso } from "../../time/zoned-time.js";
import { numericIdOf } from "./shopify-api.js";
import { normalizeShopifyOrder } from "./shopify-normalize.js";
import type { OrderNode, PageInfo } from "./shopify-order-node.js";

/** A listing window in UTC, half-open. */
export type Window = { from: string; to: string; fromMs: number; toMs: number };

/** The ids of a listed order, which the page checks name in their errors. */
export type ListedOrder = Pick<CartOrder, "orderId" | "orderNumber">;

/** Returns what the orders connection of a response lacks, or null when its shape is complete. */
export function ordersConnectionProblem(data: unknown): string | null {
  const orders = (data as { orders?: { nodes?: unknown; pageInfo?: unknown } }).orders;
  if (!orders || typeof orders !== "object") return "has no orders connection";
  if (!Array.isArray(orders.nodes)) return "has no orders.nodes list";
  const pageInfo = orders.pageInfo as Partial<PageInfo> | undefined;
  if (!pageInfo || typeof pageInfo.hasNextPage !== "boolean") return "has no orders.pageInfo.hasNextPage";
  for (const node of orders.nodes as Partial<OrderNode>[]) {
    if (typeof node?.id !== "string" || typeof node.createdAt !== "string") return "has an order without id or createdAt";
    for (const list of ["lineItems", "shippingLines", "discountApplications"] as const) {
      const connection = node[list];
      if (!Array.isArray(connection?.nodes) || typeof connection.pageInfo?.hasNextPage !== "boolean") {
        return `has order ${node.id} without its ${list}`;
      }
    }
    if (!Array.isArray(node.refunds)) return `has order ${node.id} without its refunds`;
  }
  return null;
}

/** Returns the error for an order with a field of an unexpected form, naming the order so that it stops the page visibly. */
function unreadableOrder(node: OrderNode, error: unknown): CartError {
  if (error instanceof CartError) return error;
  return new CartError(
    "bad-response",
    `Shopify sent order ${node.name} in a form Cart Cutover cannot read, so nothing from this page was used. Report this order number to Cart Cutover support.`,
    `order ${node.id} not readable: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Normalizes an order whose lists are whole; a field of an unexpected form raises a CartError. */
export function normalizeOrFail(node: OrderNode): CartOrder {
  try {
    return normalizeShopifyOrder(node);
  } catch (error) {
    throw unreadableOrder(node, error);
  }
}

/** A listed order's ids and instants, for the checks made before its lists are complete. */
export type ListedInstants = ListedOrder & Pick<CartOrder, "createdAtUtc" | "updatedAtUtc">;

/** Returns the ids and instants of a listed order, for the checks made before its lists are complete. */
export function listedOrderOf(node: OrderNode): ListedInstants {
  try {
    return {
      orderId: numericIdOf(node.id),
      orderNumber: node.name,
      createdAtUtc: toUtcIso(node.createdAt),
      updatedAtUtc: toUtcIso(node.updatedAt),
    };
  } catch (error) {
    throw unreadableOrder(node, error);
  }
}

/**
 * Raises when Shopify returned an order outside the requested window: the
 * filter was then not applied as sent, so the page may also lack orders.
 * `field` names the instant the window is on.
 */
export function checkInWindow(
  order: ListedInstants,
  window: Window,
  field: "created" | "updated" = "created",
): void {
  const instant = field === "created" ? order.createdAtUtc : order.updatedAtUtc;
  const instantMs = Date.parse(instant);
  if (instantMs >= window.fromMs && instantMs < window.toMs) return;
  const verb = field === "created" ? "created" : "updated";
  throw new CartError(
    "window-violated",
    `Shopify returned order ${order.orderNumber}, ${verb} ${instant}, although only orders ${verb} from ${window.from} up to ${window.to} were requested. The store did not apply the date filter, so this listing cannot be trusted; nothing from this page was used. Try again later, and report it to Cart Cutover support if it persists.`,
    `order ${order.orderId} ${verb} ${instant} outside ${window.from}..${window.to}`,
  );
}

function pagingBroken(reason: string): CartError {
  return new CartError(
    "bad-response",
    "Shopify's page of orders did not lead on to the next one as it should, so the listing cannot be trusted to be complete; nothing from this page was used. Run the listing again; if it repeats, report it to Cart Cutover support.",
    `orders paging: ${reason}`,
  );
}

/** Pages with no order that still claim a next page; more in a row than this mean the paging is stuck. */
const MAX_EMPTY_PAGES_IN_A_ROW = 3;

/**
 * Guards a listing against paging faults that would otherwise drop or repeat
 * orders without an error: a next page without a cursor, a cursor that does
 * not move, empty pages that never end, and an order seen twice.
 */
export class PagingGuard {
  private readonly seenOrderIds = new Set<string>();
  private emptyPagesInARow = 0;

  /** Raises when an order of this page was already listed. */
  checkNew(orders: ListedOrder[]): void {
    const ids = new Set<string>();
    for (const order of orders) {
      if (this.seenOrderIds.has(order.orderId) || ids.has(order.orderId)) {
        throw pagingBroken(`order ${order.orderId} (${order.orderNumber}) returned twice`);
      }
      ids.add(order.orderId);
    }
  }

  /** Records a page the listing yields. */
  accept(orders: ListedOrder[]): void {
    for (const order of orders) this.seenOrderIds.add(order.orderId);
  }

  /** Returns Shopify's cursor for the next page, or null after the last page. */
  nextAfter(pageInfo: PageInfo, orderCount: number, after: string | null): string | null {
    if (!pageInfo.hasNextPage) return null;
    if (!pageInfo.endCursor) throw pagingBroken("hasNextPage without an end cursor");
    if (pageInfo.endCursor === after) throw pagingBroken("the end cursor did not move");
    this.emptyPagesInARow = orderCount === 0 ? this.emptyPagesInARow + 1 : 0;
    if (this.emptyPagesInARow > MAX_EMPTY_PAGES_IN_A_ROW) throw pagingBroken(`${this.emptyPagesInARow} empty pages in a row`);
    return pageInfo.endCursor;
  }
}
