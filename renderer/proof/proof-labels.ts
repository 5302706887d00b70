// The proof's sets in lane order and their labels, the same as in the saved report.
export { SET_LABELS as PROOF_SET_LABELS } from "../../main/proof/timeline-layout.js";
export { LANE_SETS as PROOF_SETS } from "../../main/proof/timeline-scale.js";
