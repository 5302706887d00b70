import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import { createLogger } from "../../logging/logger.js";
import type { WooCommerceClient } from "./woocommerce-client.js";
import { normalizeWooOrder } from "./woocommerce-normalize.js";
import type { WooOrder, WooRefund } from "./woocommerce-payload.js";
import { AMOUNT_DECIMALS, MAX_PAGE_SIZE } from "./woocommerce-window.js";

const log = createLogger("woocommerce");

/**
 * Builds refunds from the undated summaries in the order itself, dated at
 * the order's last change, for an order whose refunds route is gone.
 */
function refundsFromSummaries(order: WooOrder): WooRefund[] {
  const datedAt = order.date_modified_gmt ?? order.date_created_gmt ?? "";
  return (order.refunds ?? []).map((summary) => ({
    id: summary.id,
    date_created_gmt: datedAt,
    amount: summary.total.replace(/^-/, ""),
  }));
}

async function readRefunds(
  client: WooCommerceClient,
  order: WooOrder,
  cache: Map<number, WooRefund[]>,
  signal?: AbortSignal,
): Promise<{ refunds: WooRefund[]; attempts: number }> {
  if (!order.refunds?.length) return { refunds: [], attempts: 0 };
  const cached = cache.get(order.id);
  if (cached) return { refunds: cached, attempts: 0 };
  let answer;
  try {
    answer = await client.get<WooRefund[]>(
      `/wc/v3/orders/${order.id}/refunds`,
      { per_page: String(MAX_PAGE_SIZE), dp: AMOUNT_DECIMALS },
      signal,
    );
  } catch (error) {
    // The list just returned the order, so a 404 here means it was deleted
    // in between. Its own body still contains every amount, so it is kept.
    if (!(error instanceof CartError) || !error.detail?.startsWith("HTTP 404")) throw error;
    log.warn("order deleted before its refunds were read; dating its refunds at its last change", {
      orderId: order.id,
    });
    return { refunds: refundsFromSummaries(order), attempts: 1 };
  }
  const refunds = Array.isArray(answer.body) ? answer.body : [];
  cache.set(order.id, refunds);
  return { refunds, attempts: answer.attempts };
}

/** Normalizes orders, reading the dated refunds of those that have any. */
export async function normalizeWithRefunds(
  client: WooCommerceClient,
  orders: WooOrder[],
  cache: Map<number, WooRefund[]>,
  signal?: AbortSignal,
): Promise<{ orders: CartOrder[]; attempts: number }> {
  const normalized: CartOrder[] = [];
  let attempts = 0;
  for (const order of orders) {
    const read = await readRefunds(client, order, cache, signal);
    attempts += read.attempts;
    try {
      normalized.push(normalizeWooOrder(order, read.refunds));
    } catch (error) {
      throw new CartError(
        "bad-response",
        `WooCommerce order ${order.id} could not be read (${error instanceof Error ? error.message : "unknown error"}). Check the order in the shop's admin, then try again.`,
        `order ${order.id}`,
      );
    }
  }
  return { orders: normalized, attempts };
}

