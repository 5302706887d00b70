import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorReply } from "../common/simulator-server.js";
import {
  gmtTime,
  renderWooOrder,
  siteTime,
  WOO_STATUSES,
  type WooStatus,
} from "./woocommerce-order-render.js";

export type StoredWooOrder = { seed: SeedOrder; status: WooStatus };

export type OrderListSettings = {
  timeZone: string;
  /** Whether `after` and `before` include the bound itself; WooCommerce does not document it. */
  dateBounds: "inclusive" | "exclusive";
  /** True acts as a store that ignores page and offset and always returns the first page. */
  ignoresPaging: boolean;
  /** Replaces the true count in X-WP-Total, as a caching proxy or plugin may; null leaves the header out. */
  reportedTotal?: (total: number) => number | null;
  /** Returns at most this many orders a page without saying so, whatever per_page requests. */
  perPageCap?: number;
  /** True lists checkout drafts under "any", which WooCommerce does not document either way. */
  listsCheckoutDrafts?: boolean;
  /** True acts as a WooCommerce older than dates_are_gmt, which compares every bound with site time. */
  ignoresGmtDates?: boolean;
};

/** Statuses that "any" covers: WordPress leaves trash out, and checkout drafts are not listed. */
const ANY_STATUSES = new Set<WooStatus>(WOO_STATUSES.filter((s) => s !== "trash" && s !== "checkout-draft"));

const BOUND_PARAMS = [
  ["after", "created", "after"],
  ["before", "created", "before"],
  ["modified_after", "modified", "after"],
  ["modified_before", "modified", "before"],
] as const;

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

export function wooError(status: number, code: string, message: string): SimulatorReply {
  return { status, body: JSON.stringify({ code, message, data: { status } }) };
}

function invalidParam(name: string): SimulatorReply {
  return wooError(400, "rest_invalid_param", `Invalid parameter(s): ${name}`);
}

/**
 * Converts a bound to the frame of the column it is compared with: GMT with
 * dates_are_gmt, else site time. A bound without offset is taken as written,
 * which is how a UTC value sent without dates_are_gmt shifts the window.
 */
function boundInFrame(value: string, gmt: boolean, timeZone: string): string | null {
  const text = value.replace(/\.\d+/, "");
  if (WALL_CLOCK.test(text)) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const instant = new Date(ms).toISOString();
  return gmt ? gmtTime(instant) : siteTime(instant, timeZone);
}

function columnOf(order: StoredWooOrder, field: "created" | "modified", gmt: boolean, timeZone: string): string {
  const instant = field === "created" ? order.seed.createdAtUtc : order.seed.updatedAtUtc;
  return gmt ? gmtTime(instant) : siteTime(instant, timeZone);
}

/** Reads `dp`, the decimal places of amounts, which defaults to 2. */
export function decimalsOf(query: Record<string, string>): number {
  const dp = Number(query.dp ?? 2);
  return Number.isInteger(dp) && dp >= 0 && dp <= 10 ? dp : 2;
}

function parseInteger(value: string | undefined, min: number, max: number): number | null | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
}

/**
 * Builds the response of GET /wp-json/wc/v3/orders: status, include and date
 * filters, orderby and order, page or offset paging, and the X-WP-Total,
 * X-WP-TotalPages and Link headers. With `ignoreWindow` the date filters are
 * skipped, as on a store whose plugin drops them.
 */
export function answerOrderList(
  stored: StoredWooOrder[],
  query: Record<string, string>,
  settings: OrderListSettings,
  ignoreWindow: boolean,
  baseUrl: string,
): SimulatorReply {
  const perPage = parseInteger(query.per_page, 1, 100) ?? (query.per_page ? null : 10);
  if (perPage === null) return invalidParam("per_page");
  const page = parseInteger(query.page, 1, Number.MAX_SAFE_INTEGER) ?? (query.page ? null : 1);
  if (page === null) return invalidParam("page");
  const offset = parseInteger(query.offset, 0, Number.MAX_SAFE_INTEGER);
  if (offset === null) return invalidParam("offset");

  const statuses = (query.status ?? "any").split(",").map((status) => status.trim());
  if (statuses.some((status) => status !== "any" && !WOO_STATUSES.includes(status as WooStatus))) {
    return invalidParam("status");
  }
  const wanted = new Set<WooStatus>(statuses.includes("any") ? ANY_STATUSES : []);
  if (statuses.includes("any") && settings.listsCheckoutDrafts) wanted.add("checkout-draft");
  for (const status of statuses) if (status !== "any") wanted.add(status as WooStatus);

  const gmt = !settings.ignoresGmtDates && (query.dates_are_gmt === "true" || query.dates_are_gmt === "1");
  const include = query.include ? query.include.split(",").map(Number) : null;
  let orders = stored.filter((order) => wanted.has(order.status));
  if (include) orders = orders.filter((order) => include.includes(Number(order.seed.id)));

  for (const [name, field, side] of BOUND_PARAMS) {
    const value = query[name];
    if (value === undefined) continue;
    const bound = boundInFrame(value, gmt, settings.timeZone);
    if (bound === null) return invalidParam(name);
    if (ignoreWindow) continue;
    const inclusive = settings.dateBounds === "inclusive";
    orders = orders.filter((order) => {
      const column = columnOf(order, field, gmt, settings.timeZone);
      if (side === "after") return inclusive ? column >= bound : column > bound;
      return inclusive ? column <= bound : column < bound;
    });
  }

  const orderby = query.orderby ?? "date";
  if (!["date", "id", "include", "title", "slug"].includes(orderby)) return invalidParam("orderby");
  const direction = query.order === "asc" ? 1 : -1;
  const byId = (a: StoredWooOrder, b: StoredWooOrder) => Number(a.seed.id) - Number(b.seed.id);
  if (orderby === "include" && include) {
    orders.sort((a, b) => include.indexOf(Number(a.seed.id)) - include.indexOf(Number(b.seed.id)));
  } else if (orderby === "id") {
    orders.sort((a, b) => direction * byId(a, b));
  } else {
    orders.sort((a, b) => direction * (Date.parse(a.seed.createdAtUtc) - Date.parse(b.seed.createdAtUtc) || byId(a, b)));
  }

  const start = settings.ignoresPaging ? 0 : (offset ?? (page - 1) * perPage);
  const slice = orders.slice(start, start + Math.min(perPage, settings.perPageCap ?? perPage));
  const reportedTotal = settings.reportedTotal ? settings.reportedTotal(orders.length) : orders.length;
  const totalPages = Math.ceil(orders.length / perPage);
  const links: string[] = [];
  if (offset === undefined && page < totalPages) {
    const next = new URL(`${baseUrl}/wp-json/wc/v3/orders`);
    for (const [name, value] of Object.entries(query)) {
      if (name !== "consumer_key" && name !== "consumer_secret") next.searchParams.set(name, value);
    }
    next.searchParams.set("page", String(page + 1));
    links.push(`<${next.href}>; rel="next"`);
  }
  return {
    status: 200,
    headers: {
      ...(reportedTotal === null ? {} : { "x-wp-total": String(reportedTotal) }),
      "x-wp-totalpages": String(totalPages),
      ...(links.length > 0 ? { link: links.join(", ") } : {}),
    },
    body: JSON.stringify(slice.map((order) => renderWooOrder(order.seed, order.status, settings.timeZone, decimalsOf(query)))),
  };
}
