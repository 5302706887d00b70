import { CartError } from "../cart-error.js";
import { createLogger } from "../../logging/logger.js";
import { QueryCostTooHighError } from "./shopify-errors.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import type { LineItemConnection, LineItemNode, OrderNode, PageInfo } from "./shopify-order-node.js";
import { LINE_ITEMS_PER_ORDER, ORDER_LINE_ITEMS_QUERY } from "./shopify-queries.js";

const log = createLogger("shopify");

type LineItemsData = { order: { lineItems: LineItemConnection } | null };

function lineItemsProblem(data: unknown): string | null {
  const order = (data as { order?: unknown }).order;
  if (order === null) return null;
  const lineItems = (order as { lineItems?: { nodes?: unknown; pageInfo?: unknown } } | undefined)?.lineItems;
  if (!lineItems || !Array.isArray(lineItems.nodes)) return "has no order.lineItems.nodes list";
  if (!lineItems.pageInfo || typeof lineItems.pageInfo !== "object") return "has no order.lineItems.pageInfo";
  return null;
}

function cutLines(order: OrderNode, reason: string): CartError {
  return new CartError(
    "bad-response",
    `Shopify stopped returning the lines of order ${order.name} before the last one, so the order cannot be imported completely. Nothing from this page was used. Run the listing again; if it repeats, report this order number to Cart Cutover support.`,
    `order ${order.id} line items: ${reason}`,
  );
}

/**
 * Reads the lines of an order beyond the first page that the orders query
 * returns. The page size shrinks when Shopify finds a request too costly,
 * and the expected cost is learned from Shopify's figures, so later orders
 * of the same listing start with what worked.
 */
export class LineItemPager {
  private pageSize = LINE_ITEMS_PER_ORDER;
  /** Expected cost of one request in points, until Shopify has reported one. */
  private expectedCost = LINE_ITEMS_PER_ORDER + 3;

  constructor(private readonly client: ShopifyGraphqlClient) {}

  /** Returns every line of the order, with the requests it took beyond the orders query. */
  async complete(order: OrderNode, signal?: AbortSignal): Promise<{ nodes: LineItemNode[]; attempts: number }> {
    const nodes = [...order.lineItems.nodes];
    let pageInfo: PageInfo = order.lineItems.pageInfo;
    let attempts = 0;
    while (pageInfo.hasNextPage) {
      const after = pageInfo.endCursor;
      if (!after) throw cutLines(order, "hasNextPage without an end cursor");
      const page = await this.fetchPage(order, after, signal);
      attempts += page.attempts;
      nodes.push(...page.lineItems.nodes);
      pageInfo = page.lineItems.pageInfo;
      if (pageInfo.hasNextPage && pageInfo.endCursor === after) throw cutLines(order, "the end cursor did not move");
    }
    return { nodes, attempts };
  }

  private async fetchPage(
    order: OrderNode,
    after: string,
    signal?: AbortSignal,
  ): Promise<{ lineItems: LineItemConnection; attempts: number }> {
    let refused = 0;
    for (;;) {
      try {
        const result = await this.client.request<LineItemsData>(
          ORDER_LINE_ITEMS_QUERY,
          { id: order.id, first: this.pageSize, after },
          { signal, expectedCost: this.expectedCost, validate: lineItemsProblem },
        );
        if (result.cost) this.expectedCost = result.cost.requestedQueryCost;
        if (!result.data.order) {
          throw new CartError(
            "bad-response",
            `Shopify no longer returns order ${order.name} while its lines were being read. Run the listing again.`,
            `order ${order.id} missing in line item follow-up`,
          );
        }
        return { lineItems: result.data.order.lineItems, attempts: result.attempts + refused };
      } catch (error) {
        if (!(error instanceof QueryCostTooHighError) || this.pageSize <= 1) throw error;
        refused++;
        const ratio = error.maxCost / error.requestedCost;
        const scaled = Number.isFinite(ratio) && ratio > 0 ? Math.floor(this.pageSize * ratio) : this.pageSize / 2;
        this.pageSize = Math.max(1, Math.min(this.pageSize - 1, Math.floor(scaled)));
        this.expectedCost = Math.min(this.expectedCost, Number.isFinite(error.maxCost) ? error.maxCost : this.expectedCost);
        log.warn("line item query too costly, asking for fewer lines", { pageSize: this.pageSize, detail: error.detail });
      }
    }
  }
}
