import type { ProofSet } from "../../preload/contract.js";

export const PROOF_SETS: readonly ProofSet[] = ["exported", "imported", "excluded", "missing"];

export const PROOF_SET_LABELS: Record<ProofSet, string> = {
  exported: "Exported",
  imported: "Imported by sync",
  excluded: "Excluded",
  missing: "Missing",
};

/** Mark colours of the timeline, the same as in the saved report. */
export const PROOF_SET_COLOURS: Record<ProofSet, string> = {
  exported: "#1f6fb4",
  imported: "#2a9d3c",
  excluded: "#8a8a8a",
  missing: "#d62728",
};

export const DOUBLED_COLOUR = "#ff8c00";
