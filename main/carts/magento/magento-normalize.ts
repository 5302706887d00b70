import type {
  CartCustomer,
  CartLine,
  CartOrder,
  CartRefund,
  FulfillmentState,
  PostalAddress,
} from "../cart-order.js";
import { toMinor } from "../../money/money.js";
import {
  fromMagentoUtc,
  type MagentoAddress,
  type MagentoAmount,
  type MagentoCreditMemo,
  type MagentoItem,
  type MagentoOrder,
} from "./magento-api.js";

function idOf(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text && text !== "0" ? text : null;
}

function quantityOf(value: MagentoAmount): number {
  const quantity = Number(value ?? 0);
  return Number.isFinite(quantity) ? quantity : 0;
}

function minor(value: MagentoAmount, currency: string): number {
  return toMinor(value ?? null, currency);
}

function addressOf(address: MagentoAddress | null | undefined): PostalAddress | null {
  if (!address) return null;
  const street = address.street ?? [];
  const lines = (Array.isArray(street) ? street : street.split("\n"))
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    name: `${address.firstname ?? ""} ${address.lastname ?? ""}`.trim(),
    company: address.company || null,
    lines,
    city: address.city ?? "",
    region: address.region || null,
    postalCode: address.postcode ?? "",
    countryCode: address.country_id ?? "",
    phone: address.telephone || null,
  };
}

/** Takes the variant part of a child's name, "Enamel mug - Blue" under "Enamel mug". */
function variantTitleOf(parent: MagentoItem, child: MagentoItem | null): string | null {
  const childName = child?.name?.trim();
  const parentName = parent.name?.trim() ?? "";
  if (!childName || childName === parentName) return null;
  const prefix = `${parentName} - `;
  return childName.startsWith(prefix) ? childName.slice(prefix.length) : childName;
}

function lineOf(priced: MagentoItem, variant: MagentoItem | null, currency: string): CartLine {
  const identity = variant ?? priced;
  return {
    lineId: String(priced.item_id),
    sku: identity.sku?.trim() || priced.sku?.trim() || null,
    productId: idOf(identity.product_id),
    title: priced.name?.trim() || identity.name?.trim() || "",
    variantTitle: variantTitleOf(priced, variant),
    quantity: quantityOf(priced.qty_ordered),
    unitPriceMinor: minor(priced.base_price, currency),
    taxMinor: minor(priced.base_tax_amount, currency),
    discountMinor: Math.abs(minor(priced.base_discount_amount, currency)),
  };
}

type PricedLine = { line: CartLine; items: MagentoItem[] };

/**
 * Turns Magento's items into one line per product sold. A configurable
 * product appears as a priced parent and an unpriced child that carries the
 * variant's SKU, so both become one line. A bundle with dynamic price puts
 * the prices on its children, which then become the lines.
 */
function buildLines(order: MagentoOrder, currency: string): PricedLine[] {
  const items = order.items ?? [];
  const ids = new Set(items.map((item) => String(item.item_id)));
  const children = new Map<string, MagentoItem[]>();
  for (const item of items) {
    const parentId = idOf(item.parent_item_id);
    if (parentId && ids.has(parentId)) {
      children.set(parentId, [...(children.get(parentId) ?? []), item]);
    }
  }

  const lines: PricedLine[] = [];
  for (const item of items) {
    const parentId = idOf(item.parent_item_id);
    if (parentId && ids.has(parentId)) continue;
    const kids = children.get(String(item.item_id)) ?? [];
    const pricedChildren = kids.filter((kid) => minor(kid.base_row_total, currency) !== 0);
    if (item.product_type === "bundle" && pricedChildren.length > 0) {
      for (const kid of kids) lines.push({ line: lineOf(kid, null, currency), items: [kid] });
      continue;
    }
    const variant = kids.length === 1 ? kids[0]! : null;
    lines.push({ line: lineOf(item, variant, currency), items: [item, ...kids] });
  }
  return lines;
}

function fulfillmentOf(order: MagentoOrder, lines: PricedLine[]): FulfillmentState {
  if (order.state === "complete") return "fulfilled";
  let dueTotal = 0;
  let shippedTotal = 0;
  for (const { items } of lines) {
    const head = items[0]!;
    const due = quantityOf(head.qty_ordered) - quantityOf(head.qty_canceled);
    if (due <= 0) continue;
    // The shipped quantity of a configurable product can sit on its parent or
    // its child item, so the larger of the two counts.
    const shipped = Math.max(...items.map((item) => quantityOf(item.qty_shipped)));
    dueTotal += due;
    shippedTotal += Math.min(shipped, due);
  }
  if (shippedTotal === 0) return "unfulfilled";
  return shippedTotal >= dueTotal ? "fulfilled" : "partial";
}

