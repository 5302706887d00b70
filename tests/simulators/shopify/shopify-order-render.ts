import { formatMinor, toMinor } from "../../../main/money/money.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../common/seed-order.js";

/** A line item edit that the Shopify-specific tests apply on top of a seed order. */
export type LineEdit = { lineIndex: number; currentQuantity: number };

/** Parts of a Shopify order that the platform-neutral seed has no room for. */
export type OrderExtras = {
  /** Shipping lines in place of the seed's single one, which then carry no discount. */
  shippingLines?: { title: string; price: string; tax: string }[];
  /**
   * Discount applications in place of the seed's code, each allocated to one
   * line; the seed lines' own discounts are then left out.
   */
  discountApplications?: { code: string; lineIndex: number; amount: string }[];
};

/** What the simulator adds to a seed order: line edits and extras. */
export type OrderChanges = { edits: LineEdit[]; extras: OrderExtras };

export type OrderListName = "lineItems" | "shippingLines" | "discountApplications" | "refunds";

/** The part of a list a query requests: `first` nodes after the cursor. */
export type ListSlice = { first: number; after: string | null };

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

function lineAllocations(order: SeedOrder, line: SeedLine, index: number, extras: OrderExtras): Json[] {
  if (!extras.discountApplications) return allocation(line.discount, order);
  return extras.discountApplications.flatMap((application, applicationIndex) =>
    application.lineIndex === index
      ? [{ allocatedAmountSet: moneyBag(application.amount, order), discountApplication: { index: applicationIndex } }]
      : [],
  );
}

function renderLineItem(order: SeedOrder, line: SeedLine, index: number, changes: OrderChanges): Json {
  const edit = changes.edits.find((candidate) => candidate.lineIndex === index);
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
    discountAllocations: lineAllocations(order, line, index, changes.extras),
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

function shippingLines(order: SeedOrder, extras: OrderExtras): Json[] {
  if (extras.shippingLines) {
    return extras.shippingLines.map((line) => ({
      title: line.title,
      originalPriceSet: moneyBag(line.price, order),
      taxLines: taxLines(line.tax, order),
      discountAllocations: [],
    }));
  }
  const discount = extras.discountApplications ? "0.00" : shippingDiscount(order);
  return [
    {
      title: order.shippingTitle,
      originalPriceSet: moneyBag(order.shippingPrice, order),
      taxLines: taxLines(order.shippingTax, order),
      discountAllocations: allocation(discount, order),
    },
  ];
}

function discountApplications(order: SeedOrder, extras: OrderExtras): Json[] {
  if (extras.discountApplications) return extras.discountApplications.map(({ code }, index) => ({ index, code }));
  return order.discountCode ? [{ index: 0, code: order.discountCode }] : [];
}

/** Returns every node of one list of the order, before slicing. */
function listNodes(order: SeedOrder, list: OrderListName, changes: OrderChanges): Json[] {
  if (list === "lineItems") return order.lines.map((line, index) => renderLineItem(order, line, index, changes));
  if (list === "shippingLines") return shippingLines(order, changes.extras);
  if (list === "discountApplications") return discountApplications(order, changes.extras);
  return order.refunds.map((refund) => ({ createdAt: refund.createdAtUtc, totalRefundedSet: moneyBag(refund.amount, order) }));
}

/** List cursors are the index of the last node returned. */
function listCursor(index: number): string {
  return Buffer.from(JSON.stringify({ index })).toString("base64");
}

function indexOfCursor(cursor: string | null): number {
  if (!cursor) return -1;
  const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { index?: number };
  return typeof parsed.index === "number" ? parsed.index : -1;
}

/**
 * Renders the requested part of one list: a connection with its page info,
 * or for refunds, which Shopify gives as a plain list, the first nodes.
 */
export function renderList(order: SeedOrder, list: OrderListName, slice: ListSlice, changes: OrderChanges): unknown {
  const all = listNodes(order, list, changes);
  if (list === "refunds") return all.slice(0, slice.first);
  const start = indexOfCursor(slice.after) + 1;
  const nodes = all.slice(start, start + slice.first);
  const last = start + nodes.length - 1;
  return { nodes, pageInfo: { hasNextPage: last < all.length - 1, endCursor: nodes.length > 0 ? listCursor(last) : null } };
}

/**
 * Renders a seed order as the GraphQL Admin API returns it, with each list
 * cut to the slice the query requests.
 */
export function renderOrder(order: SeedOrder, slices: Record<OrderListName, ListSlice>, changes: OrderChanges): Json {
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
    discountApplications: renderList(order, "discountApplications", slices.discountApplications, changes),
    lineItems: renderList(order, "lineItems", slices.lineItems, changes),
    shippingLines: renderList(order, "shippingLines", slices.shippingLines, changes),
    refunds: renderList(order, "refunds", slices.refunds, changes),
  };
}
