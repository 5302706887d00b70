/**
 * The cart order as every connector normalizes it. Money is in minor units of
 * the named currency and every instant is an ISO 8601 string in UTC ("Z").
 */
export const PLATFORM_IDS = [
  "demo",
  "shopify",
  "woocommerce",
  "bigcommerce",
  "magento",
  "prestashop",
] as const;

export type PlatformId = (typeof PLATFORM_IDS)[number];

export type PostalAddress = {
  name: string;
  company: string | null;
  lines: string[];
  city: string;
  region: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
};

export type CartCustomer = {
  cartCustomerId: string | null;
  email: string | null;
  firstName: string;
  lastName: string;
  isGuest: boolean;
};

export type CartLine = {
  lineId: string;
  /** Null when the cart line has no SKU (custom lines, gift wrap). */
  sku: string | null;
  /** Null when the product was deleted from the cart after the sale. */
  productId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Total tax charged on this line, for all units. */
  taxMinor: number;
  /** Total discount allocated to this line, for all units. */
  discountMinor: number;
};

export type CartCharge = {
  title: string;
  amountMinor: number;
  taxMinor: number;
};

export type CartDiscount = {
  code: string;
  amountMinor: number;
};

export type CartRefund = {
  createdAtUtc: string;
  amountMinor: number;
};

export type FulfillmentState = "unfulfilled" | "partial" | "fulfilled";

export type CartOrder = {
  platform: PlatformId;
  /** The cart's own immutable order id; de-duplication keys on it. */
  orderId: string;
  /** The number people see, such as "#1001". */
  orderNumber: string;
  createdAtUtc: string;
  updatedAtUtc: string;
  cancelledAtUtc: string | null;
  financialStatus: string | null;
  fulfillment: FulfillmentState;
  isTest: boolean;
  isDraft: boolean;
  isArchived: boolean;
  /** The shop currency, in which every amount on this order is given. */
  currency: string;
  /** The currency the customer saw and paid in. */
  presentmentCurrency: string;
  presentmentTotalMinor: number;
  taxesIncluded: boolean;
  customer: CartCustomer;
  billingAddress: PostalAddress | null;
  shippingAddress: PostalAddress | null;
  lines: CartLine[];
  shipping: CartCharge[];
  fees: CartCharge[];
  discounts: CartDiscount[];
  refunds: CartRefund[];
  totalTaxMinor: number;
  totalMinor: number;
};
