import { CartError } from "../cart-error.js";
import type { CartOrder } from "../cart-order.js";
import type { OrderPage, OrderQuery } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import type { BigCommerceClient } from "./bigcommerce-client.js";
import { formatRfc2822 } from "./bigcommerce-dates.js";
import { OrderDetailsReader, readRefunds } from "./bigcommerce-details.js";
import { isPageTooLarge } from "./bigcommerce-errors.js";
import { BC_STATUS, normalizeBcOrder } from "./bigcommerce-normalize.js";
import type { BcOrder } from "./bigcommerce-payload.js";
import {
  checkNoStrayOrder,
  checkWindow,
  decodeCursor,
  encodeCursor,
  isInWindow,
  type ListPosition,
  type OrderWindow,
  windowParams,
} from "./bigcommerce-window.js";

const log = createLogger("bigcommerce");

/** 250 is the platform-wide maximum, and BigCommerce rejects larger pages with 413. */
export const MAX_PAGE_SIZE = 250;
/** Each order costs two or three more requests for its lines and addresses, so pages stay small. */
const DEFAULT_PAGE_SIZE = 50;
const MIN_PAGE_SIZE = 5;

/**
 * Whether the default list includes Incomplete (status 0) and archived
 * orders is not documented, so each group gets a pass of its own, and each
 * pass keeps only its own group. The groups do not overlap, so no group
 * pass returns an order of another, whichever way a store behaves.
 */
const GROUP_PASSES = [
  { name: "orders", params: {}, keeps: (order: BcOrder) => !order.is_deleted && order.status_id !== BC_STATUS.incomplete },
  { name: "incomplete", params: { status_id: String(BC_STATUS.incomplete) }, keeps: (order: BcOrder) => !order.is_deleted && order.status_id === BC_STATUS.incomplete },
  { name: "archived", params: { is_deleted: "true" }, keeps: (order: BcOrder) => Boolean(order.is_deleted) },
] as const;

/**
 * How long before the listing's start the pass for changed orders begins, so
 * that it still finds them when the store's clock runs behind this computer's.
 */
const CHANGED_MARGIN_MS = 5 * 60_000;

type Pass = { name: string; params: Record<string, string>; keeps: (order: BcOrder) => boolean };

/**
 * Returns the passes of a listing. An order that joins the main group after
 * the main pass read past its id, such as an Incomplete order paid before
 * the Incomplete pass reaches it, or one restored from the archive, is in
 * no group pass. Paying an order moves its date_modified, so a creation
 * listing ends with a pass over the main group modified since it started.
 * NOTE: that a restore from the archive moves date_modified too is assumed,
 * not documented.
 */
function passesOf(window: OrderWindow, startedAtMs: number): Pass[] {
  if (window.field !== "created") return [...GROUP_PASSES];
  const changed: Pass = {
    name: "changed",
    params: { min_date_modified: formatRfc2822(startedAtMs - CHANGED_MARGIN_MS) },
    keeps: GROUP_PASSES[0].keeps,
  };
  return [...GROUP_PASSES, changed];
}

/** Fetches one page after lastId, halving the page size while BigCommerce rejects it with 413. */
async function fetchPage(
  client: BigCommerceClient,
  params: Record<string, string>,
  lastId: number,
  limit: number,
  signal?: AbortSignal,
): Promise<{ orders: BcOrder[]; limit: number; attempts: number }> {
  let size = limit;
  let attempts = 0;
  for (;;) {
    try {
      const query = { ...params, min_id: String(lastId + 1), page: "1", limit: String(size) };
      const answer = await client.get<BcOrder[]>("v2", "orders", query, signal);
      attempts += answer.attempts;
      if (answer.body !== null && !Array.isArray(answer.body)) {
        throw new CartError("bad-response", "BigCommerce sent something other than a list of orders. Try again later.", "orders: body is not an array");
      }
      return { orders: answer.body ?? [], limit: size, attempts };
    } catch (error) {
      if (!isPageTooLarge(error) || size <= MIN_PAGE_SIZE) throw error;
      size = Math.max(MIN_PAGE_SIZE, Math.floor(size / 2));
      log.warn("page too large for the store; retrying with fewer orders", { limit: size });
    }
  }
}

async function normalizePage(
  client: BigCommerceClient,
  details: OrderDetailsReader,
  orders: BcOrder[],
  signal?: AbortSignal,
): Promise<{ orders: CartOrder[]; attempts: number }> {
  const read = await details.readAll(orders, signal);
  const refunds = await readRefunds(client, orders, signal);
  const normalized = orders.flatMap((order, index) => {
    const orderDetails = read.value[index];
    if (!orderDetails) return [];
    try {
      return [normalizeBcOrder(order, orderDetails, refunds.value.get(order.id) ?? [])];
    } catch (error) {
      throw new CartError(
        "bad-response",
        `BigCommerce order ${order.id} could not be read (${error instanceof Error ? error.message : "unknown error"}). Check the order in the control panel, then try again.`,
        `order ${order.id}`,
      );
    }
  });
  return { orders: normalized, attempts: read.attempts + refunds.attempts };
}

