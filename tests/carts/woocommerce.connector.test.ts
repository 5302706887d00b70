import { parseStoreAddress } from "../../main/carts/store-address.js";
import { createWooCommerceConnector } from "../../main/carts/woocommerce/woocommerce-connector.js";
import { startWooCommerceSimulator } from "../simulators/woocommerce/woocommerce-simulator.js";
import { describeConnectorSuite, type ConnectorHarness } from "./connector-suite.js";

const wooCommerceHarness: ConnectorHarness = {
  async start(options) {
    const simulator = await startWooCommerceSimulator(options);
    return {
      simulator,
      connector: (overrides) => {
        const credentials = overrides.credentials ?? simulator.credentials;
        return createWooCommerceConnector({
          storeUrl: parseStoreAddress(overrides.storeUrl ?? simulator.storeUrl),
          credentials: { consumerKey: credentials.consumerKey ?? "", consumerSecret: credentials.consumerSecret ?? "" },
          retryPolicy: overrides.retryPolicy,
        });
      },
    };
  },
};

describeConnectorSuite("WooCommerce", wooCommerceHarness);
