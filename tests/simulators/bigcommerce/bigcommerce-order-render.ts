import { formatRfc2822 } from "../../../main/carts/bigcommerce/bigcommerce-dates.js";
import { minorDigits, toMinor } from "../../../main/money/money.js";
import type { SeedAddress, SeedOrder } from "../common/seed-order.js";

/** Status ids and their default labels. */
export const BC_STATUS_LABELS: Record<number, string> = {
  0: "Incomplete",
  1: "Pending",
  2: "Shipped",
  3: "Partially Shipped",
  4: "Refunded",
  5: "Cancelled",
  6: "Declined",
  7: "Awaiting Payment",
  8: "Awaiting Pickup",
  9: "Awaiting Shipment",
  10: "Completed",
  11: "Awaiting Fulfillment",
  12: "Manual Verification Required",
  13: "Disputed",
  14: "Partially Refunded",
};

const PAYMENT_STATUS: Record<SeedOrder["financialStatus"], string> = {
  paid: "captured",
  pending: "pending",
  refunded: "refunded",
  partially_refunded: "partially refunded",
  authorized: "authorized",
};

/** Returns the status id a BigCommerce store gives an order in the seed's state. */
export function statusIdOf(seed: SeedOrder): number {
  if (seed.status === "draft") return 0;
  if (seed.status === "cancelled" || seed.cancelledAtUtc) return 5;
  if (seed.financialStatus === "refunded") return 4;
  if (seed.financialStatus === "partially_refunded") return 14;
  if (seed.fulfillment === "fulfilled") return 2;
  if (seed.fulfillment === "partial") return 3;
  if (seed.financialStatus === "pending") return 7;
  return 11;
}

/**
 * Money in BigCommerce's V2 form, four decimals in the transactional
 * currency. Seed amounts are in the shop currency; a seed with another
 * presentment currency is rendered as a multi-currency order.
 */
export type MoneyWriter = {
  transactional: string;
  rate: number;
  write(minorInShopCurrency: number): string;
};

export function moneyWriter(seed: SeedOrder): MoneyWriter {
  const transactional = seed.presentmentCurrency;
  const shopTotal = toMinor(seed.total, seed.currency);
  const rate =
    transactional === seed.currency || shopTotal === 0
      ? 1
      : toMinor(seed.presentmentTotal, transactional) / shopTotal;
  const digits = minorDigits(transactional);
  return {
    transactional,
    rate,
    write: (minor) => ((minor * rate) / 10 ** digits).toFixed(4),
  };
}

function itemsTotalOf(seed: SeedOrder): number {
  return seed.lines.reduce((sum, line) => sum + line.quantity, 0);
}

function itemsShippedOf(seed: SeedOrder): number {
  const total = itemsTotalOf(seed);
  if (seed.fulfillment === "fulfilled") return total;
  return seed.fulfillment === "partial" ? Math.max(1, Math.floor(total / 2)) : 0;
}

function address(seed: SeedAddress, email: string | null): Record<string, unknown> {
  return {
    first_name: seed.firstName,
    last_name: seed.lastName,
    company: seed.company ?? "",
    street_1: seed.lines[0] ?? "",
    street_2: seed.lines.slice(1).join(", "),
    city: seed.city,
    state: seed.region ?? "",
    zip: seed.postalCode,
    country: seed.countryCode,
    country_iso2: seed.countryCode,
    phone: seed.phone ?? "",
    email: email ?? "",
  };
}

/** Net and tax of each line; a tax-inclusive seed price has its tax taken out. */
function lineAmounts(seed: SeedOrder) {
  return seed.lines.map((line) => {
    const gross = toMinor(line.unitPrice, seed.currency) * line.quantity;
    const tax = toMinor(line.tax, seed.currency);
    return { line, net: seed.taxesIncluded ? gross - tax : gross, tax, discount: toMinor(line.discount, seed.currency) };
  });
}

function resource(baseUrl: string, id: string, name: string): Record<string, string> {
  return { url: `${baseUrl}/orders/${id}/${name}`, resource: `/orders/${id}/${name}` };
}

