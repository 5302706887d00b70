import type { PlatformId, PostalAddress } from "../carts/cart-order.js";

export const DOCUMENT_KINDS = ["sales-order", "cash-sale", "sales-invoice"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  "sales-order": "Sales Order",
  "cash-sale": "Cash Sale",
  "sales-invoice": "Sales Invoice",
};

export type DocumentLineKind = "item" | "shipping" | "fee" | "discount" | "tax" | "rounding";

export type DocumentLine = {
  kind: DocumentLineKind;
  sku: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  /** quantity × unit price, before tax; negative for discounts. */
  amountMinor: number;
  /** Tax that the cart charged on this line, shown for reference. */
  taxMinor: number;
};

export type DocumentCustomer = {
  /** Matching key in the order system: the lowercased e-mail, or the guest placeholder key. */
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
  /** What the customer paid, in the currency they saw; never mixed with shop money. */
  presentment: { currency: string; totalMinor: number };
  refundedMinor: number;
};

/** Builds the de-duplication key of a cart order in one store. */
export function sourceKeyOf(platform: PlatformId, storeId: string, cartOrderId: string): string {
  return `${platform}:${storeId}:${cartOrderId}`;
}
