import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import type { ShopifyCredentials } from "../../main/carts/shopify/shopify-api.js";
import { createShopifyConnector, type ShopifyConnectorOptions } from "../../main/carts/shopify/shopify-connector.js";
import { startShopifySimulator, type ShopifySimulatorOptions } from "../simulators/shopify/shopify-simulator.js";
import type { ConnectorHarness } from "./connector-suite.js";

/** Turns the simulator's credential record into the connector's credential type. */
export function shopifyCredentialsOf(record: Record<string, string>): ShopifyCredentials {
  if (record.accessToken !== undefined) return { kind: "access-token", accessToken: record.accessToken };
  return { kind: "client-credentials", clientId: record.clientId ?? "", clientSecret: record.clientSecret ?? "" };
}

/** Creates a harness for the shared connector suite, with either kind of Shopify credentials. */
export function shopifyHarness(
  credentialKind: ShopifySimulatorOptions["credentialKind"],
  extra: Partial<ShopifyConnectorOptions> = {},
): ConnectorHarness {
  return {
    flagsTestOrders: true,
    async start(options) {
      const simulator = await startShopifySimulator({ ...options, credentialKind });
      return {
        simulator,
        connector: (overrides) =>
          createShopifyConnector({
            storeUrl: parseStoreAddress(overrides.storeUrl ?? simulator.storeUrl),
            credentials: shopifyCredentialsOf(overrides.credentials ?? simulator.credentials),
            retryPolicy: overrides.retryPolicy,
            ...extra,
          }),
      };
    },
  };
}

/** Collects every page of a listing. */
export async function collectPages<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

/** Builds a connector for a running simulator, with the fast retry policy unless the options set another. */
export function connectorFor(
  simulator: { storeUrl: string; credentials: Record<string, string> },
  options: Partial<ShopifyConnectorOptions> = {},
) {
  return createShopifyConnector({
    storeUrl: parseStoreAddress(simulator.storeUrl),
    credentials: shopifyCredentialsOf(simulator.credentials),
    retryPolicy: FAST_RETRY_POLICY,
    ...options,
  });
}
