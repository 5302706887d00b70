import { describeChangeAfterOverlap } from "./change-after-overlap.js";
import { prestaShopSyncHarness } from "./sync-harnesses.js";

describeChangeAfterOverlap(prestaShopSyncHarness);
