import { describeSyncFaultSuite } from "./fault-suite.js";
import { prestaShopSyncHarness } from "./sync-harnesses.js";
import { describeSyncWindowSuite } from "./window-suite.js";

describeSyncFaultSuite(prestaShopSyncHarness);
describeSyncWindowSuite(prestaShopSyncHarness);
