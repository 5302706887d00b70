import type { SimulatorFault } from "../common/faults.js";
import type { SimulatorReply } from "../common/simulator-server.js";
import type { GraphqlRequest } from "./shopify-graphql-arguments.js";
import { respondToOrderLists, respondToOrders } from "./shopify-graphql-orders.js";
import { accessDenied, canReadOrders, chargeOrRefuse, type GraphqlStore, reply, settleCost } from "./shopify-graphql-replies.js";

export type { GraphqlStore } from "./shopify-graphql-replies.js";

/** Responds to the shop, app installation and order count fields, at a flat cost of 2 points. */
function respondToShop(store: GraphqlStore, request: GraphqlRequest): SimulatorReply {
  const refused = chargeOrRefuse(store, 2);
  if (refused) return refused;
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
  return reply({ data, extensions: settleCost(store, request.query, 2, 1) });
}

/** Responds to one GraphQL request with the root fields the connector uses. */
export function respondToGraphql(store: GraphqlStore, request: GraphqlRequest, fault: SimulatorFault | null): SimulatorReply {
  if (/\borders\s*\(/.test(request.query)) return respondToOrders(store, request, fault);
  if (/\border\s*\(/.test(request.query)) return respondToOrderLists(store, request);
  return respondToShop(store, request);
}
