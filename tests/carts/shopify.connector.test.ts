import { describeConnectorSuite } from "./connector-suite.js";
import { shopifyHarness } from "./shopify-harness.js";

describeConnectorSuite("Shopify with an access token", shopifyHarness("access-token"));
describeConnectorSuite("Shopify with client credentials", shopifyHarness("client-credentials"));
