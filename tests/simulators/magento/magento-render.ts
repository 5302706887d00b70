import { formatMinor, toMinor } from "../../../main/money/money.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../common/seed-order.js";

/**
 * Renders seed orders as Magento 2 REST order entities. Dates are in UTC
 * without offset. The base_* amounts are in the shop currency and the plain
 * ones in the customer's. A configurable product is a priced parent with a
 * child item, and the shipping address appears only under
 * extension_attributes.
 */

type Row = Record<string, unknown>;

export function magentoDate(instantUtc: string): string {
  return new Date(instantUtc).toISOString().slice(0, 19).replace("T", " ");
}

function amount(decimal: string | number): number {
  return Math.round(Number(decimal) * 10_000) / 10_000;
}

function addressOf(address: SeedAddress | null, type: string, email: string | null): Row | null {
  if (!address) return null;
  return {
    address_type: type,
    firstname: address.firstName,
    lastname: address.lastName,
    company: address.company,
    street: address.lines,
    city: address.city,
    region: address.region,
    postcode: address.postalCode,
    country_id: address.countryCode,
    telephone: address.phone,
    email,
  };
}

/** Quantity shipped per line for a seed fulfillment state. */
function shippedQuantities(seed: SeedOrder): number[] {
  return seed.lines.map((line, index) => {
    if (seed.fulfillment === "fulfilled") return line.quantity;
    if (seed.fulfillment === "unfulfilled") return 0;
    if (seed.lines.length > 1) return index === 0 ? line.quantity : 0;
    return Math.floor(line.quantity / 2);
  });
}

function itemsOf(seed: SeedOrder, currency: string, rate: number): Row[] {
  const orderId = Number(seed.id);
  const shipped = shippedQuantities(seed);
  return seed.lines.flatMap((line: SeedLine, index) => {
    const grossMinor = toMinor(line.unitPrice, currency) * line.quantity;
    const taxMinor = toMinor(line.tax, currency);
    const rowMinor = seed.taxesIncluded ? grossMinor - taxMinor : grossMinor;
    const decimalOf = (minor: number) => Number(formatMinor(minor, currency));
    const price = decimalOf(rowMinor) / line.quantity;
    const itemId = orderId * 100 + index * 2 + 1;
    const common = {
      order_id: orderId,
      qty_ordered: line.quantity,
      qty_shipped: shipped[index],
      qty_canceled: seed.status === "cancelled" ? line.quantity : 0,
      qty_invoiced: seed.financialStatus === "pending" ? 0 : line.quantity,
    };
    const priced = {
      ...common,
      item_id: itemId,
      sku: line.sku ?? "",
      name: line.title,
      product_id: line.productId === null ? null : Number(line.productId) + (line.variantTitle ? 500_000 : 0),
      product_type: line.variantTitle ? "configurable" : "simple",
      base_price: amount(price),
      price: amount(price * rate),
      base_price_incl_tax: amount(decimalOf(rowMinor + taxMinor) / line.quantity),
      base_row_total: amount(decimalOf(rowMinor)),
      row_total: amount(decimalOf(rowMinor) * rate),
      base_tax_amount: amount(line.tax),
      tax_amount: amount(Number(line.tax) * rate),
      base_discount_amount: amount(line.discount),
      discount_amount: amount(Number(line.discount) * rate),
    };
    if (!line.variantTitle) return [priced];
    const child = {
      ...common,
      item_id: itemId + 1,
      parent_item_id: itemId,
      sku: line.sku ?? "",
      name: `${line.title} - ${line.variantTitle}`,
      product_id: line.productId === null ? null : Number(line.productId),
      product_type: "simple",
      base_price: 0,
      price: 0,
      base_row_total: 0,
      row_total: 0,
      base_tax_amount: 0,
      base_discount_amount: 0,
    };
    return [priced, child];
  });
}

function stateOf(seed: SeedOrder): [state: string, status: string] {
  if (seed.status === "cancelled") return ["canceled", "canceled"];
  if (seed.status === "draft") return ["pending_payment", "pending_payment"];
  if (seed.financialStatus === "refunded") return ["closed", "closed"];
  if (seed.fulfillment === "fulfilled") return ["complete", "complete"];
  if (seed.financialStatus === "pending" || seed.financialStatus === "authorized") return ["new", "pending"];
  return ["processing", "processing"];
}

function refundedTotal(seed: SeedOrder): string {
  const currency = seed.currency;
  const listed = seed.refunds.reduce((sum, refund) => sum + toMinor(refund.amount, currency), 0);
  if (listed === 0 && seed.financialStatus === "refunded") return seed.total;
  return formatMinor(listed, currency);
}

