import type { CartLine, CartOrder } from "../carts/cart-order.js";
import type { Finding } from "./findings.js";
import type { DocumentLine, ItemMatch } from "./sales-document.js";

/**
 * Item code given to a cart line without a SKU, such as a custom "Gift wrap"
 * line, unless the mapping options name another one. The order system needs
 * an item code on every item line, so the line keeps its description and
 * amounts and takes this code.
 */
export const DEFAULT_PLACEHOLDER_SKU = "CART-NO-SKU";

export type ItemCheckOptions = {
  /** SKUs that exist as items in the order system, or null to skip the check. */
  knownSkus: ReadonlySet<string> | null;
  placeholderSku: string;
};

export type BuiltLines = {
  lines: DocumentLine[];
  findings: Finding[];
  /**
   * Tax left over after splitting included tax into whole minor units per
   * unit. The document total misses the cart total by exactly minus this.
   */
  taxSplitResidualMinor: number;
};

/** Rounds half away from zero, as prices are rounded. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function describeLine(line: CartLine, index: number): string {
  return `Line ${index + 1} "${line.title}"`;
}

/** Matches one cart line to an order system item, with the findings that the match raises. */
function checkItem(
  line: CartLine,
  index: number,
  options: ItemCheckOptions,
): { sku: string; itemMatch: ItemMatch; findings: Finding[] } {
  const sku = line.sku?.trim() || null;
  const name = describeLine(line, index);
  const field = `lines[${index}]`;

  if (!sku) {
    const finding: Finding = {
      code: "line-without-sku",
      severity: "warning",
      message: `${name} has no SKU, so it is imported against the placeholder item ${options.placeholderSku} with its own description and price.`,
      field: `${field}.sku`,
    };
    return { sku: options.placeholderSku, itemMatch: "placeholder", findings: [finding] };
  }

  const known = options.knownSkus;
  let itemMatch: ItemMatch = "unchecked";
  if (known !== null) itemMatch = known.has(sku) ? "existing-item" : "unknown-item";

  // A line that keeps its SKU but lost its product was sold from a product
  // that was deleted in the cart later.
  if (line.productId === null) {
    const isKnown = itemMatch === "existing-item";
    let outcome = `It is matched to the existing item ${sku} by its SKU.`;
    if (known === null) {
      outcome = `No list of the order system's items was given to check SKU ${sku} against, so the order is held back. Check the item, then run the dry run again with the item list.`;
    } else if (!isKnown) {
      outcome = `SKU ${sku} is not among the order system's items either, so the order is held back. Create the item or correct the line in the cart.`;
    }
    const finding: Finding = {
      code: "deleted-product",
      severity: isKnown ? "warning" : "error",
      message: `${name} refers to a product deleted from the cart. ${outcome}`,
      field,
    };
    return { sku, itemMatch, findings: [finding] };
  }

  if (itemMatch === "unknown-item") {
    const finding: Finding = {
      code: "unknown-sku",
      severity: "warning",
      message: `${name} has SKU ${sku}, which is not among the order system's items. Create the item before the import, or the order system cannot match the line.`,
      field: `${field}.sku`,
    };
    return { sku, itemMatch, findings: [finding] };
  }
  return { sku, itemMatch, findings: [] };
}

type TaxSplit = { unitShares: number[]; discountShares: number[]; residualMinor: number };

function noSplit(order: CartOrder): TaxSplit {
  return {
    unitShares: order.lines.map(() => 0),
    discountShares: order.discounts.map(() => 0),
    residualMinor: 0,
  };
}

/**
 * Splits the tax that an inclusive order's item prices and discounts contain
 * into a share per unit, in proportion to each unit's gross price. Shares are
 * whole minor units, so identical units get identical net prices however the
 * cart spread the tax over its lines. Returns the share per unit of each
 * line, the share of each discount (negative) and what rounding left over.
 */
