import type { SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorReply } from "../common/simulator-server.js";
import { type GraphqlRequest, parseArguments, readArguments } from "./shopify-graphql-arguments.js";
import {
  accessDenied,
  canReadOrders,
  chargeOrRefuse,
  type GraphqlStore,
  reply,
  settleCost,
  tooCostly,
} from "./shopify-graphql-replies.js";
import { gid, type ListSlice, type OrderListName, renderList, renderOrder } from "./shopify-order-render.js";
import { withholdProtectedCustomerData } from "./shopify-protected-data.js";
import { actualQueryCost, nodeSelections, readSelections, requestedQueryCost, type Selection } from "./shopify-query-cost.js";
import { matchesSearch, parseOrderSearch } from "./shopify-search.js";

type Json = Record<string, unknown>;

const LIST_NAMES: OrderListName[] = ["lineItems", "shippingLines", "discountApplications", "refunds"];

const isListName = (name: string): name is OrderListName => (LIST_NAMES as string[]).includes(name);

function sliceOf(selection: Selection, variables: Record<string, unknown>): ListSlice {
  const args = parseArguments(selection.args, variables);
  const first = Number(args.first ?? 250);
  return { first: Math.min(250, first), after: typeof args.after === "string" ? args.after : null };
}

/** Returns the slice of each list that an order selection requests. A list it does not select comes whole. */
function slicesOf(orderFields: Selection[], variables: Record<string, unknown>): Record<OrderListName, ListSlice> {
  const slices = Object.fromEntries(LIST_NAMES.map((list) => [list, { first: 250, after: null }])) as Record<
    OrderListName,
    ListSlice
  >;
  for (const field of orderFields) {
    if (isListName(field.name)) slices[field.name] = sliceOf(field, variables);
  }
  return slices;
}

type SortKey = "CREATED_AT" | "UPDATED_AT" | "ID";

/** The sort position of an order, parsed once per request because long listings sort hundreds of orders each page. */
type SortPosition = { createdMs: number; updatedMs: number; id: number };

type CursorPosition = Pick<SeedOrder, "createdAtUtc" | "updatedAtUtc" | "id">;

const positionOf = (order: CursorPosition): SortPosition => ({
  createdMs: Date.parse(order.createdAtUtc),
  updatedMs: Date.parse(order.updatedAtUtc),
  id: Number(order.id),
});

function comparePositions(sortKey: SortKey, left: SortPosition, right: SortPosition): number {
  if (sortKey === "CREATED_AT" && left.createdMs !== right.createdMs) return left.createdMs - right.createdMs;
  if (sortKey === "UPDATED_AT" && left.updatedMs !== right.updatedMs) return left.updatedMs - right.updatedMs;
  return left.id - right.id;
}

/** Cursors hold the sort position of the last order, so orders added between pages are not skipped or repeated. */
function orderCursor(order: SeedOrder): string {
  const position: CursorPosition = { createdAtUtc: order.createdAtUtc, updatedAtUtc: order.updatedAtUtc, id: order.id };
  return Buffer.from(JSON.stringify(position)).toString("base64");
}

function positionOfCursor(cursor: string): CursorPosition {
  return JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as CursorPosition;
}

function sortKeyOf(value: unknown): SortKey {
  return value === "CREATED_AT" || value === "UPDATED_AT" ? value : "ID";
}

