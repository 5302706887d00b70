import { formatMinor, toMinor } from "../../main/money/money.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedLine, SeedOrder } from "../simulators/common/seed-order.js";

/** The window every seed order of these tests falls in. */
export const WINDOW = { fromUtc: "2026-03-01T00:00:00.000Z", toUtc: "2026-04-01T00:00:00.000Z" };

/** Builds a tax-exclusive seed order with the given lines and totals that add up. */
export function seedWithLines(id: number, lines: SeedLine[], patch: Partial<SeedOrder> = {}): SeedOrder {
  const [base] = generateSeedOrders({ count: 1, firstId: id, startUtc: "2026-03-10T12:00:00.000Z", stepMs: 1 });
  const currency = base!.currency;
  const itemsMinor = lines.reduce((sum, line) => sum + toMinor(line.unitPrice, currency) * line.quantity, 0);
  const taxMinor = lines.reduce((sum, line) => sum + toMinor(line.tax, currency), 0);
  const totalMinor = itemsMinor + taxMinor + toMinor(base!.shippingPrice, currency);
  return {
    ...base!,
    lines,
    totalTax: formatMinor(taxMinor, currency),
    total: formatMinor(totalMinor, currency),
    presentmentTotal: formatMinor(totalMinor, currency),
    ...patch,
  };
}

function seedLine(patch: Partial<SeedLine>): SeedLine {
  return {
    sku: "MUG-BLU-350",
    productId: "8000",
    title: "Enamel mug",
    variantTitle: null,
    quantity: 1,
    unitPrice: "24.95",
    tax: "4.74",
    discount: "0.00",
    ...patch,
  };
}

/**
 * Builds four orders of one window: A with SKU TEE-RED-M, B whose product
 * was deleted, C with a custom "Gift wrap" line without SKU, and D with SKU
 * 02-0036-10, which the order system has.
 */
export function deletedProductCase(): SeedOrder[] {
  return [
    seedWithLines(6001, [seedLine({ sku: "TEE-RED-M", productId: "8001", title: "Cotton tee", unitPrice: "19.00", tax: "3.61" })]),
    seedWithLines(6002, [seedLine({ sku: "MUG-OLD-300", productId: null, title: "Old mug" })]),
    seedWithLines(6003, [seedLine({ sku: null, productId: null, title: "Gift wrap", unitPrice: "3.00", tax: "0.57" })]),
    seedWithLines(6004, [seedLine({ sku: "02-0036-10", productId: "8003", title: "Beeswax candle", unitPrice: "8.40", tax: "1.60" })]),
  ];
}

export const KNOWN_SKUS = new Set(["02-0036-10", "MUG-BLU-350"]);
