import type {
  CartCharge,
  CartDiscount,
  CartOrder,
  FulfillmentState,
  PostalAddress,
} from "../cart-order.js";
import { toMinor } from "../../money/money.js";
import { parseRfc2822 } from "./bigcommerce-dates.js";
import type { BcAddress, BcOrder, BcOrderDetails, BcRefund } from "./bigcommerce-payload.js";

/** BigCommerce order status ids, which are fixed; their labels can be renamed per store. */
export const BC_STATUS = {
  incomplete: 0,
  shipped: 2,
  partiallyShipped: 3,
  refunded: 4,
  cancelled: 5,
  declined: 6,
  completed: 10,
  partiallyRefunded: 14,
} as const;

const PAYMENT_STATUSES: Record<string, string> = {
  captured: "paid",
  paid: "paid",
  authorized: "authorized",
  "partially refunded": "partially_refunded",
  refunded: "refunded",
  declined: "declined",
  void: "voided",
  "void pending": "voided",
};

function financialStatusOf(order: BcOrder): string {
  if (order.status_id === BC_STATUS.refunded) return "refunded";
  if (order.status_id === BC_STATUS.partiallyRefunded) return "partially_refunded";
  if (order.status_id === BC_STATUS.declined) return "declined";
  return PAYMENT_STATUSES[(order.payment_status ?? "").trim().toLowerCase()] ?? "pending";
}

function fulfillmentOf(order: BcOrder): FulfillmentState {
  if (order.status_id === BC_STATUS.shipped || order.status_id === BC_STATUS.completed) return "fulfilled";
  if (order.status_id === BC_STATUS.partiallyShipped) return "partial";
  if (order.items_total > 0 && order.items_shipped >= order.items_total) return "fulfilled";
  return order.items_shipped > 0 ? "partial" : "unfulfilled";
}

function addressOf(address: BcAddress | undefined): PostalAddress | null {
  if (!address) return null;
  const name = [address.first_name, address.last_name].filter(Boolean).join(" ").trim();
  const lines = [address.street_1, address.street_2].filter((line): line is string => Boolean(line?.trim()));
  if (!name && lines.length === 0 && !address.city) return null;
  return {
    name,
    company: address.company || null,
    lines,
    city: address.city ?? "",
    region: address.state || null,
    postalCode: address.zip ?? "",
    countryCode: address.country_iso2 ?? "",
    phone: address.phone || null,
  };
}

function transactionalCurrencyOf(order: BcOrder): string {
  return (order.default_currency_code || order.currency_code || "").toUpperCase();
}

/**
 * Converts amounts to the store's default currency. V2 amounts are in the
 * transactional currency; with multi-currency that can differ from the shop
 * currency, and store_default_to_transactional_exchange_rate links the two.
 * NOTE: the direction of that rate is read from its name only; no store
 * with two currencies was available to confirm it.
 */
function moneyReader(order: BcOrder): { shopCurrency: string; minor: (amount: string | number) => number } {
  const paidIn = transactionalCurrencyOf(order);
  const shopCurrency = (order.store_default_currency_code || paidIn).toUpperCase();
  const rate = Number(order.store_default_to_transactional_exchange_rate);
  if (shopCurrency === paidIn || !Number.isFinite(rate) || rate <= 0) {
    return { shopCurrency: paidIn, minor: (amount) => toMinor(amount, paidIn) };
  }
  return { shopCurrency, minor: (amount) => toMinor(Number(amount) / rate, shopCurrency) };
}

/**
 * Spreads the order's net discount over its coupons and manual discount in
 * proportion to their own amounts, which may include tax. The net discount
 * is what the ex-tax totals show, so the lines, charges and tax add up to
 * the order total.
 */
function discountsOf(order: BcOrder, details: BcOrderDetails, minor: (amount: string | number) => number): CartDiscount[] {
  const charged =
    minor(order.subtotal_ex_tax) +
    minor(order.shipping_cost_ex_tax) +
    minor(order.handling_cost_ex_tax ?? "0") +
    minor(order.wrapping_cost_ex_tax ?? "0");
  const netDiscount = Math.max(0, charged - minor(order.total_ex_tax));
  const parts = details.coupons.map((coupon) => ({ code: coupon.code, weight: minor(coupon.discount) }));
  if (minor(order.discount_amount) > 0) parts.push({ code: "Manual discount", weight: minor(order.discount_amount) });
  if (parts.length === 0) return netDiscount > 0 ? [{ code: "Discount", amountMinor: netDiscount }] : [];

  const weightTotal = parts.reduce((sum, part) => sum + part.weight, 0);
  let left = netDiscount;
  return parts.map((part, index) => {
    const share =
      index === parts.length - 1
        ? left
        : weightTotal > 0
          ? Math.floor((netDiscount * part.weight) / weightTotal)
          : 0;
    left -= share;
    return { code: part.code, amountMinor: share };
  });
}

