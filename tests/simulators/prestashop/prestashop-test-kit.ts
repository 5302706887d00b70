import {
  createPrestaShopConnector,
  type PrestaShopConnector,
  type PrestaShopConnectorOptions,
} from "../../../main/carts/prestashop/prestashop-connector.js";
import { parseStoreAddress } from "../../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../../main/http/retry-policy.js";

/** Creates a connector for a simulator with short retry waits. */
export function prestaShopConnectorFor(
  simulator: { storeUrl: string; credentials: Record<string, string> },
  overrides: Partial<PrestaShopConnectorOptions> = {},
): PrestaShopConnector {
  return createPrestaShopConnector({
    storeUrl: parseStoreAddress(simulator.storeUrl),
    credentials: { webserviceKey: simulator.credentials.webserviceKey ?? "" },
    retryPolicy: FAST_RETRY_POLICY,
    ...overrides,
  });
}
