import type { SimulatorFault } from "../common/faults.js";
import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorReply } from "../common/simulator-server.js";
import { readArguments, type GraphqlRequest } from "./shopify-graphql-arguments.js";
import { gid, lineCursor, lineIndexOfCursor, type LineEdit, renderLineItem, renderOrder } from "./shopify-order-render.js";
import { withholdProtectedCustomerData } from "./shopify-protected-data.js";
import { actualQueryCost, requestedQueryCost } from "./shopify-query-cost.js";
import { matchesSearch, parseOrderSearch } from "./shopify-search.js";
import type { CostBucketSimulation } from "./shopify-throttle.js";

/** What the GraphQL handler reads from the simulated store. */
export type GraphqlStore = {
  storeName: string;
  timeZone: string;
  currency: string;
  scopes(): string[];
  /** Orders this app may see: drafts are left out, and without read_all_orders those older than 60 days. */
  visibleOrders(): SeedOrder[];
  edits(orderId: string): LineEdit[];
  bucket: CostBucketSimulation;
  /** Every orders search string received, for tests of the time-zone pitfall. */
  searches: string[];
  /** False when the app is not approved for protected customer data, so names, e-mails and addresses are denied. */
  protectedDataApproved(): boolean;
};

type GraphqlResponseBody = { data?: unknown; errors?: unknown[]; extensions?: unknown };

function reply(body: GraphqlResponseBody): SimulatorReply {
  return { status: 200, body: JSON.stringify(body) };
}

function costExtension(store: GraphqlStore, requested: number, actual: number | null): unknown {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: store.bucket.status() } };
}

function canReadOrders(store: GraphqlStore): boolean {
  return store.scopes().includes("read_orders") || store.scopes().includes("write_orders");
}

function accessDenied(field: string): SimulatorReply {
  return reply({
    data: { [field]: null },
    errors: [
      {
        message: `Access denied for ${field} field. Required access: \`read_orders\` access scope.`,
        extensions: { code: "ACCESS_DENIED" },
        path: [field],
      },
    ],
  });
}

