import { minorDigits, toMinor } from "../../../main/money/money.js";
import { toWallClock } from "../../../main/time/zoned-time.js";
import type { SeedAddress, SeedLine, SeedOrder } from "../common/seed-order.js";

/** WooCommerce order statuses of the simulator: the core ones and the block checkout's draft. */
export const WOO_STATUSES = [
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
  "checkout-draft",
] as const;

export type WooStatus = (typeof WOO_STATUSES)[number];

/** Site-local time without offset, as WooCommerce writes `date_created`. */
export function siteTime(instantUtc: string, timeZone: string): string {
  return toWallClock(Date.parse(instantUtc), timeZone);
}

/** GMT time without offset, as WooCommerce writes `date_created_gmt`. */
export function gmtTime(instantUtc: string): string {
  return new Date(Date.parse(instantUtc)).toISOString().slice(0, 19);
}

/**
 * Money as the order states it. Seed amounts are in the shop currency. A
 * seed with another presentment currency is rendered the way WooPayments
 * multi-currency stores it, with amounts in the customer's currency and the
 * shop currency and the rate in the order's meta.
 */
type OrderMoney = { currency: string; rate: number; write(minorInShopCurrency: number): string };

/** Writes amounts with `decimals` places, as the `dp` parameter requests (WooCommerce's default is 2). */
function orderMoney(seed: SeedOrder, decimals: number): OrderMoney {
  const currency = seed.presentmentCurrency;
  const shopTotal = toMinor(seed.total, seed.currency);
  const rate = currency === seed.currency || shopTotal === 0 ? 1 : toMinor(seed.presentmentTotal, currency) / shopTotal;
  const digits = minorDigits(currency);
  return { currency, rate, write: (minor) => ((minor * rate) / 10 ** digits).toFixed(decimals) };
}

/** Returns the status a WooCommerce shop gives an order in the seed's state. */
export function wooStatusOf(seed: SeedOrder): WooStatus {
  if (seed.status === "draft") return "checkout-draft";
  if (seed.status === "cancelled" || seed.cancelledAtUtc) return "cancelled";
  if (seed.financialStatus === "refunded") return "refunded";
  if (seed.fulfillment === "fulfilled") return "completed";
  if (seed.financialStatus === "pending") return "pending";
  if (seed.financialStatus === "authorized") return "on-hold";
  return "processing";
}

function address(seed: SeedAddress | null, email: string | null): Record<string, string> {
  const empty = { first_name: "", last_name: "", company: "", address_1: "", address_2: "" };
  if (!seed) return { ...empty, city: "", state: "", postcode: "", country: "" };
  const fields: Record<string, string> = {
    first_name: seed.firstName,
    last_name: seed.lastName,
    company: seed.company ?? "",
    address_1: seed.lines[0] ?? "",
    address_2: seed.lines.slice(1).join(", "),
    city: seed.city,
    state: seed.region ?? "",
    postcode: seed.postalCode,
    country: seed.countryCode,
    phone: seed.phone ?? "",
  };
  if (email !== null) fields.email = email;
  return fields;
}

/**
 * Renders a line. WooCommerce line amounts exclude tax even when the shop's
 * prices include it, so a tax-inclusive seed price has its tax taken out.
 */
function lineItem(order: SeedOrder, line: SeedLine, index: number, money: OrderMoney): Record<string, unknown> {
  const currency = order.currency;
  const gross = toMinor(line.unitPrice, currency) * line.quantity;
  const tax = toMinor(line.tax, currency);
  const subtotal = order.taxesIncluded ? gross - tax : gross;
  const total = subtotal - toMinor(line.discount, currency);
  const variantParts = line.variantTitle ? line.variantTitle.split(" / ") : [];
  return {
    id: Number(order.id) * 100 + index + 1,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    product_id: line.productId ? Number(line.productId) : 0,
    variation_id: line.productId && line.variantTitle ? Number(line.productId) * 10 + 1 : 0,
    quantity: line.quantity,
    tax_class: "",
    subtotal: money.write(subtotal),
    subtotal_tax: money.write(tax),
    total: money.write(total),
    total_tax: money.write(tax),
    sku: line.sku ?? "",
    price: line.quantity ? Number(money.write(Math.round(subtotal / line.quantity))) : 0,
    meta_data: variantParts.map((value, part) => ({
      id: part + 1,
      key: `pa_option-${part + 1}`,
      value: value.toLowerCase(),
      display_key: `Option ${part + 1}`,
      display_value: value,
    })),
  };
}

