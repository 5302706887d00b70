import type { CartOrder, PlatformId } from "../carts/cart-order.js";
import type { FindingCode } from "../mapping/findings.js";
import { mapOrder, type MappingOptions } from "../mapping/map-order.js";
import type { DocumentLineKind } from "../mapping/sales-document.js";
import { toWallClock } from "../time/zoned-time.js";
import { cartStatusOf } from "./export-scope.js";

export type ExportedLine = {
  kind: DocumentLineKind;
  sku: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
  taxMinor: number;
};

/**
 * One exported order with everything both export files need. It is small
 * and plain JSON, because the export sorts orders on disk in this form.
 */
export type ExportedOrder = {
  cartOrderId: string;
  orderNumber: string;
  platform: PlatformId;
  createdAtUtc: string;
  /** Creation time in the store's zone, "YYYY-MM-DD HH:mm:ss". */
  createdAtStoreTime: string;
  customerName: string;
  customerEmail: string | null;
  cartStatus: string;
  currency: string;
  totalMinor: number;
  lines: ExportedLine[];
  /** Why to check the order before the upload: its error findings' messages; empty for most orders. */
  checks: string[];
};

/**
 * Findings that concern the sync's order filter, not the document: an
 * export takes such orders on purpose.
 */
const FILTER_FINDINGS: ReadonlySet<FindingCode> = new Set([
  "test-order",
  "draft-order",
  "cancelled-order",
  "fulfilled-order",
]);

/** Builds the export record of a cart order, with its lines as the sales document has them. */
export function exportedOrderOf(
  order: CartOrder,
  mapping: MappingOptions,
  storeTimeZone: string,
): ExportedOrder {
  const { document, findings } = mapOrder(order, mapping);
  const createdMs = Date.parse(order.createdAtUtc);
  return {
    cartOrderId: order.orderId,
    orderNumber: order.orderNumber,
    platform: order.platform,
    createdAtUtc: new Date(createdMs).toISOString(),
    createdAtStoreTime: toWallClock(createdMs, storeTimeZone).replace("T", " "),
    customerName: document.customer.name,
    customerEmail: document.customer.email,
    cartStatus: cartStatusOf(order),
    currency: document.currency,
    totalMinor: document.totalMinor,
    lines: document.lines.map((line) => ({
      kind: line.kind,
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      amountMinor: line.amountMinor,
      taxMinor: line.taxMinor,
    })),
    checks: findings
      .filter((finding) => finding.severity === "error" && !FILTER_FINDINGS.has(finding.code))
      .map((finding) => finding.message),
  };
}

const DIGITS = /^\d+$/;

/**
 * Compares cart order ids: numeric ids first and by value, so that "999"
 * sorts before "1001", then other ids by code point, so that the order
 * never depends on the machine's locale. Keeping the two kinds apart makes
 * the order transitive when a cart mixes them.
 */
export function compareOrderIds(a: string, b: string): number {
  const aNumeric = DIGITS.test(a);
  const bNumeric = DIGITS.test(b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (aNumeric && a.length !== b.length) return a.length - b.length;
  return compareText(a, b);
}

/**
 * Tells whether a time has the shape toISOString() gives in the years 0 to
 * 9999, "YYYY-MM-DDTHH:mm:ss.sssZ", whose text order is time order.
 */
function isIsoUtc(time: string): boolean {
  return time.length === 24 && time[23] === "Z" && time[10] === "T";
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Orders by creation instant, then by cart order id: the order of every export file. */
export function compareExportedOrders(
  a: Pick<ExportedOrder, "createdAtUtc" | "cartOrderId">,
  b: Pick<ExportedOrder, "createdAtUtc" | "cartOrderId">,
): number {
  const byCreation =
    isIsoUtc(a.createdAtUtc) && isIsoUtc(b.createdAtUtc)
      ? compareText(a.createdAtUtc, b.createdAtUtc)
      : Date.parse(a.createdAtUtc) - Date.parse(b.createdAtUtc);
  return byCreation !== 0
    ? byCreation
    : compareOrderIds(a.cartOrderId, b.cartOrderId);
}
