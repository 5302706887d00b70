import { createMagentoConnector } from "../../main/carts/magento/magento-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { startMagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { magentoCredentialsOf } from "../simulators/magento/magento-test-kit.js";
import { describeConnectorSuite, type ConnectorHarness } from "./connector-suite.js";

const magentoHarness: ConnectorHarness = {
  async start(options) {
    const simulator = await startMagentoSimulator(options);
    return {
      simulator,
      connector: (overrides) =>
        createMagentoConnector({
          storeUrl: parseStoreAddress(overrides.storeUrl ?? simulator.storeUrl),
          credentials: magentoCredentialsOf({ credentials: overrides.credentials ?? simulator.credentials }),
          retryPolicy: overrides.retryPolicy,
        }),
    };
  },
};

describeConnectorSuite("Magento 2", magentoHarness);
