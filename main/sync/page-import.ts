import type { CartOrder } from "../carts/cart-order.js";
import type { Destination } from "../destinations/destination.js";
import { createLogger } from "../logging/logger.js";
import { mapOrder, type MappingOptions } from "../mapping/map-order.js";
import { type ExclusionReason, exclusionReason } from "../mapping/order-filter.js";
import { type SalesDocument, sourceKeyOf } from "../mapping/sales-document.js";
import type { ImportedOrder, Ledger, LedgerRecord, OrderChange } from "./ledger.js";
import type { RunTally } from "./run-tally.js";

const log = createLogger("sync");

/** The parts of a run that importing a batch of orders uses. */
export type ImportScope = {
  destination: Destination;
  ledger: Ledger;
  mapping: MappingOptions;
  /**
   * The cut-off set now. Only an export made for it keeps the sync from
   * importing an order; null counts an export for any cut-off.
   */
  cutoffUtc: string | null;
  runId: string;
  tally: RunTally;
  nowIso: () => string;
};

type Pending = {
  order: CartOrder;
  sourceKey: string;
  document: SalesDocument;
  /** Set when an earlier delivery was cut short and the filter would now leave the order out. */
  excludedSince: ExclusionReason | null;
};

/**
 * Tells whether an export for the current cut-off has the order. An order
 * that only an export for an earlier cut-off setting has is not in the
 * export the user uploads now, so skipping it would lose it.
 */
function isExportedForCutoff(order: CartOrder, scope: ImportScope): boolean {
  const exportedCutoff = scope.ledger.exportedFor(order.orderId, scope.mapping.storeId);
  if (exportedCutoff === undefined) return false;
  if (scope.cutoffUtc === null) return true;
  return Date.parse(exportedCutoff) === Date.parse(scope.cutoffUtc);
}

export function sourceKeyOfOrder(order: CartOrder, mapping: MappingOptions): string {
  return sourceKeyOf(order.platform, mapping.storeId, order.orderId);
}

/** Returns how an imported order changed in the cart since it was imported or last flagged, or null. */
export function changeOf(order: CartOrder, known: ImportedOrder, lastFlaggedUpdateUtc: string | undefined): OrderChange | null {
  if (lastFlaggedUpdateUtc === order.updatedAtUtc) return null;
  if (order.cancelledAtUtc && !known.cancelled) return "cancelled";
  if (Date.parse(order.updatedAtUtc) > Date.parse(known.updatedAtUtc)) return "edited";
  return null;
}

/** Flags an imported order that changed in the cart; it never becomes a second document. */
export function flagChange(order: CartOrder, known: ImportedOrder, scope: ImportScope, records: LedgerRecord[]): void {
  const change = changeOf(order, known, scope.ledger.lastChangeSeen(known.sourceKey));
  if (!change) return;
  scope.tally.changesFlagged++;
  records.push({
    type: "changed",
    sourceKey: known.sourceKey,
    cartOrderId: order.orderId,
    orderNumber: order.orderNumber,
    change,
    updatedAtUtc: order.updatedAtUtc,
    atUtc: scope.nowIso(),
  });
  log.warn("imported order changed in the cart", { orderId: order.orderId, change, updatedAtUtc: order.updatedAtUtc });
}

/** Flags an order whose cut-short delivery was finished although the filter now leaves it out. */
function flagExclusionSinceDelivery(
  order: CartOrder,
  imported: ImportedOrder,
  reason: ExclusionReason,
  scope: ImportScope,
  records: LedgerRecord[],
): void {
  const change: OrderChange = reason === "cancelled" ? "cancelled" : "edited";
  scope.tally.changesFlagged++;
  records.push({
    type: "changed",
    sourceKey: imported.sourceKey,
    cartOrderId: order.orderId,
    orderNumber: order.orderNumber,
    change,
    updatedAtUtc: order.updatedAtUtc,
    atUtc: scope.nowIso(),
  });
  log.warn("finished a cut-short delivery of an order the filter now leaves out", { orderId: order.orderId, reason });
}

function setAside(order: CartOrder, sourceKey: string, reason: string, scope: ImportScope): LedgerRecord {
  scope.tally.fail({ cartOrderId: order.orderId, orderNumber: order.orderNumber, reason });
  log.warn("order set aside", { orderId: order.orderId, orderNumber: order.orderNumber, reason });
  return {
    type: "failed",
    sourceKey,
    cartOrderId: order.orderId,
    orderNumber: order.orderNumber,
    createdAtUtc: order.createdAtUtc,
    reason,
    runId: scope.runId,
    atUtc: scope.nowIso(),
  };
}

