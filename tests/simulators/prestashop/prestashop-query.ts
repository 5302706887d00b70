/**
 * Evaluates the list parameters of PrestaShop's webservice over rendered
 * rows: filter[field] in its bracket forms, date=1 for date fields, sort,
 * limit=offset,count and display.
 */

export type Row = Record<string, unknown>;

export class WebserviceQueryError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const DATE_FIELDS = new Set(["date_add", "date_upd"]);

/** MySQL reads a bare date bound as midnight, which is what drops the boundary day. */
function asBound(field: string, value: string): string {
  return DATE_FIELDS.has(field) && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value} 00:00:00` : value;
}

function compare(left: unknown, right: string): number {
  const a = Number(left);
  const b = Number(right);
  if (String(left ?? "") !== "" && right !== "" && !Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  const text = String(left ?? "");
  if (text === right) return 0;
  return text < right ? -1 : 1;
}

function filterOf(field: string, expression: string): (row: Row) => boolean {
  const like = /^(%?)\[(.*)\](%?)$/.exec(expression);
  if (!like) throw new WebserviceQueryError(33, `The filter value of ${field} is malformed`);
  const [, before, inner = "", after] = like;
  if (before || after) {
    return (row) => {
      const text = String(row[field] ?? "");
      if (before && after) return text.includes(inner);
      return before ? text.endsWith(inner) : text.startsWith(inner);
    };
  }
  if (inner.includes(",")) {
    const [low = "", high = ""] = inner.split(",");
    return (row) => compare(row[field], asBound(field, low)) >= 0 && compare(row[field], asBound(field, high)) <= 0;
  }
  const options = inner.split("|");
  return (row) => options.some((option) => compare(row[field], option) === 0);
}

export type ListRequest = {
  rows: Row[];
  query: URLSearchParams;
  /** Fields that exist on the resource; others cannot be filtered or sorted. */
  fields: string[];
  /** Drops the date_add and date_upd filters, as a shop that ignored them would. */
  ignoreDateFilter: boolean;
};

export function runList({ rows, query, fields, ignoreDateFilter }: ListRequest): Row[] {
  const dateEnabled = query.get("date") === "1";
  let result = rows;
  for (const [name, expression] of query) {
    const match = /^filter\[(\w+)\]$/.exec(name);
    if (!match) continue;
    const field = match[1]!;
    if (!fields.includes(field) || (DATE_FIELDS.has(field) && !dateEnabled)) {
      throw new WebserviceQueryError(32, `This filter does not exist: ${field}`);
    }
    if (ignoreDateFilter && DATE_FIELDS.has(field)) continue;
    const keep = filterOf(field, expression);
    result = result.filter(keep);
  }

  const sort = query.get("sort");
  const orders = sort
    ? sort.replace(/^\[|\]$/g, "").split(",").map((part) => {
        const sortMatch = /^(\w+)_(ASC|DESC)$/.exec(part.trim());
        if (!sortMatch || !fields.includes(sortMatch[1]!) || (DATE_FIELDS.has(sortMatch[1]!) && !dateEnabled)) {
          throw new WebserviceQueryError(35, `The sort parameter ${part} is invalid`);
        }
        return { field: sortMatch[1]!, descending: sortMatch[2] === "DESC" };
      })
    : [{ field: "id", descending: false }];
  result = [...result].sort((a, b) => {
    for (const { field, descending } of orders) {
      const order = compare(a[field], String(b[field] ?? ""));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });

  const limit = query.get("limit");
  if (limit !== null) {
    const limitMatch = /^(?:(\d+),)?(\d+)$/.exec(limit);
    if (!limitMatch) throw new WebserviceQueryError(39, "The limit parameter is invalid");
    const offset = Number(limitMatch[1] ?? 0);
    result = result.slice(offset, offset + Number(limitMatch[2]));
  }
  return result;
}

/** Keeps the fields that display requests: full, a [list], or ids only when it is absent. */
export function displayRows(rows: Row[], display: string | null): Row[] {
  if (display === "full") return rows;
  if (!display) return rows.map((row) => ({ id: row.id }));
  const requested = display.replace(/^\[|\]$/g, "").split(",").map((field) => field.trim());
  return rows.map((row) => Object.fromEntries([["id", row.id], ...requested.filter((field) => field in row).map((field) => [field, row[field]])]));
}
