/**
 * The words the wizard shows for the main process's codes. The records are
 * typed by the codes, so the type check fails when main adds a code that has
 * no label here.
 */
import type { PlatformId } from "../../main/carts/cart-order.js";
import type {
  FindingCode,
  FindingSeverity,
} from "../../main/mapping/findings.js";
import type { ExclusionReason } from "../../main/mapping/order-filter.js";
import type {
  DocumentAdjustment,
  DocumentKind,
  DocumentLineKind,
  ItemMatch,
} from "../../main/mapping/sales-document.js";

export const PLATFORM_LABELS: Record<PlatformId, string> = {
  demo: "Demo store",
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  bigcommerce: "BigCommerce",
  magento: "Magento 2",
  prestashop: "PrestaShop",
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  "sales-order": "Sales Order",
  "cash-sale": "Cash Sale",
  "sales-invoice": "Sales Invoice",
};

export const DOCUMENT_LINE_KIND_LABELS: Record<DocumentLineKind, string> = {
  item: "Item",
  shipping: "Shipping",
  fee: "Fee",
  discount: "Discount",
  tax: "Tax",
  rounding: "Rounding",
};

/** Relation of an item line's SKU to the order system's items. */
export const ITEM_MATCH_LABELS: Record<ItemMatch, string> = {
  "existing-item": "Existing item",
  "unknown-item": "Unknown item",
  unchecked: "Not checked",
  placeholder: "Placeholder item",
};

type AdjustmentKind = DocumentAdjustment["kind"];

export const ADJUSTMENT_KIND_LABELS: Record<AdjustmentKind, string> = {
  refund: "Refund",
};

export const FINDING_LABELS: Record<FindingCode, string> = {
  "line-without-sku": "Line without SKU",
  "deleted-product": "Deleted product",
  "unknown-sku": "Unknown SKU",
  "guest-without-email": "Guest without e-mail",
  "totals-mismatch": "Totals do not add up",
  "rounding-line": "Rounding line added",
  "foreign-currency": "Foreign currency",
  "test-order": "Test order",
  "draft-order": "Draft order",
  "cancelled-order": "Cancelled order",
  "fulfilled-order": "Already fulfilled",
  refunded: "Refunded",
  "address-cut": "Address cut",
};

/** A noun to count things by, such as "line" and "lines". */
export type CountUnit = { singular: string; plural: string };

const LINES: CountUnit = { singular: "line", plural: "lines" };
const ADDRESS_FIELDS: CountUnit = {
  singular: "address field",
  plural: "address fields",
};
const FINDINGS: CountUnit = { singular: "finding", plural: "findings" };

/**
 * The unit of a dry run's finding count, per finding kind. A line finding is
 * raised once per order line and an address finding once per cut field, so
 * one order can carry several. The other kinds are counted as findings,
 * because "foreign-currency" can also occur twice in one order.
 */
export const FINDING_UNITS: Record<FindingCode, CountUnit> = {
  "line-without-sku": LINES,
  "deleted-product": LINES,
  "unknown-sku": LINES,
  "address-cut": ADDRESS_FIELDS,
  "guest-without-email": FINDINGS,
  "totals-mismatch": FINDINGS,
  "rounding-line": FINDINGS,
  "foreign-currency": FINDINGS,
  "test-order": FINDINGS,
  "draft-order": FINDINGS,
  "cancelled-order": FINDINGS,
  "fulfilled-order": FINDINGS,
  refunded: FINDINGS,
};

/** Formats a count with its noun, such as "1 order" or "1,234 lines". */
export function countWithUnit(count: number, unit: CountUnit): string {
  const noun = count === 1 ? unit.singular : unit.plural;
  return `${count.toLocaleString("en-US")} ${noun}`;
}

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  error: "Error",
  warning: "Warning",
  info: "Info",
};

export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  cancelled: "Cancelled in the cart",
  test: "Test order",
  draft: "Draft, not yet an order",
  fulfilled: "Already fulfilled",
  "partially-fulfilled": "Partially fulfilled",
};

/** Returns the label of a code, or the code itself when no label exists. */
export function labelOf<Code extends string>(
  labels: Record<Code, string>,
  code: string,
): string {
  return (labels as Record<string, string>)[code] ?? code;
}
