import { describeCrashProperty } from "./crash-property.js";
import { magentoSyncHarness } from "./sync-harnesses.js";

// Fewer trials than Shopify's 20 keep the whole sync suite within about three minutes on two cores.
describeCrashProperty(magentoSyncHarness, 8);
