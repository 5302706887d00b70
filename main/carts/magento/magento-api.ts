/**
 * The parts of Magento 2 REST responses that Cart Cutover reads. Magento
 * sends amounts as JSON numbers, but some extensions and proxies turn them
 * into strings, so every amount is read as either.
 */
export type MagentoAmount = number | string | null | undefined;

export type MagentoAddress = {
  firstname?: string | null;
  lastname?: string | null;
  company?: string | null;
  street?: string[] | string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  country_id?: string | null;
  telephone?: string | null;
};

export type MagentoItem = {
  item_id: number | string;
  parent_item_id?: number | string | null;
  product_id?: number | string | null;
  product_type?: string | null;
  sku?: string | null;
  name?: string | null;
  qty_ordered?: MagentoAmount;
  qty_shipped?: MagentoAmount;
  qty_canceled?: MagentoAmount;
  base_price?: MagentoAmount;
  base_row_total?: MagentoAmount;
  base_tax_amount?: MagentoAmount;
  base_discount_amount?: MagentoAmount;
};

export type MagentoOrder = {
  entity_id: number | string;
  increment_id?: string | null;
  state?: string | null;
  status?: string | null;
  created_at: string;
  updated_at?: string | null;
  base_currency_code?: string | null;
  order_currency_code?: string | null;
  base_grand_total?: MagentoAmount;
  grand_total?: MagentoAmount;
  base_tax_amount?: MagentoAmount;
  base_shipping_amount?: MagentoAmount;
  base_shipping_tax_amount?: MagentoAmount;
  base_discount_amount?: MagentoAmount;
  base_discount_tax_compensation_amount?: MagentoAmount;
  base_shipping_discount_tax_compensation_amnt?: MagentoAmount;
  base_total_paid?: MagentoAmount;
  base_total_refunded?: MagentoAmount;
  coupon_code?: string | null;
  discount_description?: string | null;
  shipping_description?: string | null;
  customer_id?: number | string | null;
  customer_is_guest?: number | boolean | null;
  customer_email?: string | null;
  customer_firstname?: string | null;
  customer_lastname?: string | null;
  relation_parent_id?: number | string | null;
  relation_parent_real_id?: string | null;
  billing_address?: MagentoAddress | null;
  payment?: { method?: string; base_amount_authorized?: MagentoAmount } | null;
  items?: MagentoItem[];
  extension_attributes?: {
    shipping_assignments?: { shipping?: { address?: MagentoAddress | null } }[];
  } | null;
};

export type MagentoSearchResult<Item> = {
  items?: Item[] | null;
  total_count?: number | string;
};

export type MagentoCreditMemo = {
  entity_id: number | string;
  order_id: number | string;
  created_at: string;
  base_grand_total?: MagentoAmount;
};

export type MagentoStoreConfig = {
  code?: string;
  timezone?: string;
  base_currency_code?: string;
  default_display_currency_code?: string;
};

export type MagentoStoreView = {
  code?: string;
  name?: string;
  store_group_id?: number | string;
};

export type MagentoStoreGroup = { id?: number | string; name?: string };

/** Builds the address of one REST resource, such as "orders" or "store/storeConfigs". */
export function magentoRestUrl(storeUrl: URL, storeCode: string, resource: string): URL {
  // A URL keeps "/" as the path of a bare host, which would turn the address
  // into "//rest/…", a host-relative reference.
  const folder = storeUrl.pathname.replace(/\/+$/, "");
  return new URL(`${folder}/rest/${encodeURIComponent(storeCode)}/V1/${resource}`, storeUrl.origin);
}

/**
 * Formats a UTC instant as Magento writes dates in filters and payloads:
 * "YYYY-MM-DD HH:MM:SS" with no offset, always in UTC.
 */
export function toMagentoUtc(instantMs: number): string {
  return new Date(instantMs).toISOString().slice(0, 19).replace("T", " ");
}

/** Reads a Magento date ("YYYY-MM-DD HH:MM:SS", UTC, no offset) as an ISO instant. */
export function fromMagentoUtc(value: string): string {
  const text = value.trim().replace(" ", "T");
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasOffset ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new RangeError(`"${value}" is not a Magento date`);
  return new Date(ms).toISOString();
}
