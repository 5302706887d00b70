/**
 * A platform-neutral order that a test puts into a simulator. Each simulator
 * renders it in its own platform's dialect, and the connector under test must
 * read it back as the equivalent CartOrder. Amounts are decimal strings in the
 * shop currency, as carts send them; instants are UTC ISO strings.
 */
export type SeedLine = {
  sku: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPrice: string;
  tax: string;
  discount: string;
};

export type SeedAddress = {
  firstName: string;
  lastName: string;
  company: string | null;
  lines: string[];
  city: string;
  region: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
};

export type SeedOrder = {
  /** Numeric id as a string; simulators that use gids wrap it. */
  id: string;
  number: string;
  createdAtUtc: string;
  updatedAtUtc: string;
  cancelledAtUtc: string | null;
  status: "open" | "closed" | "cancelled" | "draft";
  financialStatus: "paid" | "pending" | "refunded" | "partially_refunded" | "authorized";
  fulfillment: "unfulfilled" | "partial" | "fulfilled";
  isTest: boolean;
  currency: string;
  presentmentCurrency: string;
  presentmentTotal: string;
  taxesIncluded: boolean;
  email: string | null;
  customerId: string | null;
  firstName: string;
  lastName: string;
  billing: SeedAddress | null;
  shipping: SeedAddress | null;
  lines: SeedLine[];
  shippingTitle: string;
  shippingPrice: string;
  shippingTax: string;
  discountCode: string | null;
  discountAmount: string;
  totalTax: string;
  total: string;
  refunds: { createdAtUtc: string; amount: string }[];
};
