import type { CartOrder, PostalAddress } from "../carts/cart-order.js";
import { formatMoney } from "../money/money.js";
import { exclusionReason, type OrderFilter } from "./order-filter.js";
import type { Finding } from "./findings.js";
import {
  type DocumentCustomer,
  type DocumentKind,
  type DocumentLine,
  type SalesDocument,
  sourceKeyOf,
} from "./sales-document.js";

/** What happens to a guest order, or an order without e-mail. */
export type GuestPolicy = "placeholder-customer" | "reject";

export type MappingOptions = {
  storeId: string;
  documentKind: DocumentKind;
  filter: OrderFilter;
  guestPolicy: GuestPolicy;
  /** Shop currency reported by the connection test. */
  shopCurrency: string;
};

/**
 * Field limits assumed for the order system's documents. NOTE: the order
 * system does not publish them; these are estimates taken from its upload
 * template, and values longer than this are reported, never cut silently.
 */
export const FIELD_LIMITS = { name: 100, line: 100, city: 50, postalCode: 20 } as const;

export const GUEST_CUSTOMER_KEY = "guest:cart-cutover";

export type MappedOrder = {
  document: SalesDocument;
  findings: Finding[];
  /** False when an error finding or the filter keeps the order out of the sync. */
  importable: boolean;
};

function customerOf(order: CartOrder, policy: GuestPolicy, findings: Finding[]): DocumentCustomer {
  const name = `${order.customer.firstName} ${order.customer.lastName}`.trim() || order.billingAddress?.name || "Guest";
  const email = order.customer.email?.trim().toLowerCase() || null;
  if (email) return { key: `email:${email}`, name, email, isGuest: order.customer.isGuest };

  findings.push({
    code: "guest-without-email",
    severity: policy === "reject" ? "error" : "warning",
    message:
      policy === "reject"
        ? "The order has no e-mail address, so no customer can be matched; it is held back by the guest policy."
        : "The order has no e-mail address; it goes to the shared guest customer.",
    field: "customer.email",
  });
  return { key: GUEST_CUSTOMER_KEY, name: "Guest customer", email: null, isGuest: true };
}

function checkAddress(address: PostalAddress | null, field: string, findings: Finding[]): void {
  if (!address) return;
  const checks: [string, string, number][] = [
    [`${field}.name`, address.name, FIELD_LIMITS.name],
    [`${field}.city`, address.city, FIELD_LIMITS.city],
    [`${field}.postalCode`, address.postalCode, FIELD_LIMITS.postalCode],
    ...address.lines.map((line, index): [string, string, number] => [`${field}.lines[${index}]`, line, FIELD_LIMITS.line]),
  ];
  for (const [path, value, limit] of checks) {
    const length = [...value].length;
    if (length > limit) {
      findings.push({
        code: "address-cut",
        severity: "warning",
        message: `${path} has ${length} characters; the order system keeps ${limit}, so "${[...value].slice(limit).join("")}" would be cut.`,
        field: path,
      });
    }
  }
}

/**
 * Splits tax that prices include out of item amounts in proportion to each
 * line's gross amount, so that a cart putting all tax on one line does not
 * skew the others. Uses the largest-remainder method so the parts add up.
 */
function allocateIncludedTax(grossAmounts: number[], totalTax: number): number[] {
  const grossTotal = grossAmounts.reduce((sum, amount) => sum + amount, 0);
  if (grossTotal === 0) return grossAmounts.map(() => 0);
  const exact = grossAmounts.map((amount) => (amount * totalTax) / grossTotal);
  const shares = exact.map(Math.floor);
  let left = totalTax - shares.reduce((sum, share) => sum + share, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left <= 0) break;
    shares[index]! += 1;
    left--;
  }
  return shares;
}

function buildLines(order: CartOrder, findings: Finding[]): DocumentLine[] {
  const lineTaxTotal = order.lines.reduce((sum, line) => sum + line.taxMinor, 0);
  const shippingTaxTotal = order.shipping.reduce((sum, charge) => sum + charge.taxMinor, 0);
  const feeTaxTotal = order.fees.reduce((sum, charge) => sum + charge.taxMinor, 0);
  const grossItems = order.lines.map((line) => line.unitPriceMinor * line.quantity);
  const includedItemTax = order.taxesIncluded ? allocateIncludedTax(grossItems, lineTaxTotal) : grossItems.map(() => 0);

  const lines: DocumentLine[] = order.lines.map((line, index) => {
    if (!line.sku) {
      findings.push({
        code: "line-without-sku",
        severity: "warning",
        message: `Line "${line.title}" has no SKU; it is imported as a non-stock line with its description.`,
        field: `lines[${index}].sku`,
      });
    }
    if (!line.productId) {
      findings.push({
        code: "deleted-product",
        severity: "warning",
        message: `Line "${line.title}" refers to a product deleted from the cart; check the SKU ${line.sku ?? "(none)"} exists in the order system.`,
        field: `lines[${index}]`,
      });
    }
    const amountMinor = grossItems[index]! - includedItemTax[index]!;
    return {
      kind: "item",
      sku: line.sku,
      description: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      quantity: line.quantity,
      unitPriceMinor: line.quantity ? Math.round(amountMinor / line.quantity) : 0,
      amountMinor,
      taxMinor: line.taxMinor,
    };
  });

  for (const charge of order.shipping) {
    const net = order.taxesIncluded ? charge.amountMinor - charge.taxMinor : charge.amountMinor;
    lines.push({ kind: "shipping", sku: null, description: `Shipping: ${charge.title}`, quantity: 1, unitPriceMinor: net, amountMinor: net, taxMinor: charge.taxMinor });
  }
  for (const charge of order.fees) {
    const net = order.taxesIncluded ? charge.amountMinor - charge.taxMinor : charge.amountMinor;
    lines.push({ kind: "fee", sku: null, description: `Fee: ${charge.title}`, quantity: 1, unitPriceMinor: net, amountMinor: net, taxMinor: charge.taxMinor });
  }
  for (const discount of order.discounts) {
    lines.push({ kind: "discount", sku: null, description: `Discount: ${discount.code}`, quantity: 1, unitPriceMinor: -discount.amountMinor, amountMinor: -discount.amountMinor, taxMinor: 0 });
  }
  const taxMinor = order.totalTaxMinor || lineTaxTotal + shippingTaxTotal + feeTaxTotal;
  if (taxMinor !== 0) {
    lines.push({ kind: "tax", sku: null, description: "Tax", quantity: 1, unitPriceMinor: taxMinor, amountMinor: taxMinor, taxMinor: 0 });
  }
  return lines;
}

