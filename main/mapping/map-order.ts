import type { CartOrder, PostalAddress } from "../carts/cart-order.js";
import { formatMoney } from "../money/money.js";
import { customerOf, type GuestPolicy } from "./customer-policy.js";
import { buildDocumentLines, DEFAULT_PLACEHOLDER_SKU } from "./document-lines.js";
import { addressCutFindings } from "./field-limits.js";
import type { Finding } from "./findings.js";
import { statusFindings } from "./status-findings.js";
import { exclusionReason, type OrderFilter } from "./order-filter.js";
import {
  type DocumentAdjustment,
  type DocumentKind,
  type DocumentLine,
  type SalesDocument,
  sourceKeyOf,
} from "./sales-document.js";

export { FIELD_LIMITS } from "./field-limits.js";
export { GUEST_CUSTOMER_KEY, type GuestPolicy } from "./customer-policy.js";

export type MappingOptions = {
  storeId: string;
  documentKind: DocumentKind;
  filter: OrderFilter;
  guestPolicy: GuestPolicy;
  /** Shop currency reported by the connection test. */
  shopCurrency: string;
  /**
   * SKUs that exist as items in the order system. When given, a SKU outside
   * it gets an "unknown-sku" finding; when absent, SKUs are not checked.
   */
  knownSkus?: ReadonlySet<string> | null;
  /** Item code for cart lines without a SKU; DEFAULT_PLACEHOLDER_SKU when absent. */
  placeholderSku?: string;
};

export type MappedOrder = {
  document: SalesDocument;
  findings: Finding[];
  /** False when an error finding or the filter keeps the order out of the sync. */
  importable: boolean;
};

/**
 * Differences between the lines and the cart total up to one minor unit per
 * cart line and charge (at least two) count as rounding, because carts round
 * each line's tax and discount on their own.
 */
function roundingToleranceOf(order: CartOrder): number {
  return Math.max(2, order.lines.length + order.shipping.length + order.fees.length);
}

/**
 * Checks the document total against the cart's. A rounding difference
 * becomes a rounding line; anything larger becomes a "totals-mismatch" error
 * and the lines stay as the cart gave them.
 */
function reconcileTotal(
  order: CartOrder,
  lines: DocumentLine[],
  taxSplitResidualMinor: number,
): Finding[] {
  const computedMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const differenceMinor = order.totalMinor - computedMinor;
  if (differenceMinor === 0) return [];
  const computed = formatMoney(computedMinor, order.currency);
  const cartTotal = formatMoney(order.totalMinor, order.currency);
  const linesText = `The lines add up to ${computed} and the cart total is ${cartTotal}`;

  // Splitting included tax per unit explains -taxSplitResidualMinor of the
  // difference, so only the rest counts against the tolerance.
  const unexplainedMinor = differenceMinor + taxSplitResidualMinor;
  if (Math.abs(unexplainedMinor) > roundingToleranceOf(order)) {
    return [
      {
        code: "totals-mismatch",
        severity: "error",
        message: `${linesText}, which is more than rounding. Check the order's discounts, taxes and charges in the cart.`,
      },
    ];
  }

  lines.push({
    kind: "rounding",
    sku: null,
    description: "Rounding",
    quantity: 1,
    unitPriceMinor: differenceMinor,
    amountMinor: differenceMinor,
    taxMinor: 0,
  });
  return [
    {
      code: "rounding-line",
      severity: "info",
      message: `${linesText}, so a rounding line of ${formatMoney(differenceMinor, order.currency)} was added.`,
    },
  ];
}

function adjustmentsOf(order: CartOrder): DocumentAdjustment[] {
  return order.refunds.map((refund) => ({
    kind: "refund",
    createdAtUtc: refund.createdAtUtc,
    amountMinor: -refund.amountMinor,
  }));
}

function copyAddress(address: PostalAddress | null): PostalAddress | null {
  return address ? { ...address, lines: [...address.lines] } : null;
}

/**
 * Maps one cart order to the sales document it becomes, with its findings.
 * The sync, the export and the dry run all call it. It is pure: it reads
 * nothing but its arguments and writes nothing.
 */
export function mapOrder(order: CartOrder, options: MappingOptions): MappedOrder {
  const sourceKey = sourceKeyOf(order.platform, options.storeId, order.orderId);
  const customer = customerOf(order, options.guestPolicy, options.storeId);
  const built = buildDocumentLines(order, {
    knownSkus: options.knownSkus ?? null,
    placeholderSku: options.placeholderSku ?? DEFAULT_PLACEHOLDER_SKU,
  });
  const lines = built.lines;
  const findings: Finding[] = [
    ...customer.findings,
    ...addressCutFindings(order.billingAddress, "billTo"),
    ...addressCutFindings(order.shippingAddress, "shipTo"),
    ...built.findings,
    ...reconcileTotal(order, lines, built.taxSplitResidualMinor),
    ...statusFindings(order, options),
  ];

  const totalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const adjustments = adjustmentsOf(order);
  const document: SalesDocument = {
    kind: options.documentKind,
    status: "PENDING",
    sourceKey,
    platform: order.platform,
    cartOrderId: order.orderId,
    reference: order.orderNumber,
    orderDateUtc: order.createdAtUtc,
    customer: customer.customer,
    billTo: copyAddress(order.billingAddress),
    shipTo: copyAddress(order.shippingAddress),
    currency: order.currency,
    lines,
    totalMinor,
    presentment: { currency: order.presentmentCurrency, totalMinor: order.presentmentTotalMinor },
    refundedMinor: order.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0),
    adjustments,
    netMinor: totalMinor + adjustments.reduce((sum, adjustment) => sum + adjustment.amountMinor, 0),
  };
  const hasError = findings.some((finding) => finding.severity === "error");
  const importable = !hasError && exclusionReason(order, options.filter) === null;
  return { document, findings, importable };
}