function splitIncludedTax(order: CartOrder, itemTaxMinor: number): TaxSplit {
  const itemsGross = order.lines.reduce(
    (sum, line) => sum + line.unitPriceMinor * line.quantity,
    0,
  );
  const discountsGross = order.discounts.reduce((sum, discount) => sum + discount.amountMinor, 0);
  // NOTE: every discount is assumed to reduce item prices, so a discount on
  // shipping is split over the items too.
  const baseGross = itemsGross - discountsGross;
  // With nothing left to carry the tax, the lines keep their gross prices and
  // the total check reports the order.
  if (baseGross <= 0 || itemTaxMinor === 0) return noSplit(order);
  const shareOf = (grossMinor: number) => roundHalfAway((grossMinor * itemTaxMinor) / baseGross);
  const unitShares = order.lines.map((line) => shareOf(line.unitPriceMinor));
  const discountShares = order.discounts.map((discount) => shareOf(-discount.amountMinor));
  const allocated =
    order.lines.reduce((sum, line, index) => sum + unitShares[index]! * line.quantity, 0) +
    discountShares.reduce((sum, share) => sum + share, 0);
  return { unitShares, discountShares, residualMinor: itemTaxMinor - allocated };
}

function chargeLine(
  kind: "shipping" | "fee",
  charge: { title: string; amountMinor: number; taxMinor: number },
  taxesIncluded: boolean,
): DocumentLine {
  const netMinor = taxesIncluded ? charge.amountMinor - charge.taxMinor : charge.amountMinor;
  const label = kind === "shipping" ? "Shipping" : "Fee";
  return {
    kind,
    sku: null,
    description: `${label}: ${charge.title}`,
    quantity: 1,
    unitPriceMinor: netMinor,
    amountMinor: netMinor,
    taxMinor: charge.taxMinor,
  };
}

/**
 * Builds the document lines of an order: items, then shipping, fees and
 * discounts, then one tax line. Amounts are before tax, so the lines add up
 * to the cart total when the cart's own amounts do.
 */
export function buildDocumentLines(order: CartOrder, options: ItemCheckOptions): BuiltLines {
  const findings: Finding[] = [];
  const chargeTaxMinor = [...order.shipping, ...order.fees].reduce(
    (sum, charge) => sum + charge.taxMinor,
    0,
  );
  const lineTaxMinor = order.lines.reduce((sum, line) => sum + line.taxMinor, 0);
  const totalTaxMinor = order.totalTaxMinor || lineTaxMinor + chargeTaxMinor;
  const split = order.taxesIncluded
    ? splitIncludedTax(order, totalTaxMinor - chargeTaxMinor)
    : noSplit(order);

  const lines: DocumentLine[] = order.lines.map((line, index) => {
    const item = checkItem(line, index, options);
    findings.push(...item.findings);
    const unitShare = split.unitShares[index]!;
    const unitPriceMinor = line.unitPriceMinor - unitShare;
    return {
      kind: "item",
      sku: item.sku,
      description: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      quantity: line.quantity,
      unitPriceMinor,
      amountMinor: unitPriceMinor * line.quantity,
      taxMinor: order.taxesIncluded ? unitShare * line.quantity : line.taxMinor,
      itemMatch: item.itemMatch,
    };
  });

  for (const charge of order.shipping) {
    lines.push(chargeLine("shipping", charge, order.taxesIncluded));
  }
  for (const charge of order.fees) {
    lines.push(chargeLine("fee", charge, order.taxesIncluded));
  }
  order.discounts.forEach((discount, index) => {
    const netMinor = -discount.amountMinor - split.discountShares[index]!;
    lines.push({
      kind: "discount",
      sku: null,
      description: `Discount: ${discount.code}`,
      quantity: 1,
      unitPriceMinor: netMinor,
      amountMinor: netMinor,
      taxMinor: split.discountShares[index]!,
    });
  });
  if (totalTaxMinor !== 0) {
    lines.push({
      kind: "tax",
      sku: null,
      description: "Tax",
      quantity: 1,
      unitPriceMinor: totalTaxMinor,
      amountMinor: totalTaxMinor,
      taxMinor: 0,
    });
  }
  return { lines, findings, taxSplitResidualMinor: split.residualMinor };
}