/** Responds to an `orders` query with one page of orders, each list cut to the size the query requests. */
export function respondToOrders(store: GraphqlStore, request: GraphqlRequest, fault: SimulatorFault | null): SimulatorReply {
  if (!canReadOrders(store)) return accessDenied("orders");
  const args = readArguments(request, "orders");
  const first = Number(args.first);
  if (!Number.isInteger(first) || first < 1 || first > 250) {
    return reply({ errors: [{ message: "The first argument must be between 1 and 250." }] });
  }
  const { costPerOrder, costModel } = store.bucket.options;
  const calculated = costModel === "calculated";
  const costOf = (orderCount: number) =>
    calculated
      ? requestedQueryCost(request.query, { ...request.variables, first: orderCount })
      : Math.ceil(costPerOrder * orderCount) + 1;
  const requested = costOf(first);
  if (fault?.kind === "too-heavy" && first > fault.maxPageSize) return tooCostly(requested, costOf(fault.maxPageSize));
  const refused = chargeOrRefuse(store, requested);
  if (refused) return refused;

  const search = typeof args.query === "string" ? args.query : "";
  store.searches.push(search);
  const parsed = parseOrderSearch(search, store.timeZone);
  const sortKey = sortKeyOf(args.sortKey);
  const direction = args.reverse === true ? -1 : 1;
  const sorted = store
    .visibleOrders()
    .filter((order) => matchesSearch(order, parsed))
    .map((order) => ({ order, position: positionOf(order) }))
    .sort((left, right) => direction * comparePositions(sortKey, left.position, right.position));
  const after = typeof args.after === "string" ? positionOf(positionOfCursor(args.after)) : null;
  const remaining = (
    after ? sorted.filter(({ position }) => direction * comparePositions(sortKey, position, after) > 0) : sorted
  ).map(({ order }) => order);
  const page = remaining.slice(0, first);

  const ordersField = readSelections(request.query).find((selection) => selection.name === "orders");
  const slices = slicesOf(ordersField ? nodeSelections(ordersField) : [], request.variables);
  const nodes = page.map((order) => renderOrder(order, slices, store.changes(order.id)));
  if (fault?.kind === "ignore-window") {
    const outside = store.visibleOrders().find((order) => !matchesSearch(order, parsed));
    if (outside) nodes.unshift(renderOrder(outside, slices, store.changes(outside.id)));
  }

  const last = page.at(-1);
  const data = {
    orders: {
      nodes,
      pageInfo: { hasNextPage: remaining.length > first, endCursor: last ? orderCursor(last) : null },
    },
  };
  const actual = calculated
    ? Math.min(requested, actualQueryCost(request.query, data))
    : Math.ceil(costPerOrder * page.length) + 1;
  const extensions = settleCost(store, request.query, requested, actual);
  if (!store.protectedDataApproved()) return reply({ ...withholdProtectedCustomerData(data.orders), extensions });
  return reply({ data, extensions });
}

/** Renders one `order(id:)` field of a follow-up: the order's id and each list it selects, sliced. */
function renderOrderField(store: GraphqlStore, field: Selection, variables: Record<string, unknown>): Json | null {
  const id = parseArguments(field.args, variables).id;
  const order = store.visibleOrders().find((candidate) => gid("Order", candidate.id) === id);
  if (!order) return null;
  const rendered: Json = { id: gid("Order", order.id) };
  for (const child of field.children ?? []) {
    if (!isListName(child.name)) continue;
    rendered[child.alias ?? child.name] = renderList(order, child.name, sliceOf(child, variables), store.changes(order.id));
  }
  return rendered;
}

/**
 * Responds to a query of one or more `order(id:)` fields, usually aliased,
 * each reading lists of one order from its own cursor. The flat cost model
 * charges one point per order and per requested node.
 */
export function respondToOrderLists(store: GraphqlStore, request: GraphqlRequest): SimulatorReply {
  if (!canReadOrders(store)) return accessDenied("order");
  const fields = readSelections(request.query).filter((selection) => selection.name === "order");
  const calculated = store.bucket.options.costModel === "calculated";
  const flatCost = (field: Selection) =>
    1 + (field.children ?? []).reduce((sum, child) => sum + (isListName(child.name) ? sliceOf(child, request.variables).first : 0), 0);
  const requested = calculated
    ? requestedQueryCost(request.query, request.variables)
    : fields.reduce((sum, field) => sum + flatCost(field), 0);
  const refused = chargeOrRefuse(store, requested);
  if (refused) return refused;

  const data: Json = {};
  for (const field of fields) data[field.alias ?? field.name] = renderOrderField(store, field, request.variables);
  const actual = Math.min(requested, actualQueryCost(request.query, data));
  return reply({ data, extensions: settleCost(store, request.query, requested, actual) });
}
