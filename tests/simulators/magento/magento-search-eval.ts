/**
 * Evaluates Magento searchCriteria query parameters over rendered rows, as
 * the store's repository does. Groups are ANDed and the filters of a group
 * ORed. The default sort is descending, and no page size returns every row.
 * A page past the end repeats the last page, as before Magento 2.4.
 */

export type Row = Record<string, unknown>;

type ParsedFilter = { field: string; value: string; conditionType: string };

export type ParsedCriteria = {
  groups: ParsedFilter[][];
  sortOrders: { field: string; direction: string }[];
  pageSize: number | null;
  currentPage: number;
};

export function parseSearchCriteria(query: URLSearchParams): ParsedCriteria {
  const groups = new Map<number, Map<number, Partial<ParsedFilter>>>();
  const sorts = new Map<number, { field?: string; direction?: string }>();
  for (const [name, value] of query) {
    const filter = /^searchCriteria\[filter_groups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_type)\]$/.exec(name);
    if (filter) {
      const group = groups.get(Number(filter[1])) ?? new Map<number, Partial<ParsedFilter>>();
      const entry = group.get(Number(filter[2])) ?? {};
      if (filter[3] === "field") entry.field = value;
      if (filter[3] === "value") entry.value = value;
      if (filter[3] === "condition_type") entry.conditionType = value;
      group.set(Number(filter[2]), entry);
      groups.set(Number(filter[1]), group);
      continue;
    }
    const sort = /^searchCriteria\[sortOrders\]\[(\d+)\]\[(field|direction)\]$/.exec(name);
    if (sort) {
      const entry = sorts.get(Number(sort[1])) ?? {};
      if (sort[2] === "field") entry.field = value;
      else entry.direction = value;
      sorts.set(Number(sort[1]), entry);
    }
  }
  const pageSizeText = query.get("searchCriteria[pageSize]");
  return {
    groups: [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, group]) =>
        [...group.values()].map((entry) => ({
          field: entry.field ?? "",
          value: entry.value ?? "",
          conditionType: entry.conditionType ?? "eq",
        })),
      ),
    sortOrders: [...sorts.values()].map((entry) => ({
      field: entry.field ?? "entity_id",
      direction: (entry.direction ?? "DESC").toUpperCase(),
    })),
    pageSize: pageSizeText === null ? null : Number(pageSizeText),
    currentPage: Math.max(1, Number(query.get("searchCriteria[currentPage]") ?? "1") || 1),
  };
}

function compare(left: unknown, right: string): number {
  const leftNumber = Number(left);
  const rightNumber = Number(right);
  if (left !== null && left !== "" && right !== "" && !Number.isNaN(leftNumber) && !Number.isNaN(rightNumber)) {
    return leftNumber - rightNumber;
  }
  const text = String(left ?? "");
  if (text === right) return 0;
  return text < right ? -1 : 1;
}

function matches(row: Row, filter: ParsedFilter): boolean {
  const value = row[filter.field];
  switch (filter.conditionType) {
    case "eq": return compare(value, filter.value) === 0;
    case "neq": return compare(value, filter.value) !== 0;
    case "gt": return compare(value, filter.value) > 0;
    case "gteq": case "from": case "moreq": return compare(value, filter.value) >= 0;
    case "lt": return compare(value, filter.value) < 0;
    case "lteq": case "to": return compare(value, filter.value) <= 0;
    case "in": return filter.value.split(",").some((item) => compare(value, item.trim()) === 0);
    case "nin": return !filter.value.split(",").some((item) => compare(value, item.trim()) === 0);
    case "null": return value === null || value === undefined;
    case "notnull": return value !== null && value !== undefined;
    default: throw new RangeError(`condition_type ${filter.conditionType} is not simulated`);
  }
}

export type SearchPage = { items: Row[]; totalCount: number };

/** Filters, sorts and pages rows; fields named in skipFields are treated as absent filters. */
export function runSearch(rows: Row[], criteria: ParsedCriteria, skipFields: string[] = []): SearchPage {
  const groups = criteria.groups
    .map((group) => group.filter((filter) => !skipFields.includes(filter.field)))
    .filter((group) => group.length > 0);
  const matching = rows.filter((row) => groups.every((group) => group.some((filter) => matches(row, filter))));
  const sortOrders = criteria.sortOrders.length > 0 ? criteria.sortOrders : [{ field: "entity_id", direction: "DESC" }];
  matching.sort((a, b) => {
    for (const { field, direction } of sortOrders) {
      const order = compare(a[field], String(b[field] ?? ""));
      if (order !== 0) return direction === "ASC" ? order : -order;
    }
    return 0;
  });
  if (criteria.pageSize === null || criteria.pageSize <= 0) return { items: matching, totalCount: matching.length };

  const lastPage = Math.max(1, Math.ceil(matching.length / criteria.pageSize));
  const page = Math.min(criteria.currentPage, lastPage);
  const start = (page - 1) * criteria.pageSize;
  return { items: matching.slice(start, start + criteria.pageSize), totalCount: matching.length };
}
