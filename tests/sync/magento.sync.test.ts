import { describeSyncFaultSuite } from "./fault-suite.js";
import { magentoSyncHarness } from "./sync-harnesses.js";
import { describeSyncWindowSuite } from "./window-suite.js";

describeSyncFaultSuite(magentoSyncHarness);
describeSyncWindowSuite(magentoSyncHarness);
