import type { CartCharge, CartCustomer, CartLine, CartOrder, PostalAddress } from "../cart-order.js";
import { toMinor } from "../../money/money.js";
import type { ResolvedWallClock } from "../../time/zoned-time.js";
import {
  flagOf,
  idOf,
  translatedText,
  type PrestaShopAddress,
  type PrestaShopCustomer,
  type PrestaShopOrder,
  type PrestaShopOrderCartRule,
  type PrestaShopOrderDetail,
  type PrestaShopOrderHistory,
  type PrestaShopOrderRow,
  type PrestaShopOrderSlip,
  type PrestaShopOrderState,
  type PrestaShopValue,
} from "./prestashop-api.js";
import { fromShopLocal } from "./prestashop-window.js";

/** Reference data of the run and per-order records of the page, keyed by id. */
export type OrderContext = {
  timeZone: string;
  shopCurrency: string;
  currencies: Map<string, string>;
  states: Map<string, PrestaShopOrderState>;
  cancelledStateId: string | null;
  refundedStateId: string | null;
  customers: Map<string, PrestaShopCustomer | null>;
  addresses: Map<string, PrestaShopAddress | null>;
  countries: Map<string, { id: PrestaShopValue; iso_code?: string } | null>;
  regions: Map<string, { id: PrestaShopValue; name?: string } | null>;
  carriers: Map<string, { id: PrestaShopValue; name?: string } | null>;
  details: Map<string, PrestaShopOrderDetail[]>;
  slips: Map<string, PrestaShopOrderSlip[]>;
  cartRules: Map<string, PrestaShopOrderCartRule[]>;
  histories: Map<string, PrestaShopOrderHistory[]>;
};

export type NormalizedOrder = { order: CartOrder; created: ResolvedWallClock };

