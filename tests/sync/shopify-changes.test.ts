import { describeChangeAfterOverlap } from "./change-after-overlap.js";
import { shopifySyncHarness } from "./sync-harnesses.js";

describeChangeAfterOverlap(shopifySyncHarness);
