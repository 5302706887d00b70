import { resolveWallClock } from "../../../main/time/zoned-time.js";
import type { SeedOrder } from "../common/seed-order.js";

/** One bound on created_at, as an instant and a comparison. */
export type CreatedBound = { operator: ">=" | ">" | "<=" | "<"; instantMs: number };

export type ParsedSearch = {
  created: CreatedBound[];
  /** Bounds on updated_at, read like those on created_at. */
  updated: CreatedBound[];
  statuses: string[];
  /** Terms the simulator does not model; Shopify ignores unknown filters too. */
  ignoredTerms: string[];
  /** created_at values written without quotes, which lose their time part. */
  unquotedTimestamps: string[];
};

const TERM = /(\w+):(>=|<=|>|<)?('[^']*'|"[^"]*"|\S+)/g;

const DAY_MS = 86_400_000;

function startOfDayMs(date: string, timeZone: string): number {
  return Date.parse(resolveWallClock(`${date}T00:00:00`, timeZone).utc);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Reads a quoted timestamp: with "Z" or an offset it is that instant, and
 * without one it is a wall-clock time in the shop's zone.
 */
function quotedInstantMs(value: string, timeZone: string): number {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfDayMs(value, timeZone);
  return Date.parse(resolveWallClock(value.slice(0, 19), timeZone).utc);
}

/**
 * Reads an unquoted value the way Shopify's search parser does: the colon
 * inside the time ends the value, so only the date is left, and that date is
 * taken in the shop's zone. A bound on a date covers whole days.
 */
function unquotedBound(operator: CreatedBound["operator"], value: string, timeZone: string): CreatedBound {
  const date = value.slice(0, 10);
  switch (operator) {
    case ">=":
      return { operator: ">=", instantMs: startOfDayMs(date, timeZone) };
    case ">":
      return { operator: ">=", instantMs: startOfDayMs(nextDay(date), timeZone) };
    case "<":
      return { operator: "<", instantMs: startOfDayMs(date, timeZone) };
    case "<=":
      return { operator: "<", instantMs: startOfDayMs(nextDay(date), timeZone) };
  }
}

/** Parses the `query:` search string of the orders connection. */
export function parseOrderSearch(search: string, timeZone: string): ParsedSearch {
  const parsed: ParsedSearch = { created: [], updated: [], statuses: [], ignoredTerms: [], unquotedTimestamps: [] };
  for (const match of search.matchAll(TERM)) {
    const [term, field, operatorText, rawValue = ""] = match;
    const quoted = /^['"]/.test(rawValue);
    const value = quoted ? rawValue.slice(1, -1) : rawValue;
    if (field === "created_at" || field === "updated_at") {
      const bounds = field === "created_at" ? parsed.created : parsed.updated;
      const operator = (operatorText ?? ">=") as CreatedBound["operator"];
      if (quoted) {
        bounds.push({ operator, instantMs: quotedInstantMs(value, timeZone) });
      } else {
        parsed.unquotedTimestamps.push(value);
        bounds.push(unquotedBound(operator, value, timeZone));
      }
    } else if (field === "status") {
      parsed.statuses.push(value.toLowerCase());
    } else {
      parsed.ignoredTerms.push(term);
    }
  }
  return parsed;
}

function satisfies(bound: CreatedBound, createdMs: number): boolean {
  switch (bound.operator) {
    case ">=":
      return createdMs >= bound.instantMs;
    case ">":
      return createdMs > bound.instantMs;
    case "<=":
      return createdMs <= bound.instantMs;
    case "<":
      return createdMs < bound.instantMs;
  }
}

function statusMatches(order: SeedOrder, status: string): boolean {
  switch (status) {
    case "open":
      return order.status === "open";
    case "closed":
      return order.status === "closed";
    case "cancelled":
      return order.status === "cancelled" || order.cancelledAtUtc !== null;
    case "not_closed":
      return order.status !== "closed";
    default:
      return true;
  }
}

export function matchesSearch(order: SeedOrder, search: ParsedSearch): boolean {
  const createdMs = Date.parse(order.createdAtUtc);
  const updatedMs = Date.parse(order.updatedAtUtc);
  return (
    search.created.every((bound) => satisfies(bound, createdMs)) &&
    search.updated.every((bound) => satisfies(bound, updatedMs)) &&
    search.statuses.every((status) => statusMatches(order, status))
  );
}