/** Renders a seed order as GET /v2/orders returns it. */
export function renderBcOrder(seed: SeedOrder, statusId: number, isDeleted: boolean, v2Url: string): Record<string, unknown> {
  const money = moneyWriter(seed);
  const currency = seed.currency;
  const lines = lineAmounts(seed);
  const subtotalNet = lines.reduce((sum, line) => sum + line.net, 0);
  const subtotalTax = lines.reduce((sum, line) => sum + line.tax, 0);
  const shippingGross = toMinor(seed.shippingPrice, currency);
  const shippingTax = toMinor(seed.shippingTax, currency);
  const shippingNet = seed.taxesIncluded ? shippingGross - shippingTax : shippingGross;
  const total = toMinor(seed.total, currency);
  const totalTax = toMinor(seed.totalTax, currency);
  const discount = toMinor(seed.discountAmount, currency);
  const refunded = seed.refunds.reduce((sum, refund) => sum + toMinor(refund.amount, currency), 0);

  return {
    id: Number(seed.id),
    customer_id: seed.customerId ? Number(seed.customerId) : 0,
    date_created: formatRfc2822(Date.parse(seed.createdAtUtc)),
    date_modified: formatRfc2822(Date.parse(seed.updatedAtUtc)),
    date_shipped: seed.fulfillment === "fulfilled" ? formatRfc2822(Date.parse(seed.updatedAtUtc)) : "",
    status_id: statusId,
    status: BC_STATUS_LABELS[statusId],
    custom_status: BC_STATUS_LABELS[statusId],
    subtotal_ex_tax: money.write(subtotalNet),
    subtotal_inc_tax: money.write(subtotalNet + subtotalTax),
    subtotal_tax: money.write(subtotalTax),
    shipping_cost_ex_tax: money.write(shippingNet),
    shipping_cost_inc_tax: money.write(shippingNet + shippingTax),
    shipping_cost_tax: money.write(shippingTax),
    handling_cost_ex_tax: "0.0000",
    handling_cost_tax: "0.0000",
    wrapping_cost_ex_tax: "0.0000",
    wrapping_cost_tax: "0.0000",
    total_ex_tax: money.write(total - totalTax),
    total_inc_tax: money.write(total),
    total_tax: money.write(totalTax),
    items_total: itemsTotalOf(seed),
    items_shipped: itemsShippedOf(seed),
    payment_method: "Credit Card",
    payment_status: PAYMENT_STATUS[seed.financialStatus],
    refunded_amount: money.write(refunded),
    coupon_discount: seed.discountCode ? money.write(discount) : "0.0000",
    discount_amount: seed.discountCode ? "0.0000" : money.write(discount),
    currency_code: money.transactional,
    default_currency_code: money.transactional,
    store_default_currency_code: currency,
    store_default_to_transactional_exchange_rate: money.rate.toFixed(10),
    currency_exchange_rate: money.rate.toFixed(10),
    customer_message: "",
    order_source: "www",
    channel_id: 1,
    is_deleted: isDeleted,
    billing_address: seed.billing ? address(seed.billing, seed.email) : {},
    products: resource(v2Url, seed.id, "products"),
    shipping_addresses: resource(v2Url, seed.id, "shippingaddresses"),
    coupons: resource(v2Url, seed.id, "coupons"),
  };
}

/** Renders GET /v2/orders/{id}/products: every line, before paging. */
export function renderBcProducts(seed: SeedOrder): Record<string, unknown>[] {
  const money = moneyWriter(seed);
  return lineAmounts(seed).map(({ line, net, tax, discount }, index) => ({
    id: Number(seed.id) * 1000 + index + 1,
    order_id: Number(seed.id),
    product_id: line.productId ? Number(line.productId) : 0,
    order_address_id: seed.shipping ? Number(seed.id) * 10 + 1 : 0,
    name: line.title,
    sku: line.sku ?? "",
    quantity: line.quantity,
    quantity_shipped: seed.fulfillment === "fulfilled" ? line.quantity : 0,
    base_price: money.write(net / line.quantity),
    price_ex_tax: money.write(net / line.quantity),
    price_inc_tax: money.write((net + tax) / line.quantity),
    price_tax: money.write(tax / line.quantity),
    total_ex_tax: money.write(net),
    total_inc_tax: money.write(net + tax),
    total_tax: money.write(tax),
    applied_discounts: discount > 0 ? [{ id: "coupon", amount: money.write(discount), name: seed.discountCode ?? "", code: seed.discountCode ?? "", target: "order" }] : [],
    product_options: (line.variantTitle ? line.variantTitle.split(" / ") : []).map((value, part) => ({
      display_name: `Option ${part + 1}`,
      display_value: value,
    })),
  }));
}

export function renderBcShippingAddresses(seed: SeedOrder): Record<string, unknown>[] {
  if (!seed.shipping) return [];
  const money = moneyWriter(seed);
  return [
    {
      id: Number(seed.id) * 10 + 1,
      order_id: Number(seed.id),
      ...address(seed.shipping, seed.email),
      items_total: itemsTotalOf(seed),
      items_shipped: itemsShippedOf(seed),
      shipping_method: seed.shippingTitle,
      cost_ex_tax: money.write(toMinor(seed.shippingPrice, seed.currency)),
    },
  ];
}

export function renderBcCoupons(seed: SeedOrder): Record<string, unknown>[] {
  if (!seed.discountCode) return [];
  const amount = moneyWriter(seed).write(toMinor(seed.discountAmount, seed.currency));
  return [{ id: Number(seed.id) * 10 + 2, coupon_id: 90, order_id: Number(seed.id), code: seed.discountCode, amount, type: 1, discount: amount }];
}

/** Renders the V3 refund objects of an order, amounts as numbers. */
export function renderBcRefunds(seed: SeedOrder): Record<string, unknown>[] {
  const money = moneyWriter(seed);
  return seed.refunds.map((refund, index) => ({
    id: Number(seed.id) * 10 + 5 + index,
    order_id: Number(seed.id),
    user_id: 0,
    created: new Date(Date.parse(refund.createdAtUtc)).toISOString(),
    reason: "",
    total_amount: Number(money.write(toMinor(refund.amount, seed.currency))),
    total_tax: 0,
    uses_merchant_override_values: false,
    items: [],
    payments: [],
  }));
}
