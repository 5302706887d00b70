/**
 * The parts of WooCommerce REST API v3 payloads that the connector reads.
 * Amounts are decimal strings, except line `price`, which is a number and is
 * not used. Dates without `_gmt` are in site time with no offset.
 */
export type WooAddress = {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  state?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
};

export type WooMeta = {
  key: string;
  value: unknown;
  display_key?: string;
  display_value?: unknown;
};

export type WooLineItem = {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  sku: string | null;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  meta_data?: WooMeta[];
};

export type WooChargeLine = {
  id: number;
  method_title?: string;
  name?: string;
  total: string;
  total_tax: string;
};

export type WooCouponLine = {
  id: number;
  code: string;
  discount: string;
  discount_tax: string;
};

export type WooOrder = {
  id: number;
  number: string;
  status: string;
  currency: string;
  prices_include_tax: boolean;
  date_created: string;
  date_created_gmt: string | null;
  date_modified: string | null;
  date_modified_gmt: string | null;
  date_paid_gmt: string | null;
  date_completed_gmt: string | null;
  total: string;
  total_tax: string;
  customer_id: number;
  billing: WooAddress;
  shipping: WooAddress;
  line_items: WooLineItem[];
  shipping_lines: WooChargeLine[];
  fee_lines: WooChargeLine[];
  coupon_lines: WooCouponLine[];
  meta_data?: WooMeta[];
  /** Refund summaries without dates; the refunds route has the dates. */
  refunds: { id: number; total: string }[];
};

export type WooRefund = {
  id: number;
  date_created_gmt: string;
  /** Positive decimal string. */
  amount: string;
};

/** The WordPress REST index at /wp-json/, which needs no authentication. */
export type WordPressIndex = {
  name?: string;
  url?: string;
  /** Hours from UTC as a number or string, such as 2 or "5.5". */
  gmt_offset?: number | string;
  /** An IANA zone, or "" when the site is set to a fixed offset. */
  timezone_string?: string;
  namespaces?: string[];
};

export type WooErrorBody = {
  code?: string;
  message?: string;
  data?: { status?: number };
};
