import type {
  CartCharge,
  CartLine,
  CartOrder,
  CartRefund,
  PostalAddress,
} from "../cart-order.js";
import { toMinor } from "../../money/money.js";
import type {
  WooAddress,
  WooChargeLine,
  WooLineItem,
  WooOrder,
  WooRefund,
} from "./woocommerce-payload.js";

/** Reads a `_gmt` date, which WooCommerce sends in UTC without an offset. */
export function gmtToUtcIso(gmt: string | null | undefined): string | null {
  if (!gmt) return null;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(gmt) ? gmt : `${gmt}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Payment state in the product's words. Core WooCommerce has no payment
 * field, so it follows the order status; "on-hold" is an order waiting for
 * payment to be confirmed or captured.
 */
function financialStatusOf(order: WooOrder): string {
  switch (order.status) {
    case "refunded":
      return "refunded";
    case "failed":
      return "failed";
    case "pending":
    case "checkout-draft":
      return "pending";
    case "on-hold":
      return "authorized";
  }
  if ((order.refunds ?? []).length > 0) return "partially_refunded";
  return order.date_paid_gmt || order.status === "completed" || order.status === "processing"
    ? "paid"
    : "pending";
}

function addressOf(address: WooAddress | undefined): PostalAddress | null {
  if (!address) return null;
  const lines = [address.address_1, address.address_2].filter(
    (line): line is string => Boolean(line?.trim()),
  );
  const name = [address.first_name, address.last_name].filter(Boolean).join(" ").trim();
  if (!name && lines.length === 0 && !address.city && !address.postcode) return null;
  return {
    name,
    company: address.company || null,
    lines,
    city: address.city ?? "",
    region: address.state || null,
    postalCode: address.postcode ?? "",
    countryCode: address.country ?? "",
    phone: address.phone || null,
  };
}

/** Variation attributes, as WooCommerce shows them beside a line ("Blue / 350 ml"). */
function variantTitleOf(item: WooLineItem): string | null {
  if (!item.variation_id) return null;
  const values = (item.meta_data ?? [])
    .filter((meta) => !meta.key.startsWith("_"))
    .map((meta) => String(meta.display_value ?? meta.value ?? "").trim())
    .filter(Boolean);
  return values.length > 0 ? values.join(" / ") : null;
}

type MinorReader = (amount: string | number) => number;

/** Meta keys that WooPayments multi-currency writes on an order paid in a foreign currency. */
const SHOP_CURRENCY_META = "_wcpay_multi_currency_order_default_currency";
const EXCHANGE_RATE_META = "_wcpay_multi_currency_order_exchange_rate";

/**
 * Reads amounts in the shop currency. Core WooCommerce has one currency per
 * order. With WooPayments multi-currency the order is in the customer's
 * currency, and its meta names the shop currency and the rate (order
 * currency per unit of shop currency), so amounts are converted back.
 * NOTE: the meta keys come from WooPayments and were not checked against
 * other multi-currency plugins, whose orders stay in the customer's currency.
 */
function shopMoney(order: WooOrder): { shopCurrency: string; minor: MinorReader } {
  const paidIn = order.currency.toUpperCase();
  const meta = new Map((order.meta_data ?? []).map((entry) => [entry.key, entry.value]));
  const shopCurrency = String(meta.get(SHOP_CURRENCY_META) ?? paidIn).toUpperCase();
  const rate = Number(meta.get(EXCHANGE_RATE_META));
  if (shopCurrency === paidIn || !Number.isFinite(rate) || rate <= 0) {
    return { shopCurrency: paidIn, minor: (amount) => toMinor(amount, paidIn) };
  }
  return { shopCurrency, minor: (amount) => toMinor(Number(amount) / rate, shopCurrency) };
}

/**
 * WooCommerce line, shipping, fee and coupon amounts exclude tax even when
 * the shop's prices include it. For such a shop the connector adds the tax
 * back, so that the CartOrder carries the prices the shop set and
 * `taxesIncluded` describes them truthfully.
 */
function lineOf(item: WooLineItem, minor: MinorReader, taxesIncluded: boolean): CartLine {
  const subtotal = minor(item.subtotal);
  const subtotalTax = minor(item.subtotal_tax);
  const total = minor(item.total);
  const totalTax = minor(item.total_tax);
  const beforeDiscount = taxesIncluded ? subtotal + subtotalTax : subtotal;
  const afterDiscount = taxesIncluded ? total + totalTax : total;
  const variantTitle = variantTitleOf(item);
  const suffix = variantTitle ? ` - ${variantTitle}` : null;
  const title = suffix && item.name.endsWith(suffix) ? item.name.slice(0, -suffix.length) : item.name;
  return {
    lineId: String(item.id),
    sku: item.sku?.trim() || null,
    // A deleted product leaves product_id 0 on the line.
    productId: item.product_id > 0 ? String(item.product_id) : null,
    title,
    variantTitle,
    quantity: item.quantity,
    unitPriceMinor: item.quantity ? Math.round(beforeDiscount / item.quantity) : 0,
    taxMinor: totalTax,
    discountMinor: beforeDiscount - afterDiscount,
  };
}

function chargeOf(line: WooChargeLine, minor: MinorReader, taxesIncluded: boolean): CartCharge {
  const net = minor(line.total);
  const tax = minor(line.total_tax);
  return {
    title: line.method_title ?? line.name ?? "",
    amountMinor: taxesIncluded ? net + tax : net,
    taxMinor: tax,
  };
}

function refundOf(refund: WooRefund, minor: MinorReader, fallbackUtc: string): CartRefund {
  return {
    createdAtUtc: gmtToUtcIso(refund.date_created_gmt) ?? fallbackUtc,
    amountMinor: Math.abs(minor(refund.amount)),
  };
}

/**
 * Normalizes one WooCommerce order. `refunds` are the dated refunds read
 * from the order's refunds route; the order itself lists them without dates.
 */
export function normalizeWooOrder(order: WooOrder, refunds: WooRefund[]): CartOrder {
  const paidIn = order.currency.toUpperCase();
  const { shopCurrency, minor } = shopMoney(order);
  const taxesIncluded = Boolean(order.prices_include_tax);
  const createdAtUtc = gmtToUtcIso(order.date_created_gmt);
  if (!createdAtUtc) {
    throw new RangeError(`WooCommerce order ${order.id} has no date_created_gmt`);
  }
  const updatedAtUtc = gmtToUtcIso(order.date_modified_gmt) ?? createdAtUtc;
  const isGuest = !order.customer_id;
  const billing = addressOf(order.billing);

  return {
    platform: "woocommerce",
    orderId: String(order.id),
    orderNumber: `#${order.number || order.id}`,
    createdAtUtc,
    updatedAtUtc,
    // NOTE: WooCommerce records no cancellation time; the last change of a
    // cancelled order is the closest instant it offers.
    cancelledAtUtc: order.status === "cancelled" ? updatedAtUtc : null,
    financialStatus: financialStatusOf(order),
    // Core WooCommerce has no shipment state: "completed" means shipped.
    fulfillment: order.status === "completed" ? "fulfilled" : "unfulfilled",
    isTest: false,
    isDraft: order.status === "checkout-draft" || order.status === "auto-draft",
    isArchived: order.status === "trash",
    currency: shopCurrency,
    presentmentCurrency: paidIn,
    presentmentTotalMinor: toMinor(order.total, paidIn),
    taxesIncluded,
    customer: {
      cartCustomerId: isGuest ? null : String(order.customer_id),
      email: order.billing?.email?.trim() || null,
      firstName: order.billing?.first_name ?? order.shipping?.first_name ?? "",
      lastName: order.billing?.last_name ?? order.shipping?.last_name ?? "",
      isGuest,
    },
    billingAddress: billing,
    shippingAddress: addressOf(order.shipping),
    lines: (order.line_items ?? []).map((item) => lineOf(item, minor, taxesIncluded)),
    shipping: (order.shipping_lines ?? []).map((line) => chargeOf(line, minor, taxesIncluded)),
    fees: (order.fee_lines ?? []).map((line) => chargeOf(line, minor, taxesIncluded)),
    discounts: (order.coupon_lines ?? []).map((coupon) => ({
      code: coupon.code,
      amountMinor: minor(coupon.discount) + (taxesIncluded ? minor(coupon.discount_tax) : 0),
    })),
    refunds: refunds.map((refund) => refundOf(refund, minor, updatedAtUtc)),
    totalTaxMinor: minor(order.total_tax),
    totalMinor: minor(order.total),
  };
}
