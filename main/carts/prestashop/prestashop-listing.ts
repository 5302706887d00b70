import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import type { ModifiedOrderQuery, OrderPage, OrderQuery } from "../connector.js";
import { RetriesExhaustedError } from "../../http/http-client.js";
import type { Logger } from "../../logging/logger.js";
import { isValidTimeZone } from "../../time/zoned-time.js";
import type { PrestaShopOrder } from "./prestashop-api.js";
import type { PrestaShopClient } from "./prestashop-client.js";
import { ResourceNotAllowedError } from "./prestashop-errors.js";
import { PrestaShopLookups } from "./prestashop-lookups.js";
import { normalizePrestaShopOrder } from "./prestashop-normalize.js";
import { checkNoStrayOrder } from "./prestashop-stray-orders.js";
import { loadPageContext } from "./prestashop-page-context.js";
import {
  decodeCursor,
  encodeCursor,
  localDateBounds,
  modifiedWindowOf,
  windowOf,
  type OrderWindow,
} from "./prestashop-window.js";

export const PRESTASHOP_DEFAULT_PAGE_SIZE = 100;
/** NOTE: PrestaShop documents no maximum limit, so 500 is a guess that keeps responses small. */
export const PRESTASHOP_MAX_PAGE_SIZE = 500;
const MIN_PAGE_SIZE = 10;
/** The largest id_order MySQL's unsigned INT holds, as the open end of the id interval. */
const MAX_ORDER_ID = 4_294_967_295;

/**
 * Builds the request for the orders after id afterId, filtered on the
 * window's date field. It requests one row more than the page size, so a
 * full page shows whether another one follows without a request that comes
 * back empty.
 */
function pageParams(
  window: OrderWindow,
  bounds: { from: string; to: string },
  afterId: number,
  pageSize: number,
): [string, string][] {
  return [
    ["display", "full"],
    ["date", "1"],
    [`filter[${window.field}]`, `[${bounds.from},${bounds.to}]`],
    ["filter[id]", `[${afterId + 1},${MAX_ORDER_ID}]`],
    ["sort", "[id_ASC]"],
    ["limit", `0,${pageSize + 1}`],
  ];
}

/**
 * Resolves the shop's zone: the one the user entered (for a shop of a
 * multistore whose zone differs from the default), else PS_TIMEZONE.
 */
export async function shopTimeZone(lookups: PrestaShopLookups, configured: string | null): Promise<string> {
  if (configured) return configured;
  let zone: string | null;
  try {
    zone = (await lookups.settings()).timeZone;
  } catch (error) {
    if (!(error instanceof ResourceNotAllowedError) || error.resource !== "configurations") throw error;
    throw new CartError(
      "permission-missing",
      "PrestaShop order times are in the shop's time zone, which this webservice key may not read. In Advanced Parameters › Webservice, edit the key, tick View (GET) for configurations, save, and test again.",
      error.detail,
    );
  }
  if (!zone || !isValidTimeZone(zone)) {
    throw new CartError(
      "bad-response",
      `The shop's time zone setting PS_TIMEZONE is "${zone ?? ""}", which is not an IANA zone such as Europe/Madrid. Enter the shop's time zone in the connection settings.`,
      `PS_TIMEZONE ${zone ?? "missing"}`,
    );
  }
  return zone;
}

/**
 * Lists the orders created in [from, to), lowest id first. Each page
 * requests the ids above the last one seen, so orders added during the run
 * shift nothing. Orders whose resolved creation instant is outside the window,
 * including those stamped exactly at its end, are dropped.
 */
export async function* listPrestaShopOrders(
  client: PrestaShopClient,
  query: OrderQuery,
  configuredZone: string | null,
  log: Logger,
): AsyncIterable<OrderPage> {
  yield* listWindow(client, windowOf(query), query, configuredZone, log);
}

/**
 * Lists the orders whose date_upd is in [from, to), every state included,
 * with the same shop-local bounds, paging and drops as the creation
 * listing. An order changed again during the run moves past the window's
 * end, which is never later than now, so the next window lists it.
 */
export async function* listModifiedPrestaShopOrders(
  client: PrestaShopClient,
  query: ModifiedOrderQuery,
  configuredZone: string | null,
  log: Logger,
): AsyncIterable<OrderPage> {
  yield* listWindow(client, modifiedWindowOf(query), query, configuredZone, log);
}

