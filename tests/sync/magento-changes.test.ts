import { describeChangeAfterOverlap } from "./change-after-overlap.js";
import { magentoSyncHarness } from "./sync-harnesses.js";

describeChangeAfterOverlap(magentoSyncHarness);
