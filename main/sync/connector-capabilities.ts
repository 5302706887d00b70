import type { CartOrder } from "../carts/cart-order.js";
import type { CartConnector, OrderPage, OrderQuery } from "../carts/connector.js";

/** A half-open window on the modification date, paged like OrderQuery's creation window. */
export type ModifiedOrderQuery = Omit<OrderQuery, "createdFromUtc" | "createdToUtc"> & {
  modifiedFromUtc: string;
  modifiedToUtc: string;
};

/**
 * Optional connector members the sync uses when a connector has them.
 * NOTE: CartConnector does not declare them yet; the WooCommerce connector
 * has both, with these shapes.
 */
export type ConnectorCapabilities = {
  /** Lists orders changed in a window, with every status, so edits and cancellations after import are seen. */
  listModifiedOrders?(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
  /** Reads orders by cart order id; ids the cart does not know are left out. */
  getOrdersById?(ids: string[], signal?: AbortSignal): Promise<CartOrder[]>;
};

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
