import { createBigCommerceConnector } from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { startBigCommerceSimulator } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { describeConnectorSuite, type ConnectorHarness } from "./connector-suite.js";

const bigCommerceHarness: ConnectorHarness = {
  requestsPerOrder: 2,
  async start(options) {
    const simulator = await startBigCommerceSimulator(options);
    return {
      simulator,
      connector: (overrides) => {
        // The store address of BigCommerce is the API path, so a bare origin
        // from the suite, such as a closed port, gets the store's path appended.
        const storeUrl = overrides.storeUrl
          ? `${overrides.storeUrl}/stores/${simulator.storeHash}/v3/`
          : simulator.storeUrl;
        return createBigCommerceConnector({
          storeUrl: parseStoreAddress(storeUrl),
          credentials: { accessToken: (overrides.credentials ?? simulator.credentials).accessToken ?? "" },
          retryPolicy: overrides.retryPolicy,
        });
      },
    };
  },
};

describeConnectorSuite("BigCommerce", bigCommerceHarness);
