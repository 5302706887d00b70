import { toMinor } from "../../../main/money/money.js";
import { toWallClock } from "../../../main/time/zoned-time.js";
import type { SeedAddress, SeedOrder } from "../common/seed-order.js";

/**
 * Renders seed orders as PrestaShop webservice records: shop-local dates
 * without offset, amounts as 6-decimal strings in the order's currency,
 * references by id to customers, addresses, currencies, carriers and order
 * states, and the line taxes in order_details.
 */

type Row = Record<string, unknown>;

/** The order states of a fresh PrestaShop install, before any offset is applied. */
const BASE_STATES = [
  { id: 1, name: "Awaiting check payment", template: "cheque", paid: 0, shipped: 0 },
  { id: 2, name: "Payment accepted", template: "payment", paid: 1, shipped: 0 },
  { id: 3, name: "Processing in progress", template: "preparation", paid: 1, shipped: 0 },
  { id: 4, name: "Shipped", template: "shipped", paid: 1, shipped: 1 },
  { id: 5, name: "Delivered", template: "", paid: 1, shipped: 1 },
  { id: 6, name: "Canceled", template: "order_canceled", paid: 0, shipped: 0 },
  { id: 7, name: "Refunded", template: "refund", paid: 1, shipped: 0 },
  { id: 8, name: "Payment error", template: "payment_error", paid: 0, shipped: 0 },
  { id: 10, name: "Awaiting bank wire payment", template: "bankwire", paid: 0, shipped: 0 },
];

export const COUNTRY_IDS: Record<string, number> = { DE: 1, AT: 2, CH: 19, ES: 6, FR: 8, GB: 17, NO: 23, PL: 14, SE: 18, US: 21 };

export type ShopTables = {
  timeZone: string;
  /** Added to every order state id, to prove the connector reads ids instead of assuming them. */
  stateIdOffset: number;
  currencies: string[];
  carriers: Map<string, number>;
};

export function decimal(value: number): string {
  return (Math.round(value * 1_000_000) / 1_000_000).toFixed(6);
}

export function localDate(instantUtc: string, timeZone: string): string {
  return toWallClock(Date.parse(instantUtc), timeZone).replace("T", " ");
}

export function orderStates(tables: ShopTables): Row[] {
  return BASE_STATES.map((state) => ({
    id: String(state.id + tables.stateIdOffset),
    name: [{ id: "1", value: state.name }],
    template: [{ id: "1", value: state.template }],
    paid: String(state.paid),
    shipped: String(state.shipped),
    invoice: String(state.paid),
    logable: String(state.paid),
    delivery: String(state.shipped),
  }));
}

export function stateId(name: string, tables: ShopTables): string {
  const state = BASE_STATES.find((candidate) => candidate.name === name)!;
  return String(state.id + tables.stateIdOffset);
}

function stateOf(seed: SeedOrder, tables: ShopTables): string {
  if (seed.status === "cancelled") return stateId("Canceled", tables);
  if (seed.financialStatus === "refunded") return stateId("Refunded", tables);
  if (seed.fulfillment === "fulfilled") return stateId("Shipped", tables);
  if (seed.status === "draft" || seed.financialStatus === "pending") return stateId("Awaiting bank wire payment", tables);
  if (seed.financialStatus === "authorized") return stateId("Awaiting check payment", tables);
  if (seed.fulfillment === "partial") return stateId("Processing in progress", tables);
  return stateId("Payment accepted", tables);
}

export function currencyId(code: string, tables: ShopTables): string {
  if (!tables.currencies.includes(code)) tables.currencies.push(code);
  return String(tables.currencies.indexOf(code) + 1);
}

export function carrierId(name: string, tables: ShopTables): string {
  if (!tables.carriers.has(name)) tables.carriers.set(name, 7 + tables.carriers.size);
  return String(tables.carriers.get(name));
}

export function guestCustomerId(seed: SeedOrder): number {
  return 90_000 + Number(seed.id);
}

/** Order currency per unit of shop currency; 1 for an order in the shop currency. */
function rateOf(seed: SeedOrder): number {
  if (seed.presentmentCurrency === seed.currency || toMinor(seed.total, seed.currency) === 0) return 1;
  return Number(seed.presentmentTotal) / Number(seed.total);
}

