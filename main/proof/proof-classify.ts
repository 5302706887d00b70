import type { ProofRow, ProofSet } from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
import { replacedExportCutoffOf, type CutoverLedgerView } from "../cutover/ledger-view.js";
import {
  exportExclusion,
  EXPORT_EXCLUSION_LABELS,
  type ExportScope,
} from "../cutover/export-scope.js";
import {
  EXCLUSION_LABELS,
  exclusionReason,
  type OrderFilter,
} from "../mapping/order-filter.js";
import { formatInZone } from "../time/zoned-time.js";

/** One export made for the cut-off, as its summary file records it. */
export type ProofExport = {
  scope: ExportScope;
  window: { fromUtc: string; toUtc: string };
};

export type ClassifyContext = {
  cutoffUtc: string;
  timeZone: string;
  ledger: CutoverLedgerView;
  exports: readonly ProofExport[];
  /** The sync's order filter, or null before Go live was saved. */
  syncFilter: OrderFilter | null;
  /**
   * The instant the sync's next run starts reading from (Last Order from
   * minus the overlap). A missing order created before it lies in a window the sync
   * already finished, so "Import new orders now" does not read it again.
   */
  nextRunFromUtc: string | null;
};

const PROOF_SETS_FOUND = ["exported", "imported"] as const;

function cancelAdvice(
  order: CartOrder,
  documentId: string,
  context: ClassifyContext,
): string {
  const exportedFor = context.ledger.exportedCutoffOf(order)!;
  const exportCutoff = formatInZone(exportedFor, context.timeZone);
  if (Date.parse(order.createdAtUtc) < Date.parse(context.cutoffUtc)) {
    return `Doubled: it is in the export for the old system and the sync also imported it as document ${documentId}. The old system owns orders created before the cut-off, so cancel document ${documentId} in the order system.`;
  }
  return `Doubled: the sync imported it as document ${documentId}, and it is also in the export for the cut-off ${exportCutoff}. The sync owns orders created from the cut-off on, so delete it from the old system's T-4 upload and keep document ${documentId}.`;
}

type Placement = Pick<ProofRow, "set" | "reason">;

const missing = (reason: string): Placement => ({ set: "missing", reason });
const excluded = (reason: string): Placement => ({ set: "excluded", reason });

function isInWindow(createdMs: number, window: ProofExport["window"]): boolean {
  return (
    createdMs >= Date.parse(window.fromUtc) &&
    createdMs < Date.parse(window.toUtc)
  );
}

/** Places an order created before the cut-off that neither the export nor the sync has. */
function beforeCutoff(order: CartOrder, context: ClassifyContext): Placement {
  const createdMs = Date.parse(order.createdAtUtc);
  const takenBy = context.exports.filter(
    (exportMade) =>
      isInWindow(createdMs, exportMade.window) &&
      exportExclusion(order, exportMade.scope) === null,
  );
  if (takenBy.length > 0) {
    return missing(
      "Missing: created before the cut-off and qualifies for the export, but no export contains it. The cart listed it only after the export ran, or its export record is lost. Export again for this cut-off (the files are written anew and include it), or add it to the old system by hand.",
    );
  }
  const openReason = exportExclusion(order, "open");
  if (openReason !== null) {
    return excluded(
      `Excluded before the cut-off: ${EXPORT_EXCLUSION_LABELS[openReason]}. It is not an open order to migrate.`,
    );
  }
  if (context.exports.length > 0) {
    return excluded("Excluded: created before the start of the export's date range.");
  }
  return missing(
    "Missing: created before the cut-off and still open, but no export was made for this cut-off. Export the orders before the cut-off, or add it to the old system by hand.",
  );
}

/** Places an order created at or after the cut-off that neither the export nor the sync has. */
function afterCutoff(order: CartOrder, context: ClassifyContext): Placement {
  if (!context.syncFilter) {
    return missing(
      "Missing: created after the cut-off, and Go live has not been saved, so the sync has not imported anything yet. Save Go live, then run Import new orders now.",
    );
  }
  const reason = exclusionReason(order, context.syncFilter);
  if (reason) {
    return excluded(`Excluded by the sync's filter: ${EXCLUSION_LABELS[reason]}.`);
  }

  const failure = context.ledger.failureOf(order);
  if (failure) {
    return missing(
      `Missing: the sync set it aside: ${failure} Fix it in the cart, then retry it in the Monitor step.`,
    );
  }
  const nextRunFrom = context.nextRunFromUtc;
  const createdMs = Date.parse(order.createdAtUtc);
  if (!nextRunFrom || createdMs >= Date.parse(nextRunFrom)) {
    return missing("Missing: not imported yet. Run Import new orders now.");
  }
  return missing(
    "Missing: the sync already finished the window this order was created in, so the cart listed it late and Import new orders now will not read it again. Stop Auto Sync, save Go live with Import Orders from one minute before the cut-off, then run Import new orders now. Orders already imported or exported are skipped.",
  );
}

/**
 * Puts one cart order into exactly one set: exported, imported, excluded
 * (with its reason) or missing (with what to do). An order both exported
 * and imported keeps the set of the side that owns it by the half-open
 * split, and lists both in foundIn: it is doubled.
 */
export function classifyOrder(
  order: CartOrder,
  context: ClassifyContext,
): ProofRow {
  const exportedFor = context.ledger.exportedCutoffOf(order);
  const documentId = context.ledger.importedDocumentOf(order);
  const createdMs = Date.parse(order.createdAtUtc);
  const beforeCut = createdMs < Date.parse(context.cutoffUtc);
  const base = {
    cartOrderId: order.orderId,
    orderNumber: order.orderNumber,
    createdAtUtc: order.createdAtUtc,
    currency: order.currency,
    totalMinor: order.totalMinor,
  };

  const replacedCutoff = replacedExportCutoffOf(context.ledger, order, context.cutoffUtc);
  if (replacedCutoff && !beforeCut) {
    // Only an export that the export for this cut-off replaces has the
    // order, so it belongs to the sync's side. It is doubled only if that
    // other export was uploaded.
    const otherCutoff = formatInZone(replacedCutoff, context.timeZone);
    if (documentId) {
      return {
        ...base,
        set: "imported",
        reason: `Also in the export made while the cut-off was ${otherCutoff}, which the export for this cut-off replaces. If that export went to the old system, delete the order there.`,
        foundIn: [],
      };
    }
    const placed = afterCutoff(order, context);
    const note = `It is also in the export made while the cut-off was ${otherCutoff}; if that export went to the old system, delete the order there.`;
    return { ...base, ...placed, reason: placed.reason ? `${placed.reason} ${note}` : note, foundIn: [] };
  }
  if (exportedFor && documentId) {
    return {
      ...base,
      set: beforeCut ? "exported" : "imported",
      reason: cancelAdvice(order, documentId, context),
      foundIn: [...PROOF_SETS_FOUND],
    };
  }
  if (exportedFor) {
    const sameCutoff = Date.parse(exportedFor) === Date.parse(context.cutoffUtc);
    const otherCutoff = formatInZone(exportedFor, context.timeZone);
    const reason = sameCutoff
      ? null
      : `In the export made for another cut-off, ${otherCutoff}.`;
    return { ...base, set: "exported", reason, foundIn: [] };
  }
  if (documentId) {
    return { ...base, set: "imported", reason: null, foundIn: [] };
  }
  const placed = beforeCut
    ? beforeCutoff(order, context)
    : afterCutoff(order, context);
  return { ...base, ...placed, foundIn: [] };
}

export const PROOF_SETS: readonly ProofSet[] = ["exported", "imported", "excluded", "missing"];
