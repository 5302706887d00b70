import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import type { ModifiedOrderQuery, OrderPage, OrderQuery } from "../connector.js";
import { RetriesExhaustedError } from "../../http/http-client.js";
import type { Logger } from "../../logging/logger.js";
import { fromMagentoUtc, toMagentoUtc, type MagentoOrder, type MagentoSearchResult } from "./magento-api.js";
import { PageSizeLimitError, type MagentoClient } from "./magento-client.js";
import { CreditMemoReader } from "./magento-credit-memos.js";
import { decodeCursor, encodeCursor, modifiedWindowOf, windowOf, type OrderWindow } from "./magento-cursor.js";
import { normalizeMagentoOrder } from "./magento-normalize.js";
import { checkNoStrayOrder, windowDateOf } from "./magento-stray-orders.js";
import { searchCriteriaParams } from "./magento-search.js";

export const MAGENTO_DEFAULT_PAGE_SIZE = 100;
/** The cap that Magento's input limiting applies; stores without it accept more. */
export const MAGENTO_MAX_PAGE_SIZE = 300;
const MIN_PAGE_SIZE = 10;

/**
 * Builds the request for the orders after entity id afterId. Magento dates
 * are UTC, written without offset at whole seconds, so the bounds are the
 * window's seconds rounded outwards and the connector drops the extra.
 * No status filter is sent, so every state is included. The filter is on
 * the window's field, created_at or updated_at.
 */
function pageParams(
  window: OrderWindow,
  afterId: number,
  pageSize: number,
): [string, string][] {
  const fromSecond = toMagentoUtc(Math.floor(window.fromMs / 1000) * 1000);
  const toSecond = toMagentoUtc(Math.ceil(window.toMs / 1000) * 1000);
  return searchCriteriaParams({
    filterGroups: [
      [{ field: window.field, conditionType: "gteq", value: fromSecond }],
      [{ field: window.field, conditionType: "lt", value: toSecond }],
      [{ field: "entity_id", conditionType: "gt", value: String(afterId) }],
    ],
    sortOrders: [{ field: "entity_id", direction: "ASC" }],
    pageSize,
    currentPage: 1,
  });
}

function entityIdOf(order: MagentoOrder): number {
  const id = Number(order.entity_id);
  if (!Number.isInteger(id)) {
    throw new CartError(
      "bad-response",
      "Magento sent an order without a numeric entity_id. Report this to Cart Cutover support.",
      `entity_id ${String(order.entity_id)}`,
    );
  }
  return id;
}

function isInWindow(order: MagentoOrder, window: OrderWindow): boolean {
  const raw = windowDateOf(order, window);
  let instantMs: number;
  try {
    instantMs = Date.parse(fromMagentoUtc(raw));
  } catch {
    const name = window.field === "created_at" ? "creation" : "modification";
    throw new CartError(
      "bad-response",
      `Magento sent order ${String(order.entity_id)} with a ${name} date that cannot be read, so the listing stopped rather than guess whether it belongs to the date range. Report this to Cart Cutover support.`,
      `${window.field} ${JSON.stringify(raw)} on entity_id ${String(order.entity_id)}`,
    );
  }
  return instantMs >= window.fromMs && instantMs < window.toMs;
}

/** True for an order search result: an object with an items list. */
function isSearchResult(value: unknown): boolean {
  return typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items);
}

/**
 * Reads total_count, or null when the response has none, as when a proxy
 * or the fields parameter trimmed it. Without it only a short page ends the
 * run.
 */
function totalCountOf(result: MagentoSearchResult<MagentoOrder>): number | null {
  if (result.total_count === undefined || result.total_count === null) return null;
  const count = Number(result.total_count);
  return Number.isFinite(count) ? count : null;
}

/**
 * Checks that a page holds only entity ids above afterId, in ascending
 * order. The next page starts after the highest id, so a store that ignored
 * the sort or the entity_id filter would otherwise make the run skip orders.
 */
function checkPageOrder(items: MagentoOrder[], afterId: number): void {
  const ids = items.map(entityIdOf);
  const ascending = ids.every((id, index) => index === 0 || id > ids[index - 1]!);
  if (ascending && ids.every((id) => id > afterId)) return;
  throw new CartError(
    "bad-response",
    "Magento sent orders out of the requested order, so the listing stopped rather than skip any. An extension may be changing order searches; try again, and if it persists, report it to Cart Cutover support.",
    `entity_ids ${ids.slice(0, 10).join(",")} after ${afterId}, expected ascending above it`,
  );
}

/**
 * Lists the orders created in [from, to), oldest entity id first. Each page
 * requests the orders after the last entity id seen, always as currentPage
 * 1, so orders added or deleted during the run shift nothing. A store that
 * repeats its last page past the end therefore never gets a request past
 * the end. The run ends when the page contains every remaining match, which
 * is Magento's rule currentPage × pageSize ≥ total_count for the first page.
 */
