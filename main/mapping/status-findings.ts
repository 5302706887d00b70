import type { CartOrder } from "../carts/cart-order.js";
import { formatMoney } from "../money/money.js";
import type { Finding } from "./findings.js";
import { exclusionReason, type OrderFilter } from "./order-filter.js";

type StatusOptions = { filter: OrderFilter; shopCurrency: string };

function currencyFindings(order: CartOrder, shopCurrency: string): Finding[] {
  const findings: Finding[] = [];
  if (order.currency !== shopCurrency) {
    findings.push({
      code: "foreign-currency",
      severity: "warning",
      message: `The order's amounts are in ${order.currency}, but the connection test reported ${shopCurrency} as the shop currency. Check the store's currency settings before the import.`,
      field: "currency",
    });
  }
  if (order.presentmentCurrency !== order.currency) {
    const paid = formatMoney(order.presentmentTotalMinor, order.presentmentCurrency);
    const shop = formatMoney(order.totalMinor, order.currency);
    findings.push({
      code: "foreign-currency",
      severity: "info",
      message: `The customer paid ${paid}. The document is in the shop currency, ${shop}, and keeps the paid amount apart.`,
      field: "presentment",
    });
  }
  return findings;
}

function refundFindings(order: CartOrder): Finding[] {
  if (order.refunds.length === 0) return [];
  const refundedMinor = order.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
  const dates = order.refunds.map((refund) => refund.createdAtUtc.slice(0, 10)).join(", ");
  const refunded = formatMoney(refundedMinor, order.currency);
  const total = formatMoney(order.totalMinor, order.currency);
  const net = formatMoney(order.totalMinor - refundedMinor, order.currency);
  return [
    {
      code: "refunded",
      severity: "info",
      message: `${refunded} was refunded (${dates}). The document keeps its total of ${total} and shows the refund as an adjustment, for a net of ${net}.`,
      field: "adjustments",
    },
  ];
}

/**
 * Reports the order's state in the cart: test, draft, cancelled, already
 * fulfilled, paid in another currency or refunded. A test order is a warning
 * when the filter leaves it out and info when the filter imports it.
 */
export function statusFindings(order: CartOrder, options: StatusOptions): Finding[] {
  const reason = exclusionReason(order, options.filter);
  const findings: Finding[] = [];
  if (order.isTest) {
    findings.push({
      code: "test-order",
      severity: reason === "test" ? "warning" : "info",
      message:
        reason === "test"
          ? "The cart marks this as a test order, so the filter leaves it out."
          : "The cart marks this as a test order; the filter imports test orders.",
    });
  }
  if (order.isDraft) {
    findings.push({
      code: "draft-order",
      severity: "warning",
      message: "This is a draft or a checkout in progress, not yet an order, so no document is created for it.",
    });
  }
  if (order.cancelledAtUtc) {
    findings.push({
      code: "cancelled-order",
      severity: "warning",
      message: `The order was cancelled in the cart at ${order.cancelledAtUtc}, so no document is created for it.`,
    });
  }
  if (reason === "fulfilled" || reason === "partially-fulfilled") {
    const state = reason === "fulfilled" ? "already fulfilled" : "partly fulfilled";
    findings.push({
      code: "fulfilled-order",
      severity: "info",
      message: `The order is ${state}, so the filter leaves it out.`,
    });
  }
  findings.push(...currencyFindings(order, options.shopCurrency));
  findings.push(...refundFindings(order));
  return findings;
}
