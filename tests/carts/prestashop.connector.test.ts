import { createPrestaShopConnector } from "../../main/carts/prestashop/prestashop-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { startPrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { describeConnectorSuite, type ConnectorHarness } from "./connector-suite.js";

const prestaShopHarness: ConnectorHarness = {
  async start(options) {
    const simulator = await startPrestaShopSimulator(options);
    return {
      simulator,
      connector: (overrides) =>
        createPrestaShopConnector({
          storeUrl: parseStoreAddress(overrides.storeUrl ?? simulator.storeUrl),
          credentials: { webserviceKey: (overrides.credentials ?? simulator.credentials).webserviceKey ?? "" },
          retryPolicy: overrides.retryPolicy,
        }),
    };
  },
};

describeConnectorSuite("PrestaShop", prestaShopHarness);
