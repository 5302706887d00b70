import type { SeedOrder } from "../common/seed-order.js";
import type { SimulatorReply } from "../common/simulator-server.js";
import type { OrderChanges } from "./shopify-order-render.js";
import type { CostBucketSimulation } from "./shopify-throttle.js";

/** The cost the simulator charged for one query, for tests that check what the connector requests. */
export type ChargedQuery = {
  /** The operation name, such as CartCutoverOrders, or "" for an anonymous query. */
  operation: string;
  requestedQueryCost: number;
  actualQueryCost: number;
};

/** What the GraphQL handler reads from the simulated store. */
export type GraphqlStore = {
  storeName: string;
  timeZone: string;
  currency: string;
  scopes(): string[];
  /** Orders this app may see: drafts are left out, and without read_all_orders those older than 60 days. */
  visibleOrders(): SeedOrder[];
  changes(orderId: string): OrderChanges;
  bucket: CostBucketSimulation;
  /** Every orders search string received, for tests of the time-zone pitfall. */
  searches: string[];
  /** Every query that ran, with its costs. */
  charged: ChargedQuery[];
  /** False when the app is not approved for protected customer data, so names, e-mails and addresses are denied. */
  protectedDataApproved(): boolean;
};

type GraphqlResponseBody = { data?: unknown; errors?: unknown[]; extensions?: unknown };

export function reply(body: GraphqlResponseBody): SimulatorReply {
  return { status: 200, body: JSON.stringify(body) };
}

export function canReadOrders(store: GraphqlStore): boolean {
  return store.scopes().includes("read_orders") || store.scopes().includes("write_orders");
}

export function accessDenied(field: string): SimulatorReply {
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

export function tooCostly(requested: number, maxCost: number): SimulatorReply {
  return reply({
    errors: [
      {
        message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxCost}).`,
        extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost },
      },
    ],
  });
}

/**
 * Takes the requested cost from the bucket as Shopify does before running a
 * query, or returns the reply that Shopify sends instead: MAX_COST_EXCEEDED
 * over the single-query limit, THROTTLED when the bucket lacks the points.
 */
export function chargeOrRefuse(store: GraphqlStore, requested: number): SimulatorReply | null {
  if (requested > store.bucket.options.singleQueryMaxCost) {
    return tooCostly(requested, store.bucket.options.singleQueryMaxCost);
  }
  const throttled = store.bucket.charge(requested);
  if (!throttled) return null;
  return reply({
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttled.throttleStatus } },
  });
}

/**
 * Refunds the part of the requested cost that the query did not use, as
 * Shopify does after running it, records the query, and returns the
 * `extensions.cost` of its reply.
 */
export function settleCost(store: GraphqlStore, query: string, requested: number, actual: number): unknown {
  store.bucket.refund(requested - actual);
  const operation = /^\s*query\s+(\w+)/.exec(query)?.[1] ?? "";
  store.charged.push({ operation, requestedQueryCost: requested, actualQueryCost: actual });
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: store.bucket.status() } };
}
