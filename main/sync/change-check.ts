import type { CartOrder } from "../carts/cart-order.js";
import { createLogger } from "../logging/logger.js";
import { exclusionReason } from "../mapping/order-filter.js";
import { modifiedOrdersOf } from "./connector-capabilities.js";
import type { LedgerRecord, OrderWindow } from "./ledger.js";
import { flagChange, importOrders, sourceKeyOfOrder } from "./page-import.js";
import { checkOrdersInWindow } from "./sync-window.js";
import { MAX_LISTING_STARTS, MIN_PAGE_SIZE, mayPassWithSmallerPage, type WindowScope } from "./window-sync.js";

const log = createLogger("sync");

/**
 * Sorts a page of recently changed orders. Imported ones are checked for a
 * cancellation or edit. Orders that were not importable when their creation
 * window was read but are now are returned for import, such as a checkout
 * draft that became an order or an order stamped before the overlap.
 */
function sortChangedPage(
  orders: readonly CartOrder[],
  scope: WindowScope,
  importedWindow: OrderWindow,
  records: LedgerRecord[],
): CartOrder[] {
  const importFromMs = Date.parse(importedWindow.fromUtc);
  const markMs = Date.parse(importedWindow.toUtc);
  const late: CartOrder[] = [];
  for (const order of orders) {
    const sourceKey = sourceKeyOfOrder(order, scope.mapping);
    const known = scope.ledger.importedOrder(sourceKey);
    if (known) {
      flagChange(order, known, scope, records);
      continue;
    }
    // An order this run already set aside waits for a retry, not a second attempt now.
    if (scope.ledger.failedOrder(sourceKey)?.runId === scope.runId) continue;
    const createdMs = Date.parse(order.createdAtUtc);
    // Orders before Import Orders from belong to the old system; orders after
    // the mark come with the next creation window.
    if (!(createdMs >= importFromMs && createdMs < markMs)) continue;
    // Orders still excluded were counted when their creation window was read,
    // unless a delivery of theirs was cut short and must be finished.
    if (exclusionReason(order, scope.mapping.filter) && !scope.ledger.isInDoubt(sourceKey)) continue;
    late.push(order);
  }
  return late;
}

/**
 * Reads the orders changed in a modification window, when the connector can
 * list them. An imported order that was cancelled or edited is flagged,
 * never imported a second time. `importedWindow` spans Import Orders from
 * to Last Order from: the orders the sync has already read once.
 * Returns false when the connector has no modification listing.
 */
export async function checkForChanges(
  window: OrderWindow,
  importedWindow: OrderWindow,
  scope: WindowScope,
): Promise<boolean> {
  const listModified = modifiedOrdersOf(scope.connector);
  if (!listModified) return false;

  let cursor: string | null = null;
  let pageSize = scope.pageSize;
  for (let start = 1; ; start++) {
    try {
      const listing = listModified({
        modifiedFromUtc: window.fromUtc,
        modifiedToUtc: window.toUtc,
        pageSize,
        resumeCursor: cursor,
        signal: scope.signal,
      });
      for await (const page of listing) {
        scope.tally.pages++;
        scope.tally.retries += Math.max(0, page.attempts - 1);
        checkOrdersInWindow(page.orders, window, "updatedAtUtc");
        const records: LedgerRecord[] = [];
        const late = sortChangedPage(page.orders, scope, importedWindow, records);
        if (late.length) {
          log.info("importing orders that became importable after their window was read", { count: late.length });
          records.push(...(await importOrders(late, scope)));
        }
        scope.ledger.commit(records);
        cursor = page.nextCursor;
      }
      break;
    } catch (error) {
      // The same rule as for the creation window: a page that keeps failing may pass when smaller.
      if (!mayPassWithSmallerPage(error) || pageSize <= MIN_PAGE_SIZE || start >= MAX_LISTING_STARTS) throw error;
      pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      scope.tally.retries++;
      log.warn("changed orders page keeps failing, retrying with a smaller page", { runId: scope.runId, pageSize });
    }
  }
  scope.ledger.commit([{ type: "changes-checked", runId: scope.runId, window, atUtc: scope.nowIso() }]);
  return true;
}
