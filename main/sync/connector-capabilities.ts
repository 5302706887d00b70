import type { CartOrder } from "../carts/cart-order.js";
import type { CartConnector, ModifiedOrderQuery, OrderPage } from "../carts/connector.js";

export type { ModifiedOrderQuery } from "../carts/connector.js";

/** Optional connector members the sync uses when a connector has them. */
export type ConnectorCapabilities = Pick<CartConnector, "listModifiedOrders" | "getOrdersById">;

export type CapableConnector = CartConnector & ConnectorCapabilities;

/** Returns the connector's modification listing, bound to it, or null when it has none. */
export function modifiedOrdersOf(connector: CartConnector): ((query: ModifiedOrderQuery) => AsyncIterable<OrderPage>) | null {
  const capable = connector as CapableConnector;
  return typeof capable.listModifiedOrders === "function" ? capable.listModifiedOrders.bind(connector) : null;
}

/** Returns the connector's read by id, bound to it, or null when it has none. */
export function ordersByIdOf(connector: CartConnector): ((ids: string[], signal?: AbortSignal) => Promise<CartOrder[]>) | null {
  const capable = connector as CapableConnector;
  return typeof capable.getOrdersById === "function" ? capable.getOrdersById.bind(connector) : null;
}
