import type { CartOrder } from "../../../main/carts/cart-order.js";
import type { OrderPage } from "../../../main/carts/connector.js";
import { parseStoreAddress } from "../../../main/carts/store-address.js";
import {
  createWooCommerceConnector,
  type WooCommerceConnector,
  type WooCommerceConnectorOptions,
} from "../../../main/carts/woocommerce/woocommerce-connector.js";
import { FAST_RETRY_POLICY } from "../../../main/http/retry-policy.js";
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from "./woocommerce-simulator.js";

export type WooFixture = {
  simulator: WooCommerceSimulator;
  connector: WooCommerceConnector;
};

/** Starts a simulator and a connector pointed at it, with the fast retry policy. */
export async function startWooFixture(
  options: WooCommerceSimulatorOptions = {},
  connectorOptions: Partial<WooCommerceConnectorOptions> = {},
): Promise<WooFixture> {
  const simulator = await startWooCommerceSimulator(options);
  const connector = createWooCommerceConnector({
    storeUrl: parseStoreAddress(simulator.storeUrl),
    credentials: {
      consumerKey: simulator.credentials.consumerKey!,
      consumerSecret: simulator.credentials.consumerSecret!,
    },
    retryPolicy: FAST_RETRY_POLICY,
    ...connectorOptions,
  });
  return { simulator, connector };
}

export type CollectedPages = { orders: CartOrder[]; pages: OrderPage[] };

/** Reads every page of a listing, stopping after maxPages so a paging bug cannot loop forever. */
export async function collectPages(
  listing: AsyncIterable<OrderPage>,
  maxPages = 200,
): Promise<CollectedPages> {
  const pages: OrderPage[] = [];
  for await (const page of listing) {
    pages.push(page);
    if (pages.length >= maxPages) throw new Error(`listing did not end after ${maxPages} pages`);
  }
  return { orders: pages.flatMap((page) => page.orders), pages };
}
