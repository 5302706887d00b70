/**
 * The parts of PrestaShop webservice responses (JSON output, 1.7 to 9) that
 * Cart Cutover reads. Most values arrive as strings, so ids and flags are
 * read as strings or numbers.
 */
export type PrestaShopValue = string | number | null | undefined;

/** A field PrestaShop translates per language: a plain value, or one per language id. */
export type PrestaShopTranslated = string | { id: PrestaShopValue; value: string }[] | null | undefined;

export type PrestaShopOrderRow = {
  id: PrestaShopValue;
  product_id?: PrestaShopValue;
  product_attribute_id?: PrestaShopValue;
  product_quantity?: PrestaShopValue;
  product_name?: string | null;
  product_reference?: string | null;
  unit_price_tax_incl?: PrestaShopValue;
  unit_price_tax_excl?: PrestaShopValue;
};

export type PrestaShopOrder = {
  id: PrestaShopValue;
  reference?: string | null;
  id_customer?: PrestaShopValue;
  id_address_delivery?: PrestaShopValue;
  id_address_invoice?: PrestaShopValue;
  id_currency?: PrestaShopValue;
  id_carrier?: PrestaShopValue;
  current_state?: PrestaShopValue;
  valid?: PrestaShopValue;
  date_add: string;
  date_upd?: string | null;
  conversion_rate?: PrestaShopValue;
  total_paid_tax_incl?: PrestaShopValue;
  total_paid_tax_excl?: PrestaShopValue;
  total_shipping_tax_incl?: PrestaShopValue;
  total_shipping_tax_excl?: PrestaShopValue;
  total_discounts_tax_excl?: PrestaShopValue;
  total_wrapping_tax_incl?: PrestaShopValue;
  total_wrapping_tax_excl?: PrestaShopValue;
  associations?: { order_rows?: PrestaShopOrderRow[] | null } | null;
};

export type PrestaShopOrderDetail = {
  id: PrestaShopValue;
  id_order: PrestaShopValue;
  total_price_tax_incl?: PrestaShopValue;
  total_price_tax_excl?: PrestaShopValue;
};

export type PrestaShopCustomer = {
  id: PrestaShopValue;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  is_guest?: PrestaShopValue;
};

export type PrestaShopAddress = {
  id: PrestaShopValue;
  firstname?: string | null;
  lastname?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  postcode?: string | null;
  city?: string | null;
  id_country?: PrestaShopValue;
  id_state?: PrestaShopValue;
  phone?: string | null;
  phone_mobile?: string | null;
};

export type PrestaShopOrderState = {
  id: PrestaShopValue;
  name?: PrestaShopTranslated;
  template?: PrestaShopTranslated;
  paid?: PrestaShopValue;
  shipped?: PrestaShopValue;
};

export type PrestaShopOrderSlip = {
  id: PrestaShopValue;
  id_order: PrestaShopValue;
  date_add: string;
  conversion_rate?: PrestaShopValue;
  total_products_tax_incl?: PrestaShopValue;
  total_shipping_tax_incl?: PrestaShopValue;
};

export type PrestaShopOrderHistory = {
  id: PrestaShopValue;
  id_order: PrestaShopValue;
  id_order_state: PrestaShopValue;
  date_add: string;
};

export type PrestaShopOrderCartRule = {
  id: PrestaShopValue;
  id_order: PrestaShopValue;
  name?: string | null;
};

/** Builds the address of a webservice resource, such as "orders"; "" is the index. */
export function prestaShopApiUrl(storeUrl: URL, resource: string): URL {
  // A URL keeps "/" as the path of a bare host, which would turn the address
  // into "//api/…", a host-relative reference.
  const folder = storeUrl.pathname.replace(/\/+$/, "");
  return new URL(`${folder}/api/${resource}`, storeUrl.origin);
}

/** Reads an id; PrestaShop writes a missing or deleted reference as 0. */
export function idOf(value: PrestaShopValue): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text && text !== "0" ? text : null;
}

export function flagOf(value: PrestaShopValue): boolean {
  return value === 1 || value === "1" || value === "true";
}

/** Returns a translated field in the first language of the response. */
export function translatedText(value: PrestaShopTranslated): string {
  if (Array.isArray(value)) return value[0]?.value ?? "";
  return value ?? "";
}
