import type {
  CartCharge,
  CartDiscount,
  CartLine,
  CartOrder,
  FulfillmentState,
  PostalAddress,
} from "../cart-order.js";
import { toMinor } from "../../money/money.js";
import { toUtcIso } from "../../time/zoned-time.js";
import { numericIdOf } from "./shopify-api.js";
import type {
  DiscountAllocationNode,
  LineItemNode,
  MailingAddressNode,
  OrderNode,
  ShippingLineNode,
  TaxLineNode,
} from "./shopify-order-node.js";

/**
 * Maps displayFulfillmentStatus to the product's three states. Only FULFILLED
 * and PARTIALLY_FULFILLED mean goods left; every other value (OPEN, ON_HOLD,
 * IN_PROGRESS, SCHEDULED, RESTOCKED, …) still has everything to ship.
 */
function fulfillmentOf(status: string): FulfillmentState {
  if (status === "FULFILLED") return "fulfilled";
  if (status === "PARTIALLY_FULFILLED") return "partial";
  return "unfulfilled";
}

function addressOf(node: MailingAddressNode | null): PostalAddress | null {
  if (!node) return null;
  return {
    name: [node.firstName, node.lastName].filter(Boolean).join(" "),
    company: node.company || null,
    lines: [node.address1, node.address2].filter((line): line is string => Boolean(line)),
    city: node.city ?? "",
    region: node.provinceCode || node.province || null,
    postalCode: node.zip ?? "",
    countryCode: node.countryCodeV2 ?? "",
    phone: node.phone || null,
  };
}

/** Reads amounts in the shop currency; presentment amounts are kept apart on purpose. */
function shopMinor(bag: { shopMoney: { amount: string } }, currency: string): number {
  return toMinor(bag.shopMoney.amount, currency);
}

function sumTax(lines: TaxLineNode[], currency: string): number {
  return lines.reduce((sum, line) => sum + shopMinor(line.priceSet, currency), 0);
}

function sumAllocations(allocations: DiscountAllocationNode[], currency: string): number {
  return allocations.reduce((sum, allocation) => sum + shopMinor(allocation.allocatedAmountSet, currency), 0);
}

/**
 * Normalizes a line item at its current quantity, so that an edited order
 * shows what is still on it. Tax and discounts are given by Shopify for the
 * original quantity and are scaled to the current one.
 */
function lineOf(node: LineItemNode, currency: string): CartLine {
  const share = node.quantity > 0 ? node.currentQuantity / node.quantity : 1;
  return {
    lineId: numericIdOf(node.id),
    sku: node.sku || null,
    productId: node.product ? numericIdOf(node.product.id) : null,
    title: node.title,
    variantTitle: node.variantTitle || null,
    quantity: node.currentQuantity,
    unitPriceMinor: shopMinor(node.originalUnitPriceSet, currency),
    taxMinor: Math.round(sumTax(node.taxLines, currency) * share),
    discountMinor: Math.round(sumAllocations(node.discountAllocations, currency) * share),
  };
}

function shippingOf(node: ShippingLineNode, currency: string): CartCharge {
  return {
    title: node.title,
    amountMinor: shopMinor(node.originalPriceSet, currency),
    taxMinor: sumTax(node.taxLines, currency),
  };
}

/** Sums each discount application's allocations over lines and shipping, keyed by its index. */
function discountsOf(order: OrderNode, currency: string): CartDiscount[] {
  const allocated = new Map<number, number>();
  const allocations = [
    ...order.lineItems.nodes.flatMap((line) => line.discountAllocations),
    ...order.shippingLines.nodes.flatMap((line) => line.discountAllocations),
  ];
  for (const allocation of allocations) {
    const index = allocation.discountApplication.index;
    allocated.set(index, (allocated.get(index) ?? 0) + shopMinor(allocation.allocatedAmountSet, currency));
  }
  return order.discountApplications.nodes.map((application) => ({
    code: application.code ?? application.title ?? `discount ${application.index + 1}`,
    amountMinor: allocated.get(application.index) ?? 0,
  }));
}

/**
 * Normalizes one GraphQL order. Its lists must be whole: the orders query
 * returns only their first nodes, and OrderListReader reads the rest.
 */
export function normalizeShopifyOrder(order: OrderNode): CartOrder {
  const currency = order.currencyCode;
  const presentmentCurrency = order.presentmentCurrencyCode;
  const customer = order.customer;

  return {
    platform: "shopify",
    orderId: numericIdOf(order.id),
    orderNumber: order.name,
    createdAtUtc: toUtcIso(order.createdAt),
    updatedAtUtc: toUtcIso(order.updatedAt),
    cancelledAtUtc: order.cancelledAt ? toUtcIso(order.cancelledAt) : null,
    financialStatus: order.displayFinancialStatus ? order.displayFinancialStatus.toLowerCase() : null,
    fulfillment: fulfillmentOf(order.displayFulfillmentStatus),
    isTest: order.test,
    // Draft orders are a separate resource on Shopify and never appear in this list.
    isDraft: false,
    isArchived: order.closed,
    currency,
    presentmentCurrency,
    presentmentTotalMinor: toMinor(order.currentTotalPriceSet.presentmentMoney.amount, presentmentCurrency),
    taxesIncluded: order.taxesIncluded,
    customer: {
      cartCustomerId: customer ? numericIdOf(customer.id) : null,
      email: order.email || null,
      firstName: customer?.firstName ?? order.billingAddress?.firstName ?? "",
      lastName: customer?.lastName ?? order.billingAddress?.lastName ?? "",
      isGuest: customer === null,
    },
    billingAddress: addressOf(order.billingAddress),
    shippingAddress: addressOf(order.shippingAddress),
    // Removed lines stay on an edited order with a current quantity of zero.
    lines: order.lineItems.nodes.filter((line) => line.currentQuantity > 0).map((line) => lineOf(line, currency)),
    shipping: order.shippingLines.nodes.map((line) => shippingOf(line, currency)),
    // NOTE: duties and additional fees are not read yet, so fees stay empty.
    fees: [],
    discounts: discountsOf(order, currency),
    refunds: order.refunds.map((refund) => ({
      createdAtUtc: toUtcIso(refund.createdAt),
      amountMinor: shopMinor(refund.totalRefundedSet, currency),
    })),
    totalTaxMinor: shopMinor(order.currentTotalTaxSet, currency),
    totalMinor: shopMinor(order.currentTotalPriceSet, currency),
  };
}
