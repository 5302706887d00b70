import { describeCrashProperty } from "./crash-property.js";
import { shopifySyncHarness } from "./sync-harnesses.js";

describeCrashProperty(shopifySyncHarness, 20);