/**
 * Reads the pages of every pass by id ascending, resuming each page from
 * min_id, so orders added or changed while a client pages cannot shift a
 * page the way page numbers would.
 */
async function* readPasses(
  client: BigCommerceClient,
  window: OrderWindow,
  query: OrderQuery,
): AsyncIterable<OrderPage> {
  checkWindow(window);
  const params = windowParams(window);
  let limit = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE));
  const nowMs = Date.now();
  let position: ListPosition = query.resumeCursor
    ? decodeCursor(query.resumeCursor, window, nowMs)
    : { pass: 0, lastId: 0, startedAtMs: nowMs };
  const passes = passesOf(window, position.startedAtMs);
  const details = new OrderDetailsReader(client);
  // An order that moves to another group mid-run, such as one archived after
  // its page was read, would come again in that group's pass, and every order
  // changed mid-run comes again in the pass for changed orders.
  // NOTE: the set starts empty on a resume, so the pass for changed orders
  // can return an order that a page before the resume already returned.
  const returnedIds = new Set<number>();

  let previousPageFull = false;

  while (position.pass < passes.length) {
    const pass = passes[position.pass]!;
    const passParams = { ...params, ...pass.params };
    let page = await fetchPage(client, passParams, position.lastId, limit, query.signal);
    if (page.orders.length === 0 && previousPageFull) {
      // After a full page, a 204 is the end of a list whose length is a
      // multiple of the page size, but a stray empty response looks the same
      // and would end the pass early. One more request distinguishes them.
      log.info("empty page after a full one; asking once more", { pass: pass.name, minId: position.lastId + 1 });
      const again = await fetchPage(client, passParams, position.lastId, limit, query.signal);
      page = { ...again, attempts: page.attempts + again.attempts };
    }
    limit = page.limit;
    const fresh = page.orders.filter((order) => order.id > position.lastId);
    checkNoStrayOrder(fresh, window);
    const kept = fresh.filter(
      (order) => pass.keeps(order) && isInWindow(order, window) && !returnedIds.has(order.id),
    );
    for (const order of kept) returnedIds.add(order.id);
    const normalized = await normalizePage(client, details, kept, query.signal);

    const lastId = fresh.reduce((max, order) => Math.max(max, order.id), position.lastId);
    // 204 or a short page ends a pass. A full page without new ids means the
    // store ignores min_id and would send the same page again and again.
    const passDone = page.orders.length < page.limit;
    if (!passDone && fresh.length === 0) {
      throw new CartError(
        "bad-response",
        "BigCommerce returned orders that were already read, so it seems to ignore the min_id filter. Try again later; if it persists, contact BigCommerce support.",
        `pass ${pass.name}, min_id ${position.lastId + 1}`,
      );
    }
    const next: ListPosition = passDone
      ? { pass: position.pass + 1, lastId: 0, startedAtMs: position.startedAtMs }
      : { ...position, lastId };
    previousPageFull = !passDone;
    log.info("page fetched", { pass: pass.name, minId: position.lastId + 1, count: page.orders.length, inWindow: kept.length });

    yield {
      orders: normalized.orders,
      nextCursor: next.pass < passes.length ? encodeCursor(window, next) : null,
      attempts: page.attempts + normalized.attempts,
    };
    position = next;
  }
}

/**
 * Lists the orders of a window. Pages without orders, such as the usual 204
 * of the Incomplete and archive passes, are not handed out: their requests
 * count toward a neighbouring page, and the last page with orders carries
 * the null cursor. That needs one page of look-ahead.
 */
export async function* listBigCommerceOrders(
  client: BigCommerceClient,
  window: OrderWindow,
  query: OrderQuery,
): AsyncIterable<OrderPage> {
  let held: OrderPage | null = null;
  let carriedAttempts = 0;
  for await (const page of readPasses(client, window, query)) {
    if (page.orders.length === 0) {
      if (held) held.attempts += page.attempts;
      else carriedAttempts += page.attempts;
      if (page.nextCursor === null) break;
      continue;
    }
    if (held) yield held;
    held = { ...page, attempts: page.attempts + carriedAttempts };
    carriedAttempts = 0;
  }
  if (held) yield { ...held, nextCursor: null };
  else yield { orders: [], nextCursor: null, attempts: carriedAttempts };
}