function financialStatusOf(order: MagentoOrder, currency: string): string {
  const total = minor(order.base_grand_total, currency);
  const refunded = minor(order.base_total_refunded, currency);
  const paid = minor(order.base_total_paid, currency);
  if (refunded > 0) return refunded >= total ? "refunded" : "partially_refunded";
  if (paid > 0 && paid >= total) return "paid";
  if (minor(order.payment?.base_amount_authorized, currency) > 0) return "authorized";
  return "pending";
}

function customerOf(order: MagentoOrder, billing: PostalAddress | null): CartCustomer {
  const isGuest = Boolean(Number(order.customer_is_guest ?? 0)) || !idOf(order.customer_id);
  const [billingFirst = "", ...billingRest] = (billing?.name ?? "").split(" ");
  return {
    cartCustomerId: isGuest ? null : idOf(order.customer_id),
    email: order.customer_email?.trim() || null,
    firstName: order.customer_firstname?.trim() || billingFirst,
    lastName: order.customer_lastname?.trim() || billingRest.join(" "),
    isGuest,
  };
}

function refundsOf(order: MagentoOrder, memos: MagentoCreditMemo[], currency: string): CartRefund[] {
  if (memos.length > 0) {
    return memos.map((memo) => ({
      createdAtUtc: fromMagentoUtc(memo.created_at),
      amountMinor: minor(memo.base_grand_total, currency),
    }));
  }
  const refunded = minor(order.base_total_refunded, currency);
  if (refunded <= 0) return [];
  // NOTE: without access to credit memos the refund date is unknown, so the
  // order's last change is used instead.
  return [{ createdAtUtc: fromMagentoUtc(order.updated_at ?? order.created_at), amountMinor: refunded }];
}

/**
 * Maps one Magento order to a CartOrder. Amounts are the base_* values,
 * which are in the shop's base currency, while grand_total is in the
 * currency the customer paid in. Prices are read without tax, because
 * Magento's order does not say whether the catalog prices included it.
 */
export function normalizeMagentoOrder(order: MagentoOrder, memos: MagentoCreditMemo[]): CartOrder {
  const currency = (order.base_currency_code || order.order_currency_code || "").toUpperCase();
  const presentmentCurrency = (order.order_currency_code || currency).toUpperCase();
  const lines = buildLines(order, currency);
  const billingAddress = addressOf(order.billing_address);
  const shippingAddress = addressOf(
    order.extension_attributes?.shipping_assignments?.[0]?.shipping?.address,
  );
  const createdAtUtc = fromMagentoUtc(order.created_at);
  const updatedAtUtc = order.updated_at ? fromMagentoUtc(order.updated_at) : createdAtUtc;

  const shippingMinor = minor(order.base_shipping_amount, currency);
  const shipping =
    order.shipping_description || shippingMinor !== 0
      ? [
          {
            title: order.shipping_description?.trim() || "Shipping",
            amountMinor: shippingMinor,
            taxMinor: minor(order.base_shipping_tax_amount, currency),
          },
        ]
      : [];

  // Magento keeps a discount on tax-inclusive prices with its tax part, and
  // books that part separately as "discount tax compensation".
  const discountMinor =
    Math.abs(minor(order.base_discount_amount, currency)) -
    minor(order.base_discount_tax_compensation_amount, currency) -
    minor(order.base_shipping_discount_tax_compensation_amnt, currency);
  const discountCode = order.coupon_code?.trim() || order.discount_description?.trim() || "Discount";
  const discounts = discountMinor !== 0 ? [{ code: discountCode, amountMinor: discountMinor }] : [];

  return {
    platform: "magento",
    orderId: String(order.entity_id),
    orderNumber: order.increment_id?.trim() || String(order.entity_id),
    createdAtUtc,
    updatedAtUtc,
    // NOTE: Magento records no cancellation time on the order itself (only in
    // its status history), so the last change is used instead.
    cancelledAtUtc: order.state === "canceled" ? updatedAtUtc : null,
    financialStatus: financialStatusOf(order, currency),
    fulfillment: fulfillmentOf(order, lines),
    // Magento has no test orders, no draft orders among its orders and no
    // order archive in the open-source edition.
    isTest: false,
    isDraft: false,
    isArchived: false,
    currency,
    presentmentCurrency,
    presentmentTotalMinor: toMinor(order.grand_total ?? order.base_grand_total ?? null, presentmentCurrency),
    taxesIncluded: false,
    customer: customerOf(order, billingAddress),
    billingAddress,
    shippingAddress,
    lines: lines.map(({ line }) => line),
    shipping,
    fees: [],
    discounts,
    refunds: refundsOf(order, memos, currency),
    totalTaxMinor: minor(order.base_tax_amount, currency),
    totalMinor: minor(order.base_grand_total, currency),
  };
}
