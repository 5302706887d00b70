import { CartError } from "../cart-error.js";
import type { OrderPage, OrderQuery } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { readHeader, type WooCommerceClient } from "./woocommerce-client.js";
import type { WooOrder, WooRefund } from "./woocommerce-payload.js";
import { normalizeWithRefunds } from "./woocommerce-refunds.js";
import {
  checkCreationWindow,
  checkWindow,
  decodeCursor,
  encodeCursor,
  isInWindow,
  type ListPosition,
  MAX_PAGE_SIZE,
  type OrderWindow,
  windowParams,
} from "./woocommerce-window.js";

const log = createLogger("woocommerce");

/** The smallest page the connector shrinks to when the store fails on large pages. */
const MIN_PAGE_SIZE = 5;

type FetchedPage = {
  orders: WooOrder[];
  offset: number;
  limit: number;
  total: number | null;
  attempts: number;
};

async function fetchPage(
  client: WooCommerceClient,
  params: Record<string, string>,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<FetchedPage> {
  const query = { ...params, per_page: String(limit), offset: String(offset) };
  const answer = await client.get<WooOrder[]>("/wc/v3/orders", query, signal);
  if (!Array.isArray(answer.body)) {
    throw new CartError(
      "bad-response",
      "WooCommerce sent something other than a list of orders. Try again; if it persists, a plugin may be changing the REST API.",
      `orders at offset ${offset}: body is not an array`,
    );
  }
  for (let index = 1; index < answer.body.length; index++) {
    if (answer.body[index]!.id <= answer.body[index - 1]!.id) {
      throw new CartError(
        "bad-response",
        "WooCommerce did not sort the orders by id as requested, so pages could skip orders. Check for plugins that change the order list, then try again.",
        `orders at offset ${offset}: id ${answer.body[index]!.id} after ${answer.body[index - 1]!.id}`,
      );
    }
  }
  const total = Number(readHeader(answer.headers, "x-wp-total") ?? Number.NaN);
  return {
    orders: answer.body,
    offset,
    limit,
    total: Number.isFinite(total) ? total : null,
    attempts: answer.attempts,
  };
}

/**
 * Fetches the page after a position, starting one entry early so that the
 * first order should be the last one already read. If it is missing, orders
 * before the position were deleted and the list moved back under the offset,
 * so the read steps back until the anchor is found or the list starts.
 */
async function fetchAnchoredPage(
  client: WooCommerceClient,
  params: Record<string, string>,
  from: ListPosition,
  perPage: number,
  signal?: AbortSignal,
): Promise<FetchedPage> {
  let position = from.position;
  let attempts = 0;
  for (;;) {
    const anchor = position > 0 ? 1 : 0;
    const offset = position - anchor;
    const limit = Math.min(MAX_PAGE_SIZE, perPage + anchor);
    const page = await fetchPage(client, params, offset, limit, signal);
    attempts += page.attempts;
    const first = page.orders[0];

    if (offset > 0 && !first && page.total !== null && page.total < position) {
      log.warn("order list got shorter while paging; reading again from its end", {
        position,
        total: page.total,
      });
      position = page.total;
    } else if (offset > 0 && first && first.id > from.lastId) {
      log.warn("anchor order not found; stepping back", { position, lastId: from.lastId });
      position = Math.max(0, position - perPage);
    } else {
      return { ...page, attempts };
    }
  }
}

/** Fetches a page, halving the page size while the store fails on large pages. */
async function fetchShrinkingPage(
  client: WooCommerceClient,
  params: Record<string, string>,
  from: ListPosition,
  perPage: number,
  signal?: AbortSignal,
): Promise<{ page: FetchedPage; perPage: number }> {
  let size = perPage;
  for (;;) {
    try {
      return { page: await fetchAnchoredPage(client, params, from, size, signal), perPage: size };
    } catch (error) {
      // A page too large for the store's PHP memory or time limit ends in
      // HTTP 500 or a gateway's 504; other server errors are not about size.
      const shrinkable =
        error instanceof CartError &&
        error.kind === "server-error" &&
        /^HTTP (500|504) /.test(error.detail ?? "");
      if (!shrinkable || size <= MIN_PAGE_SIZE) throw error;
      size = Math.max(MIN_PAGE_SIZE, Math.floor(size / 2));
      log.warn("store failed on a page; retrying with fewer orders", { perPage: size });
    }
  }
}

/** The reading of one fetched page: its new orders, the position after it, and whether the list ends. */
type PageReading = {
  fresh: WooOrder[];
  next: ListPosition;
  /** ended: the list has no more; continues: it has more; unsure: only the next page can tell. */
  end: "ended" | "continues" | "unsure";
};

/**
 * Reads a page against the position before it. A short page that agrees
 * with X-WP-Total ends the list. X-WP-Total alone never does, because
 * caching proxies and plugins can report it wrong. A short page below a
 * higher total can come from a store that caps per_page without saying
 * so. In both cases the next page decides.
 */
function readPage(page: FetchedPage, from: ListPosition): PageReading {
  const fresh = page.orders.filter((order) => order.id > from.lastId);
  const last = page.orders.at(-1);
  const next: ListPosition = last
    ? { lastId: Math.max(from.lastId, last.id), position: page.offset + page.orders.length }
    : from;
  const full = page.orders.length >= page.limit;
  const totalReached = page.total === null || next.position >= page.total;
  if (!full) {
    const ended = fresh.length === 0 || totalReached;
    return { fresh, next, end: ended ? "ended" : "unsure" };
  }
  return { fresh, next, end: page.total !== null && totalReached ? "unsure" : "continues" };
}

/**
 * Lists the orders of a window, sorted by id. Offset paging shifts when
 * orders are deleted while a client pages, and the anchor check in
 * fetchAnchoredPage catches that. Ids at or below the last one read are
 * dropped, so no order is skipped or returned twice.
 */
export async function* listWooOrders(
  client: WooCommerceClient,
  window: OrderWindow,
  query: OrderQuery,
): AsyncIterable<OrderPage> {
  checkWindow(window);
  const params = windowParams(window);
  let perPage = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? MAX_PAGE_SIZE));
  let from: ListPosition = query.resumeCursor
    ? decodeCursor(query.resumeCursor, window)
    : { lastId: 0, position: 0 };
  const refundCache = new Map<number, WooRefund[]>();
  let staleFullPages = 0;
  let ahead: { page: FetchedPage; perPage: number } | null = null;

  for (;;) {
    const fetched = ahead ?? (await fetchShrinkingPage(client, params, from, perPage, query.signal));
    ahead = null;
    const page = fetched.page;
    perPage = fetched.perPage;
    const reading = readPage(page, from);
    const { fresh, next } = reading;

    // A full page of orders already read, twice in a row, means the store
    // ignores the offset; going on would loop over the same orders.
    staleFullPages = fresh.length === 0 && page.orders.length >= page.limit ? staleFullPages + 1 : 0;
    if (staleFullPages >= 2) {
      throw new CartError(
        "bad-response",
        "WooCommerce keeps returning orders that were already read, so its REST API seems to ignore the offset parameter. Update WooCommerce, then try again.",
        `offset ${page.offset}, last id ${from.lastId}`,
      );
    }

    let done = reading.end === "ended";
    let attempts = page.attempts;
    if (reading.end === "unsure") {
      // Reads the next page before handing this one out, so that the last
      // page with orders carries the null cursor instead of an empty page.
      const following = await fetchShrinkingPage(client, params, next, perPage, query.signal);
      const after = readPage(following.page, next);
      if (after.fresh.length === 0 && after.end === "ended") {
        done = true;
        attempts += following.page.attempts;
      } else {
        ahead = following;
      }
    }

    checkCreationWindow(fresh, window);
    const kept = fresh.filter((order) => isInWindow(order, window));
    const normalized = await normalizeWithRefunds(client, kept, refundCache, query.signal);
    log.info("page fetched", {
      offset: page.offset,
      count: page.orders.length,
      new: fresh.length,
      inWindow: kept.length,
      total: page.total,
    });
    yield {
      orders: normalized.orders,
      nextCursor: done ? null : encodeCursor(window, next),
      attempts: attempts + normalized.attempts,
    };
    if (done) return;
    from = next;
  }
}