function tooCostly(requested: number, maxCost: number): SimulatorReply {
  return reply({
    errors: [
      {
        message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxCost}).`,
        extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost },
      },
    ],
  });
}

/** Charges the bucket, or returns the THROTTLED response that Shopify sends when the bucket lacks the points. */
function chargeOrThrottle(store: GraphqlStore, requested: number): SimulatorReply | null {
  const throttled = store.bucket.charge(requested);
  if (!throttled) return null;
  return reply({
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttled.throttleStatus } },
  });
}

type SortKey = "CREATED_AT" | "ID";

function compareOrders(sortKey: SortKey, left: SeedOrder, right: SeedOrder): number {
  if (sortKey === "CREATED_AT") {
    const byTime = Date.parse(left.createdAtUtc) - Date.parse(right.createdAtUtc);
    if (byTime !== 0) return byTime;
  }
  return Number(left.id) - Number(right.id);
}

/** Cursors hold the sort position of the last order, so orders added between pages are not skipped or repeated. */
function orderCursor(order: SeedOrder): string {
  return Buffer.from(JSON.stringify({ createdAtUtc: order.createdAtUtc, id: order.id })).toString("base64");
}

function positionOfCursor(cursor: string): SeedOrder {
  return JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as SeedOrder;
}

function respondToOrders(store: GraphqlStore, request: GraphqlRequest, fault: SimulatorFault | null): SimulatorReply {
  if (!canReadOrders(store)) return accessDenied("orders");
  const args = readArguments(request, "orders");
  const first = Number(args.first);
  if (!Number.isInteger(first) || first < 1 || first > 250) {
    return reply({ errors: [{ message: "The first argument must be between 1 and 250." }] });
  }
  const costPerOrder = store.bucket.options.costPerOrder;
  const calculated = store.bucket.options.costModel === "calculated";
  const requested = calculated ? requestedQueryCost(request.query, request.variables) : Math.ceil(costPerOrder * first) + 1;
  if (fault?.kind === "too-heavy" && first > fault.maxPageSize) {
    return tooCostly(requested, Math.ceil(costPerOrder * fault.maxPageSize) + 1);
  }
  if (requested > store.bucket.options.singleQueryMaxCost) {
    return tooCostly(requested, store.bucket.options.singleQueryMaxCost);
  }
  const throttled = chargeOrThrottle(store, requested);
  if (throttled) return throttled;

  const search = typeof args.query === "string" ? args.query : "";
  store.searches.push(search);
  const parsed = parseOrderSearch(search, store.timeZone);
  const sortKey: SortKey = args.sortKey === "CREATED_AT" ? "CREATED_AT" : "ID";
  const direction = args.reverse === true ? -1 : 1;
  const sorted = store
    .visibleOrders()
    .filter((order) => matchesSearch(order, parsed))
    .sort((left, right) => direction * compareOrders(sortKey, left, right));
  const after = typeof args.after === "string" ? positionOfCursor(args.after) : null;
  const remaining = after ? sorted.filter((order) => direction * compareOrders(sortKey, order, after) > 0) : sorted;
  const page = remaining.slice(0, first);

  const linesPerPage = Number(/lineItems\(first:\s*(\d+)/.exec(request.query)?.[1] ?? 250);
  const nodes = page.map((order) => renderOrder(order, linesPerPage, store.edits(order.id)));
  if (fault?.kind === "ignore-window") {
    const outside = store.visibleOrders().find((order) => !matchesSearch(order, parsed));
    if (outside) nodes.unshift(renderOrder(outside, linesPerPage, store.edits(outside.id)));
  }

  const last = page.at(-1);
  const data = {
    orders: {
      nodes,
      pageInfo: { hasNextPage: remaining.length > first, endCursor: last ? orderCursor(last) : null },
    },
  };
  const actual = calculated ? Math.min(requested, actualQueryCost(data)) : Math.ceil(costPerOrder * page.length) + 1;
  store.bucket.refund(requested - actual);
  if (!store.protectedDataApproved()) {
    return reply({ ...withholdProtectedCustomerData(data.orders), extensions: costExtension(store, requested, actual) });
  }
  return reply({ data, extensions: costExtension(store, requested, actual) });
}

function respondToOrderLines(store: GraphqlStore, request: GraphqlRequest): SimulatorReply {
  if (!canReadOrders(store)) return accessDenied("order");
  const args = readArguments(request, "order");
  const order = store.visibleOrders().find((candidate) => gid("Order", candidate.id) === args.id);
  const calculated = store.bucket.options.costModel === "calculated";
  const requested = calculated ? requestedQueryCost(request.query, request.variables) : 252;
  if (requested > store.bucket.options.singleQueryMaxCost) {
    return tooCostly(requested, store.bucket.options.singleQueryMaxCost);
  }
  const throttled = chargeOrThrottle(store, requested);
  if (throttled) return throttled;
  if (!order) return reply({ data: { order: null }, extensions: costExtension(store, requested, 1) });

  const lineArgs = readArguments(request, "lineItems");
  const linesPerPage = Math.min(250, Number(lineArgs.first ?? 250));
  const start = lineIndexOfCursor(typeof lineArgs.after === "string" ? lineArgs.after : null) + 1;
  const lines = order.lines
    .map((line, index) => renderLineItem(order, line, index, store.edits(order.id)))
    .slice(start, start + linesPerPage);
  const lastIndex = start + lines.length - 1;
  const data = {
    order: {
      lineItems: {
        nodes: lines,
        pageInfo: { hasNextPage: lastIndex < order.lines.length - 1, endCursor: lines.length ? lineCursor(lastIndex) : null },
      },
    },
  };
  const actual = calculated ? Math.min(requested, actualQueryCost(data)) : lines.length + 2;
  store.bucket.refund(requested - actual);
  return reply({ data, extensions: costExtension(store, requested, actual) });
}

function respondToShop(store: GraphqlStore, request: GraphqlRequest): SimulatorReply {
  const throttled = chargeOrThrottle(store, 2);
  if (throttled) return throttled;
  const data: Record<string, unknown> = {};
  if (/\bshop\s*\{/.test(request.query)) {
    data.shop = {
      name: store.storeName,
      ianaTimezone: store.timeZone,
      currencyCode: store.currency,
      myshopifyDomain: "cart-cutover-test.myshopify.com",
    };
  }
  if (/\bcurrentAppInstallation\s*\{/.test(request.query)) {
    data.currentAppInstallation = { accessScopes: store.scopes().map((handle) => ({ handle })) };
  }
  if (/\bordersCount\b/.test(request.query)) {
    if (!canReadOrders(store)) return accessDenied("ordersCount");
    data.ordersCount = { count: Math.min(store.visibleOrders().length, 10_000), precision: "EXACT" };
  }
  return reply({ data, extensions: costExtension(store, 2, 1) });
}

/** Responds to one GraphQL request with the root fields the connector uses. */
export function respondToGraphql(store: GraphqlStore, request: GraphqlRequest, fault: SimulatorFault | null): SimulatorReply {
  if (/\borders\s*\(/.test(request.query)) return respondToOrders(store, request, fault);
  if (/\border\s*\(/.test(request.query)) return respondToOrderLines(store, request);
  return respondToShop(store, request);
}
