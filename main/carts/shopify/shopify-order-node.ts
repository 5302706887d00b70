/** The GraphQL Admin API shapes that the orders query selects. */

export type Money = { amount: string; currencyCode: string };

/**
 * A `…Set` field as the queries select it: only the shop-currency amount,
 * because each selected money object adds a point to every node's cost.
 */
export type ShopMoneyBag = { shopMoney: Money };

/** A `…Set` field with the amount in the customer's currency beside the shop amount. */
export type MoneyBag = ShopMoneyBag & { presentmentMoney: Money };

export type MailingAddressNode = {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  province: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
};

export type DiscountAllocationNode = {
  allocatedAmountSet: ShopMoneyBag;
  discountApplication: { index: number };
};

export type TaxLineNode = { priceSet: ShopMoneyBag };

export type LineItemNode = {
  id: string;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** The quantity after order edits and removals. */
  currentQuantity: number;
  /** Null when the product was deleted after the sale. */
  product: { id: string } | null;
  originalUnitPriceSet: ShopMoneyBag;
  taxLines: TaxLineNode[];
  discountAllocations: DiscountAllocationNode[];
};

export type ShippingLineNode = {
  title: string;
  originalPriceSet: ShopMoneyBag;
  taxLines: TaxLineNode[];
  discountAllocations: DiscountAllocationNode[];
};

/** One discount application; code for discount codes, title for automatic, manual and script ones. */
export type DiscountApplicationNode = { index: number; code?: string; title?: string };

export type RefundNode = { createdAt: string; totalRefundedSet: ShopMoneyBag };

export type PageInfo = { hasNextPage: boolean; endCursor: string | null };

export type Connection<Node> = { nodes: Node[]; pageInfo: PageInfo };

export type OrderNode = {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closed: boolean;
  test: boolean;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  email: string | null;
  /** Null for a guest checkout. */
  customer: { id: string; firstName: string | null; lastName: string | null } | null;
  billingAddress: MailingAddressNode | null;
  shippingAddress: MailingAddressNode | null;
  currentTotalPriceSet: MoneyBag;
  currentTotalTaxSet: ShopMoneyBag;
  discountApplications: Connection<DiscountApplicationNode>;
  lineItems: Connection<LineItemNode>;
  shippingLines: Connection<ShippingLineNode>;
  /** A plain list, not a connection: Shopify gives it no cursor, only a `first` argument. */
  refunds: RefundNode[];
};

export type OrdersConnection = { nodes: OrderNode[]; pageInfo: PageInfo };