export async function* listMagentoOrders(
  client: MagentoClient,
  query: OrderQuery,
  log: Logger,
): AsyncIterable<OrderPage> {
  yield* listWindow(client, windowOf(query), query, log);
}

/**
 * Lists the orders whose updated_at is in [from, to), every state included,
 * paged by entity id as the creation listing is. An order edited again
 * during the run moves past the window's end, which is never later than
 * now, so it drops out here and is listed by the next window.
 */
export async function* listModifiedMagentoOrders(
  client: MagentoClient,
  query: ModifiedOrderQuery,
  log: Logger,
): AsyncIterable<OrderPage> {
  yield* listWindow(client, modifiedWindowOf(query), query, log);
}

async function* listWindow(
  client: MagentoClient,
  window: OrderWindow,
  query: Pick<OrderQuery, "pageSize" | "resumeCursor" | "signal">,
  log: Logger,
): AsyncIterable<OrderPage> {
  let afterId = decodeCursor(query.resumeCursor, window);
  let pageSize = Math.max(1, Math.min(query.pageSize ?? MAGENTO_DEFAULT_PAGE_SIZE, MAGENTO_MAX_PAGE_SIZE));
  const memos = new CreditMemoReader(client, log);

  for (;;) {
    let result: { value: MagentoSearchResult<MagentoOrder>; attempts: number };
    try {
      result = await client.get<MagentoSearchResult<MagentoOrder>>(
        "orders",
        pageParams(window, afterId, pageSize),
        query.signal,
        isSearchResult,
      );
    } catch (error) {
      const smaller = smallerPageSize(error, pageSize);
      if (smaller === null) throw error;
      log.warn("reducing the page size", { from: pageSize, to: smaller, cause: (error as CartError).detail });
      pageSize = smaller;
      continue;
    }

    const items = result.value.items ?? [];
    const totalCount = totalCountOf(result.value);
    const fresh = items.filter((order) => entityIdOf(order) > afterId);
    if (items.length > 0 && fresh.length === 0) {
      throw new CartError(
        "bad-response",
        "Magento sent the same orders again instead of the next ones, so the listing stopped to avoid a loop. Try again later; if it persists, report it to Cart Cutover support.",
        `no entity_id above ${afterId} in a page of ${items.length}`,
      );
    }
    checkPageOrder(items, afterId);

    checkNoStrayOrder(fresh, window);
    const inWindow = fresh.filter((order) => isInWindow(order, window));
    if (inWindow.length < fresh.length) {
      log.warn("dropped orders at the edge of the requested window", {
        dropped: fresh.length - inWindow.length,
        field: window.field,
        from: window.fromUtc,
        to: window.toUtc,
      });
    }
    const refunds = await memos.forOrders(inWindow, query.signal);
    const orders: CartOrder[] = inWindow.map((order) => {
      noteEditedOrder(order, log);
      return normalizeMagentoOrder(order, refunds.memos.get(String(order.entity_id)) ?? []);
    });

    if (fresh.length > 0) afterId = Math.max(...fresh.map(entityIdOf));
    const done = items.length === 0 || (totalCount === null ? items.length < pageSize : pageSize >= totalCount);
    // attempts counts the tries of the order search only, as for platforms
    // that return a page in one request. The credit memo lookups are logged.
    log.info("fetched orders page", {
      count: orders.length,
      received: items.length,
      totalCount: totalCount ?? "absent",
      pageSize,
      lookupRequests: refunds.attempts,
    });
    yield { orders, nextCursor: done ? null : encodeCursor(window, afterId), attempts: result.attempts };
    if (done) return;
  }
}

/**
 * Returns the page size to try after a failed page, or null to give up. A
 * store with input limiting names its maximum. A page that keeps failing
 * with server errors or time-outs may exhaust PHP's memory or time limit,
 * so it shrinks.
 */
function smallerPageSize(error: unknown, pageSize: number): number | null {
  if (error instanceof PageSizeLimitError && error.maxPageSize >= 1 && error.maxPageSize < pageSize) {
    return error.maxPageSize;
  }
  const keepsFailing =
    error instanceof RetriesExhaustedError &&
    (error.repeatedFailure === "server-error" || error.repeatedFailure === "timeout");
  if (keepsFailing && pageSize > MIN_PAGE_SIZE) return Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
  return null;
}

/** Logs the link of an order that replaced an edited one ("100000692-1" replaces "100000692"). */
function noteEditedOrder(order: MagentoOrder, log: Logger): void {
  if (!order.relation_parent_id && !order.relation_parent_real_id) return;
  log.info("order replaces an edited order", {
    orderId: String(order.entity_id),
    orderNumber: order.increment_id,
    replacesOrderId: order.relation_parent_id ? String(order.relation_parent_id) : null,
    replacesOrderNumber: order.relation_parent_real_id ?? null,
  });
}
