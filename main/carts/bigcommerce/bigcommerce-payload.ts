/**
 * The parts of BigCommerce V2 order payloads and the V3 refunds list that
 * the connector reads. V2 amounts are strings with four decimals and V2
 * dates are RFC 2822 in UTC.
 */
export type BcAddress = {
  first_name?: string;
  last_name?: string;
  company?: string;
  street_1?: string;
  street_2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country_iso2?: string;
  phone?: string;
  email?: string;
  shipping_method?: string;
};

export type BcOrder = {
  id: number;
  customer_id: number;
  date_created: string;
  date_modified: string;
  status_id: number;
  status: string;
  subtotal_ex_tax: string;
  shipping_cost_ex_tax: string;
  shipping_cost_tax: string;
  handling_cost_ex_tax?: string;
  handling_cost_tax?: string;
  wrapping_cost_ex_tax?: string;
  wrapping_cost_tax?: string;
  total_ex_tax: string;
  total_inc_tax: string;
  total_tax: string;
  coupon_discount: string;
  discount_amount: string;
  items_total: number;
  items_shipped: number;
  payment_status: string;
  refunded_amount: string;
  /** The currency shown to the shopper. */
  currency_code: string;
  /** The transactional currency, in which the shopper paid and the amounts are given. */
  default_currency_code: string;
  store_default_currency_code?: string;
  /** Transactional amount per unit of the store's default currency. */
  store_default_to_transactional_exchange_rate?: string;
  is_deleted: boolean;
  billing_address: BcAddress;
};

export type BcOrderProduct = {
  id: number;
  product_id: number;
  name: string;
  sku: string;
  quantity: number;
  price_ex_tax: string;
  total_tax: string;
  applied_discounts?: { amount: string }[];
  product_options?: { display_value?: string }[];
};

export type BcShippingAddress = BcAddress & { id: number };

export type BcCoupon = { code: string; discount: string | number };

export type BcRefund = {
  order_id: number;
  /** ISO 8601. */
  created: string;
  total_amount: number | string;
};

export type BcRefundList = {
  data: BcRefund[];
  meta?: { pagination?: { total_pages?: number } };
};

export type BcStore = {
  name?: string;
  domain?: string;
  secure_url?: string;
  currency?: string;
  timezone?: { name?: string; raw_offset?: number; dst_offset?: number };
};

/** Order details that live in V2 sub-resources. */
export type BcOrderDetails = {
  products: BcOrderProduct[];
  shippingAddresses: BcShippingAddress[];
  coupons: BcCoupon[];
};
