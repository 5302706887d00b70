import { CartError } from "../cart-error.js";
import { createLogger } from "../../logging/logger.js";
import type { BigCommerceClient } from "./bigcommerce-client.js";
import { parseRfc2822 } from "./bigcommerce-dates.js";
import type {
  BcCoupon,
  BcOrder,
  BcOrderDetails,
  BcOrderProduct,
  BcRefund,
  BcRefundList,
  BcShippingAddress,
} from "./bigcommerce-payload.js";

const log = createLogger("bigcommerce");

/** Rows per sub-resource page: the platform-wide maximum. */
const SUB_RESOURCE_LIMIT = 250;
/** Pages read per sub-resource at most: 25,000 lines, far beyond any real order. */
const MAX_SUB_RESOURCE_PAGES = 100;
/** Orders whose sub-resources are read at the same time; the quota is shared with every app of the store. */
const DETAIL_CONCURRENCY = 2;

export type Counted<T> = { value: T; attempts: number };

/**
 * Reads every page of a V2 sub-resource until BigCommerce returns 204 or an
 * empty list, or until `isComplete` reports that all rows are there. A short
 * page alone does not end the read, because a server that caps the page
 * limit silently would then cut long orders at 50 lines.
 */
async function readAllPages<T>(
  client: BigCommerceClient,
  path: string,
  isComplete: (rows: T[], lastPage: T[]) => boolean,
  signal?: AbortSignal,
): Promise<Counted<T[]>> {
  const rows: T[] = [];
  let attempts = 0;
  for (let page = 1; page <= MAX_SUB_RESOURCE_PAGES; page++) {
    const answer = await client.get<T[]>("v2", path, { page: String(page), limit: String(SUB_RESOURCE_LIMIT) }, signal);
    attempts += answer.attempts;
    const pageRows = Array.isArray(answer.body) ? answer.body : [];
    if (pageRows.length === 0) return { value: rows, attempts };
    rows.push(...pageRows);
    if (isComplete(rows, pageRows)) return { value: rows, attempts };
  }
  throw new CartError(
    "bad-response",
    `BigCommerce kept sending pages of ${path} after ${MAX_SUB_RESOURCE_PAGES} pages. Try again later.`,
    `${path}: more than ${MAX_SUB_RESOURCE_PAGES} pages`,
  );
}

async function readDetails(client: BigCommerceClient, order: BcOrder, signal?: AbortSignal): Promise<Counted<BcOrderDetails>> {
  const quantityOf = (rows: BcOrderProduct[]) => rows.reduce((sum, row) => sum + row.quantity, 0);
  const products = await readAllPages<BcOrderProduct>(
    client,
    `orders/${order.id}/products`,
    (rows) => quantityOf(rows) >= order.items_total,
    signal,
  );
  if (quantityOf(products.value) !== order.items_total) {
    log.warn("line quantities differ from the order's item count", {
      orderId: order.id,
      lines: products.value.length,
      quantity: quantityOf(products.value),
      itemsTotal: order.items_total,
    });
  }
  const addresses = await readAllPages<BcShippingAddress>(
    client,
    `orders/${order.id}/shipping_addresses`,
    (_rows, lastPage) => lastPage.length < SUB_RESOURCE_LIMIT,
    signal,
  );
  const coupons =
    Number(order.coupon_discount) > 0
      ? await readAllPages<BcCoupon>(client, `orders/${order.id}/coupons`, (_rows, lastPage) => lastPage.length < SUB_RESOURCE_LIMIT, signal)
      : { value: [], attempts: 0 };
  return {
    value: { products: products.value, shippingAddresses: addresses.value, coupons: coupons.value },
    attempts: products.attempts + addresses.attempts + coupons.attempts,
  };
}

/**
 * True for a 404 on an order's sub-resource. The order list succeeded at
 * this API path a moment before, so the path is right and the order is gone.
 */
function isGone(error: unknown): boolean {
  if (!(error instanceof CartError) || error.kind !== "invalid-address") return false;
  return (error.detail ?? "").startsWith("HTTP 404");
}

/** Caches the sub-resources of each order version for one run, keyed by id and modification date. */
export class OrderDetailsReader {
  private readonly cache = new Map<string, BcOrderDetails>();

  constructor(private readonly client: BigCommerceClient) {}

  /**
   * Reads the details of a page of orders, a few orders at a time. An order
   * deleted for good after the list returned it has no details any more,
   * and its entry is null.
   */
  async readAll(orders: BcOrder[], signal?: AbortSignal): Promise<Counted<(BcOrderDetails | null)[]>> {
    const results: (BcOrderDetails | null)[] = new Array(orders.length);
    let attempts = 0;
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < orders.length && !failed) {
        const index = next++;
        const order = orders[index]!;
        const key = `${order.id}@${order.date_modified}`;
        const cached = this.cache.get(key);
        if (cached) {
          results[index] = cached;
          continue;
        }
        const read = await readDetails(this.client, order, signal).catch((error: unknown) => {
          if (isGone(error)) return null;
          // Stops the other worker, so a failed page sends no more requests.
          failed = true;
          throw error;
        });
        if (!read) {
          log.warn("order deleted after it was listed; leaving it out", { orderId: order.id });
          attempts += 1;
          results[index] = null;
          continue;
        }
        attempts += read.attempts;
        this.cache.set(key, read.value);
        results[index] = read.value;
      }
    };
    await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, orders.length) }, worker));
    return { value: results, attempts };
  }
}

/**
 * Reads the refunds of a page of orders in one V3 request per 250 refunds.
 * If the V3 refunds list is refused, each refunded order gets one refund of
 * its refunded_amount, dated at its last change, so the amount is not lost.
 */
export async function readRefunds(
  client: BigCommerceClient,
  orders: BcOrder[],
  signal?: AbortSignal,
): Promise<Counted<Map<number, BcRefund[]>>> {
  const refunded = orders.filter((order) => Number(order.refunded_amount) > 0);
  const byOrder = new Map<number, BcRefund[]>();
  let attempts = 0;
  if (refunded.length === 0) return { value: byOrder, attempts };

  try {
    for (let page = 1; page <= MAX_SUB_RESOURCE_PAGES; page++) {
      const query = {
        "order_id:in": refunded.map((order) => order.id).join(","),
        page: String(page),
        limit: String(SUB_RESOURCE_LIMIT),
      };
      const answer = await client.get<BcRefundList>("v3", "orders/payment_actions/refunds", query, signal);
      attempts += answer.attempts;
      for (const refund of answer.body?.data ?? []) {
        byOrder.set(refund.order_id, [...(byOrder.get(refund.order_id) ?? []), refund]);
      }
      if (page >= (answer.body?.meta?.pagination?.total_pages ?? 1)) break;
    }
  } catch (error) {
    // Only a refused or missing route falls back; other failures stop the page.
    const refused = error instanceof CartError && (error.kind === "permission-missing" || error.kind === "invalid-address");
    if (!refused) throw error;
    log.warn("refund list not readable; using each order's refunded amount", { detail: error.detail });
    byOrder.clear();
    for (const order of refunded) {
      const at = parseRfc2822(order.date_modified) ?? parseRfc2822(order.date_created) ?? "";
      byOrder.set(order.id, [{ order_id: order.id, created: at, total_amount: order.refunded_amount }]);
    }
  }
  return { value: byOrder, attempts };
}
