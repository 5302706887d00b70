import type { CartOrder } from "../carts/cart-order.js";
import { sourceKeyOf } from "../mapping/sales-document.js";
import type { Ledger } from "../sync/ledger.js";

/**
 * What the export, the seam check and the proof read from the sync ledger
 * about one cart order of one store. The ledger keys imported and failed
 * orders by the document's source key and exported ones by store and cart
 * order id. This view hides that, so cut-over code looks up a CartOrder.
 */
export type CutoverLedgerView = {
  /** The cut-off of the export that contains the order, if one does. */
  exportedCutoffOf(order: CartOrder): string | undefined;
  /** The id of the document the sync made from the order, if it imported it. */
  importedDocumentOf(order: CartOrder): string | undefined;
  /** The reason the sync set the order aside, unless no retry settled it yet. */
  failureOf(order: CartOrder): string | undefined;
  /** Last Order from: the sync has read every order created before it. */
  readonly lastOrderFromUtc: string | null;
};

/** Creates the view of one store's orders in a ledger. */
export function cutoverLedgerViewOf(
  ledger: Ledger,
  storeId: string,
): CutoverLedgerView {
  const sourceKey = (order: CartOrder) =>
    sourceKeyOf(order.platform, storeId, order.orderId);
  return {
    exportedCutoffOf: (order) => ledger.exportedFor(order.orderId, storeId),
    importedDocumentOf: (order) =>
      ledger.importedOrder(sourceKey(order))?.documentId,
    failureOf: (order) => ledger.failedOrder(sourceKey(order))?.reason,
    get lastOrderFromUtc() {
      return ledger.lastOrderFromUtc;
    },
  };
}

/**
 * Returns the cut-off of the export that has the order when that export was
 * made while another cut-off was set, so that the export for `cutoffUtc`
 * replaces it. Returns undefined when no export has the order or the
 * export for `cutoffUtc` does.
 */
export function replacedExportCutoffOf(
  ledger: Pick<CutoverLedgerView, "exportedCutoffOf">,
  order: CartOrder,
  cutoffUtc: string,
): string | undefined {
  const exportedFor = ledger.exportedCutoffOf(order);
  if (exportedFor === undefined) return undefined;
  return Date.parse(exportedFor) === Date.parse(cutoffUtc) ? undefined : exportedFor;
}

/** Builds the ledger record that marks orders of a store as exported for a cut-off. */
export function exportedRecordOf(
  cartOrderIds: string[],
  cutoffUtc: string,
  storeId: string,
  atUtc: string,
): Parameters<Ledger["commit"]>[0][number] {
  return { type: "exported", cartOrderIds, cutoffUtc, storeId, atUtc };
}
