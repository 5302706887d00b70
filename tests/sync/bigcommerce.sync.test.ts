import { describeSyncFaultSuite } from "./fault-suite.js";
import { bigCommerceSyncHarness } from "./sync-harnesses.js";
import { describeSyncWindowSuite } from "./window-suite.js";

describeSyncFaultSuite(bigCommerceSyncHarness);
describeSyncWindowSuite(bigCommerceSyncHarness);
