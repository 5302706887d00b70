import { toUtcIso } from "../../time/zoned-time.js";

/** The lists of an order that the orders query reads only in part. */
export type OrderListName = "lineItems" | "shippingLines" | "discountApplications" | "refunds";

/**
 * How many nodes of each list the orders query requests. Every requested
 * node adds to the cost of every order on the page, so these cover an
 * ordinary order and no more. An order with longer lists gets follow-up
 * requests for the rest (see shopify-order-lists.ts), and the page cost that
 * these sizes give is worked out in shopify-cost-estimate.ts.
 */
export const LIST_SIZES_PER_ORDER: Record<OrderListName, number> = {
  lineItems: 3,
  shippingLines: 1,
  discountApplications: 3,
  refunds: 2,
};

// Only the shop-currency amount: the customer's currency is read once, from the order total.
const SHOP_MONEY = `shopMoney { amount currencyCode }`;

const ADDRESS = `firstName lastName company address1 address2 city provinceCode province zip countryCodeV2 phone`;

const TAX_LINES = `taxLines { priceSet { ${SHOP_MONEY} } }`;

const ALLOCATIONS = `discountAllocations {
  allocatedAmountSet { ${SHOP_MONEY} }
  discountApplication { index }
}`;

/** The fields of one node of each list, the same in the orders query and in the follow-ups. */
const LIST_NODE_FIELDS: Record<OrderListName, string> = {
  lineItems: `id sku title variantTitle quantity currentQuantity
product { id }
originalUnitPriceSet { ${SHOP_MONEY} }
${TAX_LINES}
${ALLOCATIONS}`,
  shippingLines: `title
originalPriceSet { ${SHOP_MONEY} }
${TAX_LINES}
${ALLOCATIONS}`,
  discountApplications: `index
... on DiscountCodeApplication { code }
... on AutomaticDiscountApplication { title }
... on ManualDiscountApplication { title }
... on ScriptDiscountApplication { title }`,
  refunds: `createdAt totalRefundedSet { ${SHOP_MONEY} }`,
};

/**
 * Selects one list of an order. `first` and `after` are GraphQL text: a
 * number or a variable. Refunds are a plain list on Shopify, with a `first`
 * argument but no cursor, so they take no `after`.
 */
export function listSelection(list: OrderListName, first: string, after: string | null = null): string {
  if (list === "refunds") return `refunds(first: ${first}) { ${LIST_NODE_FIELDS.refunds} }`;
  const afterArgument = after ? `, after: ${after}` : "";
  return `${list}(first: ${first}${afterArgument}) {
  nodes { ${LIST_NODE_FIELDS[list]} }
  pageInfo { hasNextPage endCursor }
}`;
}

const ORDER_FIELDS = `id name createdAt updatedAt cancelledAt closed test
displayFinancialStatus displayFulfillmentStatus
currencyCode presentmentCurrencyCode taxesIncluded email
customer { id firstName lastName }
billingAddress { ${ADDRESS} }
shippingAddress { ${ADDRESS} }
currentTotalPriceSet { ${SHOP_MONEY} presentmentMoney { amount currencyCode } }
currentTotalTaxSet { ${SHOP_MONEY} }
${listSelection("discountApplications", String(LIST_SIZES_PER_ORDER.discountApplications))}
${listSelection("lineItems", String(LIST_SIZES_PER_ORDER.lineItems))}
${listSelection("shippingLines", String(LIST_SIZES_PER_ORDER.shippingLines))}
${listSelection("refunds", String(LIST_SIZES_PER_ORDER.refunds))}`;

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
 * repeats nor skips an order. Its requested cost is ordersPageCost(first).
 */
export const ORDERS_QUERY = `query CartCutoverOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: false) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Lists orders least recently updated first, with the same fields and cost
 * as ORDERS_QUERY. The cursor carries the last order's id beside its update
 * time, as with the creation sort.
 */
export const ORDERS_BY_UPDATE_QUERY = `query CartCutoverOrdersByUpdate($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: false) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
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

/**
 * Builds the search string of a half-open window on the update time, quoted
 * UTC like the creation window.
 */
export function buildUpdatedWindowSearch(
  updatedFromUtc: string,
  updatedToUtc: string,
): string {
  const from = searchTimestamp(updatedFromUtc);
  const to = searchTimestamp(updatedToUtc);
  return `updated_at:>='${from}' updated_at:<'${to}'`;
}

/** Writes an instant as UTC, leaving out milliseconds when they are zero. */
function searchTimestamp(instant: string): string {
  return toUtcIso(instant).replace(/\.000Z$/, "Z");
}

/** One order's part of a follow-up request: the lists to read on, each from its own cursor. */
export type OrderListRequest = {
  orderId: string;
  lists: { list: OrderListName; first: number; after: string | null }[];
};

/**
 * Builds one request that reads more of several orders' lists. Each order
 * is an aliased `order(id:)` field (order0, order1, …), so that every list
 * goes on from its own cursor. Its requested cost is followUpCost(requests).
 */
export function buildOrderListsQuery(requests: OrderListRequest[]): {
  document: string;
  variables: Record<string, unknown>;
} {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  requests.forEach((request, index) => {
    declarations.push(`$id${index}: ID!`);
    variables[`id${index}`] = request.orderId;
    const selections = request.lists.map(({ list, first, after }) => {
      const firstName = `${list}First${index}`;
      declarations.push(`$${firstName}: Int!`);
      variables[firstName] = first;
      if (after === null) return listSelection(list, `$${firstName}`);
      const afterName = `${list}After${index}`;
      declarations.push(`$${afterName}: String!`);
      variables[afterName] = after;
      return listSelection(list, `$${firstName}`, `$${afterName}`);
    });
    fields.push(`order${index}: order(id: $id${index}) {\nid\n${selections.join("\n")}\n}`);
  });
  const document = `query CartCutoverOrderLists(${declarations.join(", ")}) {\n${fields.join("\n")}\n}`;
  return { document, variables };
}
