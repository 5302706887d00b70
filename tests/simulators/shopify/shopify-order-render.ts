import { formatMinor, toMinor } from "../../../main/money/money.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../common/seed-order.js";

/** A line item edit that the Shopify-specific tests apply on top of a seed order. */
export type LineEdit = { lineIndex: number; currentQuantity: number };

type Json = Record<string, unknown>;

/** Global ids of the simulated store, built from the seed's numeric ids. */
export const gid = (kind: string, id: string | number): string => `gid://shopify/${kind}/${id}`;

/**
 * Renders shop amounts with the presentment amount beside them. The seed
 * gives only the presentment total, so the other presentment amounts use the
 * ratio of the two totals.
 */
function moneyBag(amount: string, order: SeedOrder): Json {
  const shopMinor = toMinor(amount, order.currency);
  const totalMinor = toMinor(order.total, order.currency);
  const presentmentTotalMinor = toMinor(order.presentmentTotal, order.presentmentCurrency);
  const presentmentMinor =
    amount === order.total || totalMinor === 0
      ? presentmentTotalMinor
      : Math.round((shopMinor * presentmentTotalMinor) / totalMinor);
  return {
    shopMoney: { amount: formatMinor(shopMinor, order.currency), currencyCode: order.currency },
    presentmentMoney: {
      amount: formatMinor(presentmentMinor, order.presentmentCurrency),
      currencyCode: order.presentmentCurrency,
    },
  };
}

function address(seed: SeedAddress | null): Json | null {
  if (!seed) return null;
  return {
    firstName: seed.firstName,
    lastName: seed.lastName,
    company: seed.company,
    address1: seed.lines[0] ?? null,
    address2: seed.lines[1] ?? null,
    city: seed.city,
    provinceCode: seed.region,
    province: seed.region,
    zip: seed.postalCode,
    countryCodeV2: seed.countryCode,
    phone: seed.phone,
  };
}

function allocation(amount: string, order: SeedOrder): Json[] {
  if (toMinor(amount, order.currency) === 0) return [];
  return [{ allocatedAmountSet: moneyBag(amount, order), discountApplication: { index: 0 } }];
}

function taxLines(amount: string, order: SeedOrder): Json[] {
  if (toMinor(amount, order.currency) === 0) return [];
  return [{ priceSet: moneyBag(amount, order), rate: null, title: "Tax" }];
}

export function renderLineItem(order: SeedOrder, line: SeedLine, index: number, edits: LineEdit[]): Json {
  const edit = edits.find((candidate) => candidate.lineIndex === index);
  return {
    id: gid("LineItem", `${order.id}${String(index + 1).padStart(3, "0")}`),
    sku: line.sku,
    title: line.title,
    variantTitle: line.variantTitle,
    quantity: line.quantity,
    currentQuantity: edit ? edit.currentQuantity : line.quantity,
    product: line.productId ? { id: gid("Product", line.productId) } : null,
    originalUnitPriceSet: moneyBag(line.unitPrice, order),
    taxLines: taxLines(line.tax, order),
    discountAllocations: allocation(line.discount, order),
  };
}

/** Puts the part of the order discount that no line carries on the shipping line, so allocations add up. */
function shippingDiscount(order: SeedOrder): string {
  const lineDiscounts = order.lines.reduce((sum, line) => sum + toMinor(line.discount, order.currency), 0);
  return formatMinor(toMinor(order.discountAmount, order.currency) - lineDiscounts, order.currency);
}

function displayFinancialStatus(order: SeedOrder): string {
  return order.financialStatus.toUpperCase();
}

function displayFulfillmentStatus(order: SeedOrder): string {
  if (order.fulfillment === "fulfilled") return "FULFILLED";
  if (order.fulfillment === "partial") return "PARTIALLY_FULFILLED";
  return "UNFULFILLED";
}

/**
 * Renders a seed order as the GraphQL Admin API returns it. `lineItems`
 * contains the first `linesPerPage` lines; the rest are read with `order(id:)`.
 */
export function renderOrder(order: SeedOrder, linesPerPage: number, edits: LineEdit[]): Json {
  const lines = order.lines.map((line, index) => renderLineItem(order, line, index, edits));
  const firstLines = lines.slice(0, linesPerPage);
  return {
    id: gid("Order", order.id),
    name: order.number,
    createdAt: order.createdAtUtc,
    updatedAt: order.updatedAtUtc,
    cancelledAt: order.cancelledAtUtc ?? (order.status === "cancelled" ? order.updatedAtUtc : null),
    closed: order.status === "closed",
    test: order.isTest,
    displayFinancialStatus: displayFinancialStatus(order),
    displayFulfillmentStatus: displayFulfillmentStatus(order),
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentmentCurrency,
    taxesIncluded: order.taxesIncluded,
    email: order.email,
    customer: order.customerId
      ? { id: gid("Customer", order.customerId), firstName: order.firstName, lastName: order.lastName }
      : null,
    billingAddress: address(order.billing),
    shippingAddress: address(order.shipping),
    currentTotalPriceSet: moneyBag(order.total, order),
    currentTotalTaxSet: moneyBag(order.totalTax, order),
    discountApplications: {
      nodes: order.discountCode ? [{ index: 0, code: order.discountCode }] : [],
      pageInfo: { hasNextPage: false },
    },
    lineItems: {
      nodes: firstLines,
      pageInfo: {
        hasNextPage: lines.length > linesPerPage,
        endCursor: firstLines.length > 0 ? lineCursor(firstLines.length - 1) : null,
      },
    },
    shippingLines: {
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          title: order.shippingTitle,
          originalPriceSet: moneyBag(order.shippingPrice, order),
          taxLines: taxLines(order.shippingTax, order),
          discountAllocations: allocation(shippingDiscount(order), order),
        },
      ],
    },
    refunds: order.refunds.map((refund) => ({
      createdAt: refund.createdAtUtc,
      totalRefundedSet: moneyBag(refund.amount, order),
    })),
  };
}

/** Line item cursors are the index of the last line returned. */
export function lineCursor(index: number): string {
  return Buffer.from(JSON.stringify({ line: index })).toString("base64");
}

export function lineIndexOfCursor(cursor: string | null | undefined): number {
  if (!cursor) return -1;
  const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { line?: number };
  return typeof parsed.line === "number" ? parsed.line : -1;
}