function chargesOf(order: BcOrder, details: BcOrderDetails, minor: (amount: string | number) => number) {
  const shipping: CartCharge[] = [];
  const shippingNet = minor(order.shipping_cost_ex_tax);
  if (details.shippingAddresses.length > 0 || shippingNet !== 0) {
    shipping.push({
      title: details.shippingAddresses[0]?.shipping_method || "Shipping",
      amountMinor: shippingNet,
      taxMinor: minor(order.shipping_cost_tax),
    });
  }
  const fees: CartCharge[] = [];
  const optional = [
    ["Handling", order.handling_cost_ex_tax, order.handling_cost_tax],
    ["Gift wrapping", order.wrapping_cost_ex_tax, order.wrapping_cost_tax],
  ] as const;
  for (const [title, net, tax] of optional) {
    if (minor(net ?? "0") !== 0) fees.push({ title, amountMinor: minor(net ?? "0"), taxMinor: minor(tax ?? "0") });
  }
  return { shipping, fees };
}

/**
 * Normalizes a BigCommerce order with its sub-resources and refunds. All
 * amounts are taken without tax, so `taxesIncluded` is false whatever the
 * store's display setting; the tax is in totalTaxMinor and per line.
 */
export function normalizeBcOrder(order: BcOrder, details: BcOrderDetails, refunds: BcRefund[]): CartOrder {
  const createdAtUtc = parseRfc2822(order.date_created);
  if (!createdAtUtc) throw new RangeError(`BigCommerce order ${order.id} has an unreadable date_created`);
  const updatedAtUtc = parseRfc2822(order.date_modified) ?? createdAtUtc;
  const { shopCurrency, minor } = moneyReader(order);
  const paidIn = transactionalCurrencyOf(order);
  const isGuest = !order.customer_id;
  const billing = order.billing_address ?? {};

  return {
    platform: "bigcommerce",
    orderId: String(order.id),
    // The id is also the number the control panel shows.
    orderNumber: `#${order.id}`,
    createdAtUtc,
    updatedAtUtc,
    // NOTE: V2 orders carry no cancellation time; the last change is the closest instant.
    cancelledAtUtc: order.status_id === BC_STATUS.cancelled ? updatedAtUtc : null,
    financialStatus: financialStatusOf(order),
    fulfillment: fulfillmentOf(order),
    isTest: false,
    isDraft: order.status_id === BC_STATUS.incomplete,
    isArchived: Boolean(order.is_deleted),
    currency: shopCurrency,
    presentmentCurrency: paidIn,
    presentmentTotalMinor: toMinor(order.total_inc_tax, paidIn),
    taxesIncluded: false,
    customer: {
      cartCustomerId: isGuest ? null : String(order.customer_id),
      email: billing.email?.trim() || null,
      firstName: billing.first_name ?? "",
      lastName: billing.last_name ?? "",
      isGuest,
    },
    billingAddress: addressOf(billing),
    shippingAddress: addressOf(details.shippingAddresses[0]),
    lines: details.products.map((product) => {
      const options = (product.product_options ?? []).map((option) => option.display_value?.trim()).filter(Boolean);
      return {
        lineId: String(product.id),
        sku: product.sku?.trim() || null,
        // A deleted product leaves product_id 0 on the line.
        productId: product.product_id > 0 ? String(product.product_id) : null,
        title: product.name,
        variantTitle: options.length > 0 ? options.join(" / ") : null,
        quantity: product.quantity,
        unitPriceMinor: minor(product.price_ex_tax),
        taxMinor: minor(product.total_tax),
        discountMinor: (product.applied_discounts ?? []).reduce((sum, applied) => sum + minor(applied.amount), 0),
      };
    }),
    ...chargesOf(order, details, minor),
    discounts: discountsOf(order, details, minor),
    refunds: refunds.map((refund) => ({
      createdAtUtc: new Date(Date.parse(refund.created)).toISOString(),
      amountMinor: minor(refund.total_amount),
    })),
    totalTaxMinor: minor(order.total_tax),
    totalMinor: minor(order.total_inc_tax),
  };
}
