import { parseRfc2822 } from "../../../main/carts/bigcommerce/bigcommerce-dates.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorReply } from "../common/simulator-server.js";

export type StoredBcOrder = { seed: SeedOrder; statusId: number; isDeleted: boolean };

export type OrderListSettings = {
  /** "day" acts as a store whose date filters keep only the day, as some reports describe. */
  dateGranularity: "second" | "day";
};

/** Builds an error response in the V2 shape, a list of {status, message}. */
export function v2Error(status: number, message: string): SimulatorReply {
  return { status, body: JSON.stringify([{ status, message }]) };
}

/** 204 with no body, the response BigCommerce gives for an empty page. */
export const NO_CONTENT: SimulatorReply = { status: 204, body: "" };

const DATE_FILTERS = [
  ["min_date_created", "created", "min"],
  ["max_date_created", "created", "max"],
  ["min_date_modified", "modified", "min"],
  ["max_date_modified", "modified", "max"],
] as const;

const SORT_FIELDS = ["id", "customer_id", "date_created", "date_modified", "status_id"] as const;

/** Reads a date filter in RFC 2822 or ISO 8601, as V2 accepts both. */
function parseFilterDate(value: string): number | null {
  const rfc = parseRfc2822(value);
  if (rfc) return Date.parse(rfc);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function dayBound(ms: number, side: "min" | "max"): number {
  const start = Math.floor(ms / 86_400_000) * 86_400_000;
  return side === "min" ? start : start + 86_399_000;
}

function sortKey(order: StoredBcOrder, field: (typeof SORT_FIELDS)[number]): number {
  switch (field) {
    case "customer_id":
      return Number(order.seed.customerId ?? 0);
    case "date_created":
      return Date.parse(order.seed.createdAtUtc);
    case "date_modified":
      return Date.parse(order.seed.updatedAtUtc);
    case "status_id":
      return order.statusId;
    default:
      return Number(order.seed.id);
  }
}

export type ListedOrders = { orders: StoredBcOrder[] } | { error: SimulatorReply };

/**
 * Filters and sorts orders for GET /v2/orders and /v2/orders/count. The
 * default list leaves out Incomplete and archived orders, the stricter of
 * the two readings the documentation allows. Requests with status_id=0 or
 * is_deleted=true reach them.
 */
export function filterOrders(
  stored: StoredBcOrder[],
  query: Record<string, string>,
  settings: OrderListSettings,
  ignoreWindow: boolean,
): ListedOrders {
  const archived = query.is_deleted === "true";
  const statusId = query.status_id === undefined ? null : Number(query.status_id);
  let orders = stored.filter((order) => order.isDeleted === archived);
  if (statusId !== null) orders = orders.filter((order) => order.statusId === statusId);
  else if (!archived) orders = orders.filter((order) => order.statusId !== 0);

  const minId = query.min_id === undefined ? null : Number(query.min_id);
  const maxId = query.max_id === undefined ? null : Number(query.max_id);
  if (minId !== null) orders = orders.filter((order) => Number(order.seed.id) >= minId);
  if (maxId !== null) orders = orders.filter((order) => Number(order.seed.id) <= maxId);

  for (const [name, field, side] of DATE_FILTERS) {
    const value = query[name];
    if (value === undefined) continue;
    const parsed = parseFilterDate(value);
    if (parsed === null) return { error: v2Error(400, `The filter '${name}' is invalid.`) };
    if (ignoreWindow) continue;
    const bound = settings.dateGranularity === "day" ? dayBound(parsed, side) : parsed;
    orders = orders.filter((order) => {
      const ms = Date.parse(field === "created" ? order.seed.createdAtUtc : order.seed.updatedAtUtc);
      return side === "min" ? ms >= bound : ms <= bound;
    });
  }

  const [field = "id", direction = "asc"] = (query.sort ?? "id:asc").split(":");
  if (!SORT_FIELDS.includes(field as (typeof SORT_FIELDS)[number])) {
    return { error: v2Error(400, `The sort field '${field}' is invalid.`) };
  }
  const sign = direction === "desc" ? -1 : 1;
  const key = field as (typeof SORT_FIELDS)[number];
  orders.sort((a, b) => sign * (sortKey(a, key) - sortKey(b, key)) || Number(a.seed.id) - Number(b.seed.id));
  return { orders };
}

/** Reads page and limit. The limit defaults to 50, and a limit above the maximum gets 413. */
export function pageOf<T>(rows: T[], query: Record<string, string>, maxLimit = 250): { rows: T[] } | { error: SimulatorReply } {
  const page = Number(query.page ?? 1);
  const limit = Number(query.limit ?? 50);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
    return { error: v2Error(400, "The page or limit parameter is invalid.") };
  }
  if (limit > maxLimit) return { error: v2Error(413, `The limit may be at most ${maxLimit}.`) };
  return { rows: rows.slice((page - 1) * limit, page * limit) };
}
