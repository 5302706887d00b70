import { describeSyncFaultSuite } from "./fault-suite.js";
import { shopifySyncHarness } from "./sync-harnesses.js";
import { describeSyncWindowSuite } from "./window-suite.js";

describeSyncFaultSuite(shopifySyncHarness);
describeSyncWindowSuite(shopifySyncHarness);
