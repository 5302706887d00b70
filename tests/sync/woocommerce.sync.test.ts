import { describeSyncFaultSuite } from "./fault-suite.js";
import { wooCommerceSyncHarness } from "./sync-harnesses.js";
import { describeSyncWindowSuite } from "./window-suite.js";

describeSyncFaultSuite(wooCommerceSyncHarness);
describeSyncWindowSuite(wooCommerceSyncHarness);
