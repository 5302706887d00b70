import type { CartLine, CartOrder, PostalAddress } from "../../main/carts/cart-order.js";
import type { MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";

export const MAPPING: MappingOptions = {
  storeId: "store-1",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

export function address(patch: Partial<PostalAddress> = {}): PostalAddress {
  return {
    name: "Mara Lind",
    company: null,
    lines: ["Hauptstrasse 1"],
    city: "Kassel",
    region: null,
    postalCode: "34117",
    countryCode: "DE",
    phone: null,
    ...patch,
  };
}

export function line(patch: Partial<CartLine> = {}): CartLine {
  return {
    lineId: "1",
    sku: "MUG-BLU-350",
    productId: "8000",
    title: "Enamel mug",
    variantTitle: null,
    quantity: 1,
    unitPriceMinor: 2495,
    taxMinor: 0,
    discountMinor: 0,
    ...patch,
  };
}

/**
 * Builds a registered customer's open, unfulfilled, tax-exclusive order in
 * EUR with one line of 24.95 and no tax. Tests change what their case needs.
 */
export function cartOrder(patch: Partial<CartOrder> = {}): CartOrder {
  return {
    platform: "shopify",
    orderId: "1001",
    orderNumber: "#1001",
    createdAtUtc: "2026-03-02T10:00:00.000Z",
    updatedAtUtc: "2026-03-02T10:00:00.000Z",
    cancelledAtUtc: null,
    financialStatus: "paid",
    fulfillment: "unfulfilled",
    isTest: false,
    isDraft: false,
    isArchived: false,
    currency: "EUR",
    presentmentCurrency: "EUR",
    presentmentTotalMinor: 2495,
    taxesIncluded: false,
    customer: {
      cartCustomerId: "7001",
      email: "mara.lind@example.test",
      firstName: "Mara",
      lastName: "Lind",
      isGuest: false,
    },
    billingAddress: address(),
    shippingAddress: address(),
    lines: [line()],
    shipping: [],
    fees: [],
    discounts: [],
    refunds: [],
    totalTaxMinor: 0,
    totalMinor: 2495,
    ...patch,
  };
}

/** Builds a guest order, which has no cart customer, with or without an e-mail address. */
export function guestOrder(orderId: string, email: string | null): CartOrder {
  return cartOrder({
    orderId,
    orderNumber: `#${orderId}`,
    customer: { cartCustomerId: null, email, firstName: "Lena", lastName: "Kovač", isGuest: true },
  });
}