/** Renders a seed order as GET /wp-json/wc/v3/orders returns it. */
export function renderWooOrder(
  seed: SeedOrder,
  status: WooStatus,
  timeZone: string,
  decimals = 2,
): Record<string, unknown> {
  const currency = seed.currency;
  const money = orderMoney(seed, decimals);
  const write = (amount: string) => money.write(toMinor(amount, currency));
  const shippingGross = toMinor(seed.shippingPrice, currency);
  const shippingTax = toMinor(seed.shippingTax, currency);
  const shippingNet = seed.taxesIncluded ? shippingGross - shippingTax : shippingGross;
  const paid = seed.financialStatus !== "pending" && seed.financialStatus !== "authorized";

  return {
    id: Number(seed.id),
    parent_id: 0,
    number: seed.number.replace(/^#/, ""),
    order_key: `wc_order_${seed.id}`,
    created_via: "checkout",
    status,
    currency: money.currency,
    prices_include_tax: seed.taxesIncluded,
    date_created: siteTime(seed.createdAtUtc, timeZone),
    date_created_gmt: gmtTime(seed.createdAtUtc),
    date_modified: siteTime(seed.updatedAtUtc, timeZone),
    date_modified_gmt: gmtTime(seed.updatedAtUtc),
    date_paid: paid ? siteTime(seed.createdAtUtc, timeZone) : null,
    date_paid_gmt: paid ? gmtTime(seed.createdAtUtc) : null,
    date_completed_gmt: status === "completed" ? gmtTime(seed.updatedAtUtc) : null,
    discount_total: write(seed.discountAmount),
    discount_tax: "0.00",
    shipping_total: money.write(shippingNet),
    shipping_tax: write(seed.shippingTax),
    total_tax: write(seed.totalTax),
    total: money.write(toMinor(seed.total, currency)),
    customer_id: seed.customerId ? Number(seed.customerId) : 0,
    billing: address(seed.billing, seed.email ?? ""),
    shipping: address(seed.shipping, null),
    payment_method: "bacs",
    line_items: seed.lines.map((line, index) => lineItem(seed, line, index, money)),
    shipping_lines: [
      {
        id: Number(seed.id) * 100 + 90,
        method_title: seed.shippingTitle,
        method_id: "flat_rate",
        total: money.write(shippingNet),
        total_tax: write(seed.shippingTax),
      },
    ],
    fee_lines: [],
    coupon_lines: seed.discountCode
      ? [
          {
            id: Number(seed.id) * 100 + 95,
            code: seed.discountCode,
            discount: write(seed.discountAmount),
            discount_tax: "0.00",
          },
        ]
      : [],
    refunds: seed.refunds.map((refund, index) => ({
      id: Number(seed.id) * 100 + 50 + index,
      reason: "",
      total: `-${write(refund.amount)}`,
    })),
    meta_data:
      money.currency === currency
        ? []
        : [
            { id: 1, key: "_wcpay_multi_currency_order_default_currency", value: currency },
            { id: 2, key: "_wcpay_multi_currency_order_exchange_rate", value: String(money.rate) },
          ],
  };
}

/** Renders the dated refunds of GET /wp-json/wc/v3/orders/{id}/refunds. */
export function renderWooRefunds(seed: SeedOrder, timeZone: string, decimals = 2): Record<string, unknown>[] {
  const money = orderMoney(seed, decimals);
  return seed.refunds.map((refund, index) => ({
    id: Number(seed.id) * 100 + 50 + index,
    date_created: siteTime(refund.createdAtUtc, timeZone),
    date_created_gmt: gmtTime(refund.createdAtUtc),
    amount: money.write(toMinor(refund.amount, seed.currency)),
    reason: "",
    refunded_payment: false,
    line_items: [],
  }));
}
