import type { CartOrder } from "../../../main/carts/cart-order.js";
import type { CartConnector, OrderPage, OrderQuery } from "../../../main/carts/connector.js";
import {
  createMagentoConnector,
  type MagentoConnector,
  type MagentoConnectorOptions,
} from "../../../main/carts/magento/magento-connector.js";
import type { MagentoCredentials } from "../../../main/carts/magento/magento-credentials.js";
import { parseStoreAddress } from "../../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../../main/http/retry-policy.js";
import type { MagentoSimulator } from "./magento-simulator.js";

/** Converts the simulator's credential record to the connector's credential type. */
export function magentoCredentialsOf(simulator: { credentials: Record<string, string> }): MagentoCredentials {
  const { consumerKey, consumerSecret, accessToken, accessTokenSecret } = simulator.credentials;
  return {
    consumerKey: consumerKey ?? "",
    consumerSecret: consumerSecret ?? "",
    accessToken: accessToken ?? "",
    accessTokenSecret: accessTokenSecret ?? "",
  };
}

/** Creates a connector for the simulator with short retry waits. */
export function magentoConnectorFor(
  simulator: MagentoSimulator,
  overrides: Partial<MagentoConnectorOptions> = {},
): MagentoConnector {
  return createMagentoConnector({
    storeUrl: parseStoreAddress(simulator.storeUrl),
    credentials: magentoCredentialsOf(simulator),
    retryPolicy: FAST_RETRY_POLICY,
    ...overrides,
  });
}

/** Reads every page of a listing. */
export async function collectPages(connector: CartConnector, query: OrderQuery): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of connector.listOrders(query)) pages.push(page);
  return pages;
}

export async function collectOrders(connector: CartConnector, query: OrderQuery): Promise<CartOrder[]> {
  const pages = await collectPages(connector, query);
  return pages.flatMap((page) => page.orders);
}

/** Runs a promise that must fail and returns its error. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