/** Renders the order record with its order_rows and the matching order_details. */
export function renderOrder(seed: SeedOrder, tables: ShopTables): { order: Row; details: Row[] } {
  const id = Number(seed.id);
  const rate = rateOf(seed);
  const rows = seed.lines.map((line, index) => {
    const gross = Number(line.unitPrice) * line.quantity;
    const tax = Number(line.tax);
    const excl = seed.taxesIncluded ? gross - tax : gross;
    return { line, index, excl, incl: excl + tax };
  });
  const productsExcl = rows.reduce((sum, row) => sum + row.excl, 0);
  const productsIncl = rows.reduce((sum, row) => sum + row.incl, 0);
  const shippingIncl = seed.taxesIncluded ? Number(seed.shippingPrice) : Number(seed.shippingPrice) + Number(seed.shippingTax);
  const shippingExcl = shippingIncl - Number(seed.shippingTax);
  const total = Number(seed.total);
  const money = (value: number) => decimal(value * rate);

  const order: Row = {
    id,
    reference: seed.number,
    id_shop: "1",
    id_lang: "1",
    id_customer: String(seed.customerId ?? guestCustomerId(seed)),
    id_address_delivery: seed.shipping ? String(id * 10 + 2) : "0",
    id_address_invoice: seed.billing ? String(id * 10 + 1) : "0",
    id_currency: currencyId(seed.presentmentCurrency, tables),
    id_carrier: carrierId(seed.shippingTitle, tables),
    current_state: stateOf(seed, tables),
    module: "ps_wirepayment",
    payment: "Bank transfer",
    valid: seed.status === "cancelled" || seed.financialStatus === "pending" ? "0" : "1",
    date_add: localDate(seed.createdAtUtc, tables.timeZone),
    date_upd: localDate(seed.cancelledAtUtc ?? seed.updatedAtUtc, tables.timeZone),
    conversion_rate: decimal(rate),
    total_discounts: money(Number(seed.discountAmount)),
    total_discounts_tax_incl: money(Number(seed.discountAmount)),
    total_discounts_tax_excl: money(Number(seed.discountAmount)),
    total_paid: money(total),
    total_paid_tax_incl: money(total),
    total_paid_tax_excl: money(total - Number(seed.totalTax)),
    total_paid_real: money(total),
    total_products: money(productsExcl),
    total_products_wt: money(productsIncl),
    total_shipping: money(shippingIncl),
    total_shipping_tax_incl: money(shippingIncl),
    total_shipping_tax_excl: money(shippingExcl),
    total_wrapping_tax_incl: "0.000000",
    total_wrapping_tax_excl: "0.000000",
    associations: {
      order_rows: rows.map(({ line, index, excl, incl }) => ({
        id: String(id * 100 + index),
        product_id: line.productId ?? "0",
        product_attribute_id: line.variantTitle ? String(300 + index) : "0",
        product_quantity: String(line.quantity),
        product_name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
        product_reference: line.sku ?? "",
        product_price: money(excl / line.quantity),
        unit_price_tax_incl: money(incl / line.quantity),
        unit_price_tax_excl: money(excl / line.quantity),
      })),
    },
  };
  const details = rows.map(({ line, index, excl, incl }) => ({
    id: String(id * 100 + index),
    id_order: String(id),
    product_id: line.productId ?? "0",
    product_quantity: String(line.quantity),
    product_reference: line.sku ?? "",
    total_price_tax_incl: money(incl),
    total_price_tax_excl: money(excl),
    unit_price_tax_incl: money(incl / line.quantity),
    unit_price_tax_excl: money(excl / line.quantity),
  }));
  return { order, details };
}

export function renderAddress(id: number, address: SeedAddress): Row {
  return {
    id: String(id),
    id_customer: "0",
    id_country: String(COUNTRY_IDS[address.countryCode] ?? 99),
    id_state: "0",
    alias: "Home",
    company: address.company ?? "",
    lastname: address.lastName,
    firstname: address.firstName,
    address1: address.lines[0] ?? "",
    address2: address.lines[1] ?? "",
    postcode: address.postalCode,
    city: address.city,
    phone: address.phone ?? "",
    phone_mobile: "",
  };
}

export function renderCustomer(seed: SeedOrder): Row {
  const isGuest = seed.customerId === null;
  return {
    id: String(seed.customerId ?? guestCustomerId(seed)),
    email: seed.email ?? "",
    firstname: seed.firstName,
    lastname: seed.lastName,
    is_guest: isGuest ? "1" : "0",
  };
}

/** Renders credit slips, order history and cart rules of a seed order. */
export function renderOrderExtras(seed: SeedOrder, tables: ShopTables): { slips: Row[]; histories: Row[]; cartRules: Row[] } {
  const id = Number(seed.id);
  const rate = rateOf(seed);
  const slips = seed.refunds.map((refund, index) => ({
    id: String(id * 10 + index),
    id_order: String(id),
    date_add: localDate(refund.createdAtUtc, tables.timeZone),
    conversion_rate: decimal(rate),
    total_products_tax_incl: decimal(Number(refund.amount) * rate),
    total_shipping_tax_incl: "0.000000",
    amount: decimal(Number(refund.amount) * rate),
  }));
  const histories = [{ id: String(id * 10), id_order: String(id), id_order_state: stateId("Payment accepted", tables), date_add: localDate(seed.createdAtUtc, tables.timeZone) }];
  if (seed.status === "cancelled" && seed.cancelledAtUtc) {
    histories.push({ id: String(id * 10 + 1), id_order: String(id), id_order_state: stateId("Canceled", tables), date_add: localDate(seed.cancelledAtUtc, tables.timeZone) });
  }
  const cartRules = seed.discountCode
    ? [{ id: String(id), id_order: String(id), id_cart_rule: "3", name: seed.discountCode, value: decimal(Number(seed.discountAmount) * rate), value_tax_excl: decimal(Number(seed.discountAmount) * rate), free_shipping: "0" }]
    : [];
  return { slips, histories, cartRules };
}
