import { toUtcIso } from "../../time/zoned-time.js";

/**
 * Nested list sizes of the orders query. Each requested nested item adds to
 * the query cost of every order on the page, so they stay small. An order
 * with more lines gets follow-up requests, and one with more of the other
 * items is reported as an error instead of being cut short.
 * NOTE: by Shopify's published cost rules (object 1, connection 2 plus
 * `first` times one node) one order of ORDERS_QUERY requests about 890
 * points, so under the 1,000-point single-query limit a page holds one
 * order. Not yet measured against a real store.
 */
export const LINE_ITEMS_PER_ORDER = 50;
export const SHIPPING_LINES_PER_ORDER = 5;
export const DISCOUNT_APPLICATIONS_PER_ORDER = 10;
export const REFUNDS_PER_ORDER = 25;

const MONEY_BAG = `shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }`;

const ADDRESS = `firstName lastName company address1 address2 city provinceCode province zip countryCodeV2 phone`;

const ALLOCATIONS = `discountAllocations {
  allocatedAmountSet { ${MONEY_BAG} }
  discountApplication { index }
}`;

const LINE_ITEM = `id sku title variantTitle quantity currentQuantity
product { id }
originalUnitPriceSet { ${MONEY_BAG} }
taxLines { priceSet { ${MONEY_BAG} } }
${ALLOCATIONS}`;

const ORDER_FIELDS = `id name createdAt updatedAt cancelledAt closed test
displayFinancialStatus displayFulfillmentStatus
currencyCode presentmentCurrencyCode taxesIncluded email
customer { id firstName lastName }
billingAddress { ${ADDRESS} }
shippingAddress { ${ADDRESS} }
currentTotalPriceSet { ${MONEY_BAG} }
currentTotalTaxSet { ${MONEY_BAG} }
discountApplications(first: ${DISCOUNT_APPLICATIONS_PER_ORDER}) {
  pageInfo { hasNextPage }
  nodes {
    index
    ... on DiscountCodeApplication { code }
    ... on AutomaticDiscountApplication { title }
    ... on ManualDiscountApplication { title }
    ... on ScriptDiscountApplication { title }
  }
}
lineItems(first: ${LINE_ITEMS_PER_ORDER}) {
  nodes { ${LINE_ITEM} }
  pageInfo { hasNextPage endCursor }
}
shippingLines(first: ${SHIPPING_LINES_PER_ORDER}) {
  pageInfo { hasNextPage }
  nodes {
    title
    originalPriceSet { ${MONEY_BAG} }
    taxLines { priceSet { ${MONEY_BAG} } }
    ${ALLOCATIONS}
  }
}
refunds(first: ${REFUNDS_PER_ORDER}) { createdAt totalRefundedSet { ${MONEY_BAG} } }`;

export const SHOP_QUERY = `query CartCutoverShop {
  shop { name ianaTimezone currencyCode myshopifyDomain }
  currentAppInstallation { accessScopes { handle } }
}`;

export const ACCESS_SCOPES_QUERY = `query CartCutoverAccessScopes {
  currentAppInstallation { accessScopes { handle } }
}`;

export const ORDER_COUNT_QUERY = `query CartCutoverOrderCount {
  ordersCount { count precision }
}`;

/**
 * Lists orders oldest first. Shopify's cursor carries the last order's id
 * beside its creation time, so a page boundary inside one instant neither
 * repeats nor skips an order.
 */
export const ORDERS_QUERY = `query CartCutoverOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: false) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Reads more lines of one order. `first` starts at LINE_ITEMS_PER_ORDER:
 * Shopify prices a connection at 2 points plus `first` times the cost of one
 * line with its nested objects, so 250 lines would ask for several thousand
 * points, far over the single-query limit of 1,000.
 */
export const ORDER_LINE_ITEMS_QUERY = `query CartCutoverOrderLines($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) {
      nodes { ${LINE_ITEM} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/**
 * Builds the search string of a half-open creation window. Each timestamp is
 * single-quoted UTC with "Z": without quotes Shopify drops the time part and
 * reads the bare date in the shop's time zone.
 */
export function buildCreatedWindowSearch(
  createdFromUtc: string,
  createdToUtc: string,
): string {
  const from = searchTimestamp(createdFromUtc);
  const to = searchTimestamp(createdToUtc);
  return `created_at:>='${from}' created_at:<'${to}'`;
}

/** Writes an instant as UTC, leaving out milliseconds when they are zero. */
function searchTimestamp(instant: string): string {
  return toUtcIso(instant).replace(/\.000Z$/, "Z");
}
