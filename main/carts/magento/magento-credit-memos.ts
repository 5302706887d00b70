import { CartError } from "../cart-error.js";
import type { Logger } from "../../logging/logger.js";
import type { MagentoCreditMemo, MagentoOrder, MagentoSearchResult } from "./magento-api.js";
import type { MagentoClient } from "./magento-client.js";
import { searchCriteriaParams } from "./magento-search.js";

const MEMO_PAGE_SIZE = 100;

export type CreditMemoBatch = {
  /** Credit memos by order entity id. */
  memos: Map<string, MagentoCreditMemo[]>;
  attempts: number;
};

/**
 * Reads the credit memos (refunds) of the refunded orders of a page, in one
 * search per page. It remembers for the run when the integration may not
 * read credit memos, and then falls back to the refunded totals on the order.
 */
export class CreditMemoReader {
  private allowed = true;

  constructor(
    private readonly client: MagentoClient,
    private readonly log: Logger,
  ) {}

  async forOrders(orders: MagentoOrder[], signal?: AbortSignal): Promise<CreditMemoBatch> {
    const memos = new Map<string, MagentoCreditMemo[]>();
    const refundedIds = orders
      .filter((order) => Number(order.base_total_refunded ?? 0) > 0)
      .map((order) => String(order.entity_id));
    if (!this.allowed || refundedIds.length === 0) return { memos, attempts: 0 };

    let attempts = 0;
    try {
      // currentPage paging is safe here: the set of memos for these orders
      // does not move while it is read. The loop stops at total_count, on a
      // short page, or on a page without new memos, which is how a store
      // that repeats its last page, or trims total_count, ends.
      for (let currentPage = 1; ; currentPage++) {
        const params = searchCriteriaParams({
          filterGroups: [[{ field: "order_id", conditionType: "in", value: refundedIds.join(",") }]],
          sortOrders: [{ field: "entity_id", direction: "ASC" }],
          pageSize: MEMO_PAGE_SIZE,
          currentPage,
        });
        const result = await this.client.get<MagentoSearchResult<MagentoCreditMemo>>(
          "creditmemos",
          params,
          signal,
        );
        attempts += result.attempts;
        const items = result.value.items ?? [];
        let added = 0;
        for (const memo of items) {
          const orderId = String(memo.order_id);
          const known = memos.get(orderId) ?? [];
          if (!known.some((seen) => String(seen.entity_id) === String(memo.entity_id))) {
            known.push(memo);
            added++;
          }
          memos.set(orderId, known);
        }
        const totalCount = Number(result.value.total_count ?? Number.POSITIVE_INFINITY);
        const reachedTotal = currentPage * MEMO_PAGE_SIZE >= totalCount;
        if (reachedTotal || items.length < MEMO_PAGE_SIZE || added === 0) break;
      }
    } catch (error) {
      if (!(error instanceof CartError) || error.kind !== "permission-missing") throw error;
      this.allowed = false;
      this.log.warn("credit memos not readable; refund dates fall back to the order's last change", {
        detail: error.detail,
      });
      return { memos: new Map(), attempts };
    }
    return { memos, attempts };
  }
}
