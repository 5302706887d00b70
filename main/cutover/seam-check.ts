import type { SeamCheck } from "../../preload/contract.js";
import type { CartConnector } from "../carts/connector.js";
import { exclusionReason, type OrderFilter } from "../mapping/order-filter.js";
import type { CutoverLedgerView } from "./ledger-view.js";
import { formatInZone } from "../time/zoned-time.js";

/** Orders a seam check lists at most; the counts cover every order. */
export const MAX_SEAM_ORDERS_LISTED = 200;

export type SeamOrder = SeamCheck["ordersConcerned"][number];

export type OverlapCheck = {
  /** Orders created in [Import Orders from, cut-off), listed up to the maximum. */
  concerned: SeamOrder[];
  concernedCount: number;
  /**
   * Orders in the overlap that the sync would import because no export
   * contains them and the sync has not imported them yet. Each would then be
   * both an old-system order and a new document, unless the old system
   * really lacks it.
   */
  notExported: SeamOrder[];
  notExportedCount: number;
};

export type OverlapInput = {
  connector: CartConnector;
  ledger: Pick<CutoverLedgerView, "exportedCutoffOf" | "importedDocumentOf">;
  importFromUtc: string;
  cutoffUtc: string;
  /** The sync's order filter: only orders it would import can become a second document. */
  filter: OrderFilter;
  signal?: AbortSignal;
};

/**
 * Verifies an overlap: every order created in [Import Orders from, cut-off)
 * that the sync would import must be recorded as exported, so that the
 * de-duplication skips it. Lists the orders concerned and those not exported.
 */
export async function checkOverlap(input: OverlapInput): Promise<OverlapCheck> {
  const check: OverlapCheck = {
    concerned: [],
    concernedCount: 0,
    notExported: [],
    notExportedCount: 0,
  };
  const pages = input.connector.listOrders({
    createdFromUtc: input.importFromUtc,
    createdToUtc: input.cutoffUtc,
    pageSize: 250,
    signal: input.signal,
  });
  for await (const page of pages) {
    for (const order of page.orders) {
      const listed: SeamOrder = {
        cartOrderId: order.orderId,
        orderNumber: order.orderNumber,
        createdAtUtc: order.createdAtUtc,
      };
      check.concernedCount++;
      if (check.concerned.length < MAX_SEAM_ORDERS_LISTED) {
        check.concerned.push(listed);
      }

      const known =
        input.ledger.exportedCutoffOf(order) !== undefined ||
        input.ledger.importedDocumentOf(order) !== undefined;
      if (known || exclusionReason(order, input.filter) !== null) continue;
      check.notExportedCount++;
      if (check.notExported.length < MAX_SEAM_ORDERS_LISTED) {
        check.notExported.push(listed);
      }
    }
  }
  return check;
}

/**
 * Builds the overlap verdict. An overlap is accepted only when the export
 * is done and every order the sync would import is in it.
 */
export function overlapVerdict(
  check: OverlapCheck,
  importFromUtc: string,
  cutoffUtc: string,
  timeZone: string,
  exportDone: boolean,
): SeamCheck {
  const from = formatInZone(importFromUtc, timeZone);
  const cutoff = formatInZone(cutoffUtc, timeZone);
  const base = `Import Orders from (${from}) is earlier than the cut-off (${cutoff}), so ${check.concernedCount} order(s) created in between fall in both ranges.`;
  if (!exportDone) {
    return {
      verdict: "overlap",
      message: `${base} Export the orders before the cut-off first, so that the sync skips them, or set Import Orders from to the cut-off.`,
      ordersConcerned: check.concerned,
      startAllowed: false,
    };
  }
  if (check.notExportedCount > 0) {
    const names = check.notExported.map((order) => order.orderNumber).join(", ");
    return {
      verdict: "overlap",
      message: `${base} ${check.notExportedCount} of them are not in the export, so the sync would import them although they were created before the cut-off: ${names}. Export again so that the export includes them, or set Import Orders from to the cut-off.`,
      ordersConcerned: check.notExported,
      startAllowed: false,
    };
  }
  return {
    verdict: "overlap",
    message: `${base} Every one of them that the sync would import is in the export, so the de-duplication skips it and none becomes a second document.`,
    ordersConcerned: check.concerned,
    startAllowed: true,
  };
}
