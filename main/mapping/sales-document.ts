import type { PlatformId, PostalAddress } from "../carts/cart-order.js";

export const DOCUMENT_KINDS = ["sales-order", "cash-sale", "sales-invoice"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  "sales-order": "Sales Order",
  "cash-sale": "Cash Sale",
  "sales-invoice": "Sales Invoice",
};

export type DocumentLineKind = "item" | "shipping" | "fee" | "discount" | "tax" | "rounding";

/**
 * Relation of an item line's SKU to the order system's items.
 * - "existing-item": the SKU is in the list of known SKUs.
 * - "unknown-item": a list was given and the SKU is not in it.
 * - "unchecked": no list was given.
 * - "placeholder": the cart line had no SKU, so the placeholder SKU replaces it.
 */
export type ItemMatch =
  | "existing-item"
  | "unknown-item"
  | "unchecked"
  | "placeholder";

export type DocumentLine = {
  kind: DocumentLineKind;
  /** Item code in the order system, or the placeholder SKU for a cart line without one. */
  sku: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  /** quantity × unit price, before tax; negative for discounts. */
  amountMinor: number;
  /**
   * Tax on this line, for reference only, because the tax line carries the
   * tax that counts. On tax-inclusive orders it is the line's share of the
   * order's tax.
   */
  taxMinor: number;
  /** Set on item lines only. Absent in previews saved before SKUs were checked. */
  itemMatch?: ItemMatch;
};

/** A change after the sale that the document total does not include, such as a refund. */
export type DocumentAdjustment = {
  kind: "refund";
  createdAtUtc: string;
  /** Negative: the amount that goes back to the customer. */
  amountMinor: number;
};

export type DocumentCustomer = {
  /**
   * Matching key in the order system: "email:" and the lowercased address,
   * else "cart-customer:" and the cart's customer id, else a guest key that
   * the guest policy chooses.
   */
  key: string;
  name: string;
  email: string | null;
  isGuest: boolean;
};

/** The sales document a cart order becomes in the order system. Always PENDING. */
export type SalesDocument = {
  kind: DocumentKind;
  status: "PENDING";
  /** De-duplication key: platform, store and cart order id. */
  sourceKey: string;
  platform: PlatformId;
  cartOrderId: string;
  reference: string;
  orderDateUtc: string;
  customer: DocumentCustomer;
  billTo: PostalAddress | null;
  shipTo: PostalAddress | null;
  currency: string;
  lines: DocumentLine[];
  totalMinor: number;
  /** The amount the customer paid, in the currency they saw, kept apart from shop money. */
  presentment: { currency: string; totalMinor: number };
  /** Sum of the refunds as a positive amount, or 0 when nothing was refunded. */
  refundedMinor: number;
  /** Refunds, one adjustment each. Absent in previews saved before adjustments existed. */
  adjustments?: DocumentAdjustment[];
  /** totalMinor plus the adjustments, which is the order's worth after refunds. */
  netMinor?: number;
};

/** Builds the de-duplication key of a cart order in one store. */
export function sourceKeyOf(platform: PlatformId, storeId: string, cartOrderId: string): string {
  return `${platform}:${storeId}:${cartOrderId}`;
}