/** Renders one seed order; the rate converts shop money into the customer's currency. */
export function renderMagentoOrder(seed: SeedOrder): Row {
  const currency = seed.currency;
  const totalMinor = toMinor(seed.total, currency);
  const sameCurrency = seed.presentmentCurrency === currency;
  const rate = sameCurrency || totalMinor === 0 ? 1 : Number(seed.presentmentTotal) / Number(seed.total);
  const [state, status] = stateOf(seed);
  const shippingExcl = seed.taxesIncluded
    ? Number(seed.shippingPrice) - Number(seed.shippingTax)
    : Number(seed.shippingPrice);
  const paid = ["paid", "refunded", "partially_refunded"].includes(seed.financialStatus);
  const isGuest = seed.customerId === null;
  const billing = addressOf(seed.billing, "billing", seed.email);
  const items = itemsOf(seed, currency, rate);

  return {
    entity_id: Number(seed.id),
    increment_id: seed.number,
    state,
    status,
    created_at: magentoDate(seed.createdAtUtc),
    updated_at: magentoDate(seed.cancelledAtUtc ?? seed.updatedAtUtc),
    base_currency_code: currency,
    global_currency_code: currency,
    store_currency_code: currency,
    order_currency_code: seed.presentmentCurrency,
    base_to_order_rate: amount(rate),
    base_grand_total: amount(seed.total),
    grand_total: amount(sameCurrency ? seed.total : seed.presentmentTotal),
    base_subtotal: amount(items.reduce((sum, item) => sum + Number(item.base_row_total ?? 0), 0)),
    base_tax_amount: amount(seed.totalTax),
    tax_amount: amount(Number(seed.totalTax) * rate),
    base_shipping_amount: amount(shippingExcl),
    shipping_amount: amount(shippingExcl * rate),
    base_shipping_tax_amount: amount(seed.shippingTax),
    base_shipping_incl_tax: amount(shippingExcl + Number(seed.shippingTax)),
    base_discount_amount: -amount(seed.discountAmount),
    discount_amount: -amount(Number(seed.discountAmount) * rate),
    base_discount_tax_compensation_amount: 0,
    base_shipping_discount_tax_compensation_amnt: 0,
    coupon_code: seed.discountCode,
    discount_description: seed.discountCode,
    base_total_paid: paid ? amount(seed.total) : 0,
    base_total_refunded: amount(refundedTotal(seed)),
    shipping_description: seed.shippingTitle,
    customer_id: isGuest ? null : Number(seed.customerId),
    customer_is_guest: isGuest ? 1 : 0,
    customer_email: seed.email,
    customer_firstname: isGuest ? null : seed.firstName,
    customer_lastname: isGuest ? null : seed.lastName,
    total_qty_ordered: seed.lines.reduce((sum, line) => sum + line.quantity, 0),
    billing_address: billing,
    payment: {
      method: "checkmo",
      amount_ordered: amount(sameCurrency ? seed.total : seed.presentmentTotal),
      base_amount_authorized: seed.financialStatus === "authorized" ? amount(seed.total) : 0,
    },
    items,
    extension_attributes: {
      shipping_assignments: seed.shipping
        ? [
            {
              shipping: {
                method: "flatrate_flatrate",
                address: addressOf(seed.shipping, "shipping", seed.email),
                total: { base_shipping_amount: amount(shippingExcl) },
              },
              items: [],
            },
          ]
        : [],
    },
  };
}

/** Renders the credit memos of a seed order. */
export function renderCreditMemos(seed: SeedOrder): Row[] {
  return seed.refunds.map((refund, index) => ({
    entity_id: Number(seed.id) * 10 + index + 1,
    order_id: Number(seed.id),
    increment_id: `${seed.number.replace(/^#/, "")}-${index + 1}`,
    created_at: magentoDate(refund.createdAtUtc),
    base_grand_total: amount(refund.amount),
    state: 2,
  }));
}

export type StoreInfo = {
  storeCode: string;
  currency: string;
  timeZone: string;
  storeName: string;
  storeUrl: string;
};

/** Renders the responses of store/storeConfigs, storeViews and storeGroups, or null for other paths. */
export function renderStoreInfo(path: string, store: StoreInfo): Row[] | null {
  if (path === "store/storeConfigs") {
    return [
      {
        id: 1,
        code: store.storeCode,
        website_id: 1,
        locale: "de_CH",
        base_currency_code: store.currency,
        default_display_currency_code: store.currency,
        timezone: store.timeZone,
        weight_unit: "kgs",
        base_url: `${store.storeUrl}/`,
        secure_base_url: `${store.storeUrl}/`,
      },
    ];
  }
  if (path === "store/storeViews") {
    return [
      { id: 0, code: "admin", name: "Admin", website_id: 0, store_group_id: 0, is_active: 1 },
      { id: 1, code: store.storeCode, name: "Default Store View", website_id: 1, store_group_id: 1, is_active: 1 },
    ];
  }
  if (path === "store/storeGroups") {
    return [
      { id: 0, website_id: 0, root_category_id: 0, default_store_id: 0, name: "Default", code: "default" },
      { id: 1, website_id: 1, root_category_id: 2, default_store_id: 1, name: store.storeName, code: "main_website_store" },
    ];
  }
  return null;
}
