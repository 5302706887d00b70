import {
  type BigCommerceConnector,
  type BigCommerceConnectorOptions,
  createBigCommerceConnector,
} from "../../../main/carts/bigcommerce/bigcommerce-connector.js";
import { parseStoreAddress } from "../../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../../main/http/retry-policy.js";
import {
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
  startBigCommerceSimulator,
} from "./bigcommerce-simulator.js";

export { collectPages } from "../woocommerce/woocommerce-fixture.js";

export type BcFixture = {
  simulator: BigCommerceSimulator;
  connector: BigCommerceConnector;
};

/** Starts a simulator and a connector given its API path, with the fast retry policy. */
export async function startBcFixture(
  options: BigCommerceSimulatorOptions = {},
  connectorOptions: Partial<BigCommerceConnectorOptions> = {},
): Promise<BcFixture> {
  const simulator = await startBigCommerceSimulator(options);
  const connector = createBigCommerceConnector({
    storeUrl: parseStoreAddress(simulator.storeUrl),
    credentials: { accessToken: simulator.credentials.accessToken! },
    retryPolicy: FAST_RETRY_POLICY,
    ...connectorOptions,
  });
  return { simulator, connector };
}