async function* listWindow(
  client: PrestaShopClient,
  window: OrderWindow,
  query: Pick<OrderQuery, "pageSize" | "resumeCursor" | "signal">,
  configuredZone: string | null,
  log: Logger,
): AsyncIterable<OrderPage> {
  let afterId = decodeCursor(query.resumeCursor, window);
  const requestedSize = query.pageSize ?? PRESTASHOP_DEFAULT_PAGE_SIZE;
  let pageSize = Math.max(1, Math.min(requestedSize, PRESTASHOP_MAX_PAGE_SIZE));
  const lookups = new PrestaShopLookups(client, log, query.signal);
  const timeZone = await shopTimeZone(lookups, configuredZone);
  const bounds = localDateBounds(window, timeZone);

  for (;;) {
    let rows: PrestaShopOrder[];
    let attempts: number;
    try {
      const params = pageParams(window, bounds, afterId, pageSize);
      ({ rows, attempts } = await client.list<PrestaShopOrder>("orders", params, query.signal));
    } catch (error) {
      const keepsFailing =
        error instanceof RetriesExhaustedError &&
        (error.repeatedFailure === "server-error" || error.repeatedFailure === "timeout");
      if (!keepsFailing || pageSize <= MIN_PAGE_SIZE) throw error;
      // A page that keeps failing with server errors or time-outs may exhaust
      // PHP's memory or time limit, so it is requested again at half the size.
      const smaller = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      log.warn("reducing the page size after repeated failures", {
        from: pageSize,
        to: smaller,
        cause: error.detail,
      });
      pageSize = smaller;
      continue;
    }

    const fresh = rows.filter((row) => Number(row.id) > afterId);
    if (rows.length > 0 && fresh.length === 0) {
      throw new CartError(
        "bad-response",
        "PrestaShop sent the same orders again instead of the next ones, so the listing stopped to avoid a loop. Try again later; if it persists, report it to Cart Cutover support.",
        `no order id above ${afterId} in a page of ${rows.length}`,
      );
    }
    checkPageOrder(rows, afterId);
    const hasMore = fresh.length > pageSize;
    const pageRows = fresh.slice(0, pageSize);
    checkNoStrayOrder(pageRows, window, timeZone);
    const orders = await normalizePage(pageRows, lookups, timeZone, window, log);
    if (pageRows.length > 0) afterId = Number(pageRows.at(-1)!.id);

    // attempts counts the tries of the order list request only, as for
    // platforms that return a page in one request. The lookups are logged.
    log.info("fetched orders page", {
      count: orders.length,
      received: pageRows.length,
      pageSize,
      lookupRequests: lookups.takeAttempts(),
    });
    yield { orders, nextCursor: hasMore ? encodeCursor(window, afterId) : null, attempts };
    if (!hasMore) return;
  }
}

/**
 * Checks that a page holds only ids above afterId, in ascending order. The
 * next page starts after the last id, so a shop that ignored sort or
 * filter[id] would otherwise make the run skip orders.
 */
function checkPageOrder(rows: PrestaShopOrder[], afterId: number): void {
  const ids = rows.map((row) => Number(row.id));
  const ascending = ids.every((id, index) => Number.isInteger(id) && (index === 0 || id > ids[index - 1]!));
  if (ascending && ids.every((id) => id > afterId)) return;
  throw new CartError(
    "bad-response",
    "PrestaShop sent orders out of the requested order, so the listing stopped rather than skip any. A module may be changing webservice lists; try again, and if it persists, report it to Cart Cutover support.",
    `order ids ${ids.slice(0, 10).join(",")} after ${afterId}, expected ascending above it`,
  );
}

async function normalizePage(
  rows: PrestaShopOrder[],
  lookups: PrestaShopLookups,
  timeZone: string,
  window: OrderWindow,
  log: Logger,
): Promise<CartOrder[]> {
  if (rows.length === 0) return [];
  const context = await loadPageContext(rows, lookups, timeZone);
  const orders: CartOrder[] = [];
  let dropped = 0;
  for (const row of rows) {
    const { order, created } = normalizePrestaShopOrder(row, context);
    if (created.kind !== "exact") {
      log.warn("order time falls in a daylight-saving change; applied the documented rule", {
        orderId: order.orderId,
        dateAdd: row.date_add,
        rule: created.kind === "repeated" ? "earlier of the two instants" : "moved forward by the gap",
        createdAtUtc: order.createdAtUtc,
      });
    }
    const instantMs = Date.parse(window.field === "date_add" ? order.createdAtUtc : order.updatedAtUtc);
    if (instantMs < window.fromMs || instantMs >= window.toMs) {
      dropped++;
      continue;
    }
    orders.push(order);
  }
  if (dropped > 0) {
    log.info("dropped orders at the edge of the requested window", {
      dropped,
      field: window.field,
      from: window.fromUtc,
      to: window.toUtc,
    });
  }
  return orders;
}