/** Maps an order, or returns the reason it cannot become a document. */
function documentOf(order: CartOrder, mapping: MappingOptions): SalesDocument | string {
  try {
    const mapped = mapOrder(order, mapping);
    const blocking = mapped.findings.find((finding) => finding.severity === "error");
    return blocking ? blocking.message : mapped.document;
  } catch (error) {
    // A cart field no connector test foresaw must cost this one order, not the run.
    const detail = error instanceof Error ? error.message : String(error);
    return `The order could not be turned into a document (${detail}). Check it in the cart, then retry it.`;
  }
}

/** Sorts a page's orders into known ones, exclusions, set-asides and documents to deliver. */
function classify(orders: readonly CartOrder[], scope: ImportScope, records: LedgerRecord[]): Pending[] {
  const pending: Pending[] = [];
  const seen = new Set<string>();
  for (const order of orders) {
    const sourceKey = sourceKeyOfOrder(order, scope.mapping);
    const known = scope.ledger.importedOrder(sourceKey);
    if (known || seen.has(sourceKey)) {
      scope.tally.alreadyImported++;
      if (known) flagChange(order, known, scope, records);
      continue;
    }
    seen.add(sourceKey);
    if (isExportedForCutoff(order, scope)) {
      scope.tally.alreadyImported++;
      continue;
    }
    const reason = exclusionReason(order, scope.mapping.filter);
    // A delivery cut short by a crash is finished whatever the order's state
    // now, which is the outcome the run would have had without the crash.
    const inDoubt = scope.ledger.isInDoubt(sourceKey);
    if (reason && !inDoubt) {
      scope.tally.skip(reason);
      continue;
    }
    const document = documentOf(order, scope.mapping);
    // NOTE: an order in doubt that no longer maps is set aside, although the
    // destination may hold a document from the delivery that was cut short.
    if (typeof document === "string") records.push(setAside(order, sourceKey, document, scope));
    else pending.push({ order, sourceKey, document, excludedSince: inDoubt ? reason : null });
  }
  return pending;
}

/**
 * Imports a batch of orders and returns the ledger records that describe
 * the result, for the caller to commit together with its resume point.
 * Only the intent to deliver is committed before the delivery. A crash
 * before the results are committed delivers the documents again, and the
 * destination's de-duplication by sourceKey makes that harmless.
 */
export async function importOrders(orders: readonly CartOrder[], scope: ImportScope): Promise<LedgerRecord[]> {
  const records: LedgerRecord[] = [];
  const pending = classify(orders, scope, records);
  if (pending.length === 0) return records;

  // The intent goes to disk first, so that a crash during delivery leaves
  // these orders in doubt rather than unknown.
  scope.ledger.commit([{ type: "delivering", runId: scope.runId, sourceKeys: pending.map((item) => item.sourceKey), atUtc: scope.nowIso() }]);
  const deliveries = await scope.destination.deliver(pending.map((item) => item.document));
  if (deliveries.length !== pending.length) {
    throw new Error(`${scope.destination.label} returned ${deliveries.length} deliveries for ${pending.length} documents`);
  }
  deliveries.forEach((delivery, index) => {
    const { order, sourceKey, excludedSince } = pending[index]!;
    if (delivery.sourceKey !== sourceKey) {
      throw new Error(`${scope.destination.label} returned a delivery of ${delivery.sourceKey} in place of ${sourceKey}`);
    }
    if ("rejectedReason" in delivery) {
      records.push(setAside(order, sourceKey, `${scope.destination.label} rejected the document: ${delivery.rejectedReason}`, scope));
      return;
    }
    scope.tally.imported++;
    const imported: ImportedOrder = {
      type: "imported",
      sourceKey,
      cartOrderId: order.orderId,
      orderNumber: order.orderNumber,
      documentId: delivery.documentId,
      createdAtUtc: order.createdAtUtc,
      updatedAtUtc: order.updatedAtUtc,
      cancelled: Boolean(order.cancelledAtUtc) && excludedSince === null,
      runId: scope.runId,
      atUtc: scope.nowIso(),
    };
    records.push(imported);
    if (excludedSince) flagExclusionSinceDelivery(order, imported, excludedSince, scope, records);
  });
  return records;
}