/** Checks the document total against the cart's, adding a rounding line for a small difference. */
function reconcileTotal(order: CartOrder, lines: DocumentLine[], findings: Finding[]): void {
  const computed = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const difference = order.totalMinor - computed;
  if (difference === 0) return;
  const tolerance = Math.max(2, order.lines.length);
  if (Math.abs(difference) <= tolerance) {
    lines.push({ kind: "rounding", sku: null, description: "Rounding", quantity: 1, unitPriceMinor: difference, amountMinor: difference, taxMinor: 0 });
    findings.push({
      code: "rounding-line",
      severity: "info",
      message: `The lines add up to ${formatMoney(computed, order.currency)} and the cart total is ${formatMoney(order.totalMinor, order.currency)}; a rounding line of ${formatMoney(difference, order.currency)} was added.`,
    });
    return;
  }
  findings.push({
    code: "totals-mismatch",
    severity: "error",
    message: `The lines add up to ${formatMoney(computed, order.currency)} but the cart total is ${formatMoney(order.totalMinor, order.currency)}; check the order's discounts and taxes in the cart.`,
  });
}

function statusFindings(order: CartOrder, options: MappingOptions, findings: Finding[]): void {
  const reason = exclusionReason(order, options.filter);
  if (order.isTest) findings.push({ code: "test-order", severity: reason === "test" ? "warning" : "info", message: "The cart marks this as a test order." });
  if (order.isDraft) findings.push({ code: "draft-order", severity: "warning", message: "This is a draft or checkout in progress, not yet an order." });
  if (order.cancelledAtUtc) findings.push({ code: "cancelled-order", severity: "warning", message: `The order was cancelled in the cart at ${order.cancelledAtUtc}.` });
  if (reason === "fulfilled" || reason === "partially-fulfilled") {
    findings.push({ code: "fulfilled-order", severity: "info", message: `The order is ${reason === "fulfilled" ? "already fulfilled" : "partly fulfilled"}, so the filter leaves it out.` });
  }
  if (order.presentmentCurrency !== order.currency || order.currency !== options.shopCurrency) {
    findings.push({
      code: "foreign-currency",
      severity: "info",
      message: `The customer paid ${formatMoney(order.presentmentTotalMinor, order.presentmentCurrency)}; the document is in shop money, ${formatMoney(order.totalMinor, order.currency)}.`,
    });
  }
  const refunded = order.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
  if (refunded > 0) {
    findings.push({ code: "refunded", severity: "info", message: `${formatMoney(refunded, order.currency)} was refunded; the net is ${formatMoney(order.totalMinor - refunded, order.currency)}.` });
  }
}

/** Maps one cart order to the sales document it becomes, with its findings. Pure: writes nothing. */
export function mapOrder(order: CartOrder, options: MappingOptions): MappedOrder {
  const findings: Finding[] = [];
  const customer = customerOf(order, options.guestPolicy, findings);
  checkAddress(order.billingAddress, "billTo", findings);
  checkAddress(order.shippingAddress, "shipTo", findings);
  const lines = buildLines(order, findings);
  reconcileTotal(order, lines, findings);
  statusFindings(order, options, findings);

  const document: SalesDocument = {
    kind: options.documentKind,
    status: "PENDING",
    sourceKey: sourceKeyOf(order.platform, options.storeId, order.orderId),
    platform: order.platform,
    cartOrderId: order.orderId,
    reference: order.orderNumber,
    orderDateUtc: order.createdAtUtc,
    customer,
    billTo: order.billingAddress,
    shipTo: order.shippingAddress,
    currency: order.currency,
    lines,
    totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
    presentment: { currency: order.presentmentCurrency, totalMinor: order.presentmentTotalMinor },
    refundedMinor: order.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0),
  };
  const importable = !findings.some((finding) => finding.severity === "error") && exclusionReason(order, options.filter) === null;
  return { document, findings, importable };
}