function numberOf(value: PrestaShopValue, fallback = 0): number {
  const parsed = Number(value ?? fallback);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function addressOf(id: string | null, context: OrderContext): PostalAddress | null {
  const address = id ? context.addresses.get(id) : null;
  if (!address) return null;
  const countryId = idOf(address.id_country);
  const regionId = idOf(address.id_state);
  return {
    name: `${address.firstname ?? ""} ${address.lastname ?? ""}`.trim(),
    company: address.company?.trim() || null,
    lines: [address.address1, address.address2].map((line) => line?.trim() ?? "").filter(Boolean),
    city: address.city ?? "",
    region: (regionId && context.regions.get(regionId)?.name) || null,
    postalCode: address.postcode ?? "",
    countryCode: ((countryId && context.countries.get(countryId)?.iso_code) || "").toUpperCase(),
    phone: address.phone?.trim() || address.phone_mobile?.trim() || null,
  };
}

/** Builds the customer; PrestaShop writes a deleted customer as id 0 and marks guest checkouts is_guest. */
function customerOf(
  order: PrestaShopOrder,
  billing: PostalAddress | null,
  context: OrderContext,
): CartCustomer {
  const id = idOf(order.id_customer);
  const customer = id ? context.customers.get(id) : null;
  const [billingFirst = "", ...billingRest] = (billing?.name ?? "").split(" ");
  const isGuest = !customer || flagOf(customer.is_guest);
  return {
    cartCustomerId: isGuest ? null : id,
    email: customer?.email?.trim() || null,
    firstName: customer?.firstname?.trim() || billingFirst,
    lastName: customer?.lastname?.trim() || billingRest.join(" "),
    isGuest,
  };
}

/** Splits "Enamel mug - Color : Blue" into the product and its combination. */
function titlesOf(row: PrestaShopOrderRow): { title: string; variantTitle: string | null } {
  const name = row.product_name?.trim() ?? "";
  const separator = name.lastIndexOf(" - ");
  if (!idOf(row.product_attribute_id) || separator < 0) return { title: name, variantTitle: null };
  return { title: name.slice(0, separator), variantTitle: name.slice(separator + 3) };
}

function isState(
  stateId: string | null,
  configuredId: string | null,
  template: string,
  context: OrderContext,
): boolean {
  if (!stateId) return false;
  if (configuredId) return stateId === configuredId;
  return translatedText(context.states.get(stateId)?.template) === template;
}

/**
 * Maps one PrestaShop order to a CartOrder. Amounts on the order are in the
 * order's currency, so each is divided by its conversion_rate into the shop
 * currency. Prices are read without tax, and a line's tax is the difference
 * of its totals in order_details.
 */
export function normalizePrestaShopOrder(order: PrestaShopOrder, context: OrderContext): NormalizedOrder {
  const orderId = String(order.id);
  const orderCurrency = context.currencies.get(idOf(order.id_currency) ?? "") || context.shopCurrency;
  const rate = orderCurrency === context.shopCurrency ? 1 : numberOf(order.conversion_rate, 1) || 1;
  const shop = (value: PrestaShopValue) => toMinor(numberOf(value) / rate, context.shopCurrency);

  const created = fromShopLocal(order.date_add, context.timeZone);
  const updatedAtUtc = order.date_upd ? fromShopLocal(order.date_upd, context.timeZone).utc : created.utc;
  const stateId = idOf(order.current_state);
  const state = stateId ? context.states.get(stateId) : undefined;
  const isCancelled = isState(stateId, context.cancelledStateId, "order_canceled", context);
  const cancelledAt = (context.histories.get(orderId) ?? [])
    .filter((entry) => String(entry.id_order_state) === stateId)
    .map((entry) => fromShopLocal(entry.date_add, context.timeZone).utc)
    .sort()
    .at(-1);

  const details = new Map((context.details.get(orderId) ?? []).map((detail) => [String(detail.id), detail]));
  const lines: CartLine[] = (order.associations?.order_rows ?? []).map((row) => {
    const quantity = numberOf(row.product_quantity);
    const detail = details.get(String(row.id));
    const taxMinor = detail
      ? shop(numberOf(detail.total_price_tax_incl) - numberOf(detail.total_price_tax_excl))
      : shop((numberOf(row.unit_price_tax_incl) - numberOf(row.unit_price_tax_excl)) * quantity);
    return {
      lineId: String(row.id),
      sku: row.product_reference?.trim() || null,
      productId: idOf(row.product_id),
      ...titlesOf(row),
      quantity,
      unitPriceMinor: shop(row.unit_price_tax_excl),
      taxMinor,
      discountMinor: 0,
    };
  });

  const charge = (title: string, incl: PrestaShopValue, excl: PrestaShopValue): CartCharge => ({
    title,
    amountMinor: shop(excl),
    taxMinor: shop(numberOf(incl) - numberOf(excl)),
  });
  const carrierName = context.carriers.get(idOf(order.id_carrier) ?? "")?.name?.trim();
  const shippingCharge = charge(
    carrierName || "Shipping",
    order.total_shipping_tax_incl,
    order.total_shipping_tax_excl,
  );
  const wrapping = charge("Gift wrapping", order.total_wrapping_tax_incl, order.total_wrapping_tax_excl);
  const discountMinor = shop(order.total_discounts_tax_excl);
  const ruleNames = (context.cartRules.get(orderId) ?? []).map((rule) => rule.name?.trim()).filter(Boolean);

  const refunds = (context.slips.get(orderId) ?? []).map((slip) => ({
    createdAtUtc: fromShopLocal(slip.date_add, context.timeZone).utc,
    amountMinor: toMinor(
      (numberOf(slip.total_products_tax_incl) + numberOf(slip.total_shipping_tax_incl)) /
        (orderCurrency === context.shopCurrency ? 1 : numberOf(slip.conversion_rate, rate) || rate),
      context.shopCurrency,
    ),
  }));
  const totalMinor = shop(order.total_paid_tax_incl);
  const refundedMinor = refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
  const isRefundedState = isState(stateId, context.refundedStateId, "refund", context);
  const financialStatus = isRefundedState || (refundedMinor > 0 && refundedMinor >= totalMinor)
    ? "refunded"
    : refundedMinor > 0
      ? "partially_refunded"
      : flagOf(state?.paid) ? "paid" : "pending";

  const billingAddress = addressOf(idOf(order.id_address_invoice), context);
  return {
    created,
    order: {
      platform: "prestashop",
      orderId,
      orderNumber: order.reference?.trim() || orderId,
      createdAtUtc: created.utc,
      updatedAtUtc,
      // NOTE: without order_histories access the last change is used as the cancellation time.
      cancelledAtUtc: isCancelled ? (cancelledAt ?? updatedAtUtc) : null,
      financialStatus,
      fulfillment: flagOf(state?.shipped) ? "fulfilled" : "unfulfilled",
      // PrestaShop has no test orders, and a cart only becomes an order when it is placed.
      isTest: false,
      isDraft: false,
      isArchived: false,
      currency: context.shopCurrency,
      presentmentCurrency: orderCurrency,
      presentmentTotalMinor: toMinor(order.total_paid_tax_incl ?? null, orderCurrency),
      taxesIncluded: false,
      customer: customerOf(order, billingAddress, context),
      billingAddress,
      shippingAddress: addressOf(idOf(order.id_address_delivery), context),
      lines,
      shipping: carrierName || shippingCharge.amountMinor !== 0 ? [shippingCharge] : [],
      fees: wrapping.amountMinor !== 0 ? [wrapping] : [],
      discounts:
        discountMinor !== 0
          ? [{ code: ruleNames.join(", ") || "Discount", amountMinor: discountMinor }]
          : [],
      refunds,
      totalTaxMinor: totalMinor - shop(order.total_paid_tax_excl),
      totalMinor,
    },
  };
}
