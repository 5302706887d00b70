import { formatMinor, toMinor } from "../../../main/money/money.js";
import type { SeedLine, SeedOrder } from "./seed-order.js";

/** Mulberry32: a small seeded generator, so that every run builds the same orders. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  { sku: "MUG-BLU-350", title: "Enamel mug", variant: "Blue / 350 ml", price: "24.95" },
  { sku: "TEE-RED-M", title: "Cotton tee", variant: "Red / M", price: "19.00" },
  { sku: "BAG-CAN-01", title: "Canvas tote", variant: null, price: "32.50" },
  { sku: "02-0036-10", title: "Beeswax candle", variant: "10 cm", price: "8.40" },
  { sku: "CAP-GRN-OS", title: "Wool cap", variant: "Green", price: "27.00" },
];

const PEOPLE = [
  ["Mara", "Lind", "Kassel", "DE"],
  ["Tomasz", "Wrona", "Warszawa", "PL"],
  ["Lucía", "Prieto", "Madrid", "ES"],
  ["Emil", "Strand", "Malmö", "SE"],
  ["Olga", "Berg", "Oslo", "NO"],
] as const;

export type GenerateOptions = {
  count: number;
  firstId?: number;
  /** Creation instants are spread evenly from this instant, stepMs apart. */
  startUtc: string;
  stepMs: number;
  currency?: string;
  seed?: number;
  taxRate?: number;
};

function buildLines(random: () => number, currency: string, taxRate: number): SeedLine[] {
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, (_, index) => {
    const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!;
    const quantity = 1 + Math.floor(random() * 3);
    const net = toMinor(product.price, currency) * quantity;
    return {
      sku: product.sku,
      productId: String(8000 + PRODUCTS.indexOf(product)),
      title: product.title,
      variantTitle: product.variant,
      quantity,
      unitPrice: product.price,
      tax: formatMinor(Math.round(net * taxRate), currency),
      discount: index === 0 ? "0.00" : "0.00",
    };
  });
}

/**
 * Builds unfulfilled, open, tax-exclusive orders whose totals add up, one
 * every stepMs. Tests change single orders afterwards for their cases.
 */
export function generateSeedOrders(options: GenerateOptions): SeedOrder[] {
  const currency = options.currency ?? "EUR";
  const random = seededRandom(options.seed ?? 7);
  const taxRate = options.taxRate ?? 0.19;
  const firstId = options.firstId ?? 1001;
  const startMs = Date.parse(options.startUtc);

  return Array.from({ length: options.count }, (_, index) => {
    const [firstName, lastName, city, countryCode] = PEOPLE[index % PEOPLE.length]!;
    const lines = buildLines(random, currency, taxRate);
    const itemsMinor = lines.reduce((sum, line) => sum + toMinor(line.unitPrice, currency) * line.quantity, 0);
    const taxMinor = lines.reduce((sum, line) => sum + toMinor(line.tax, currency), 0);
    const shippingMinor = 495;
    const totalMinor = itemsMinor + taxMinor + shippingMinor;
    const createdAtUtc = new Date(startMs + index * options.stepMs).toISOString();
    const address = {
      firstName,
      lastName,
      company: null,
      lines: [`Hauptstrasse ${index + 1}`],
      city,
      region: null,
      postalCode: String(10000 + index),
      countryCode,
      phone: null,
    };
    const id = String(firstId + index);
    return {
      id,
      number: `#${id}`,
      createdAtUtc,
      updatedAtUtc: createdAtUtc,
      cancelledAtUtc: null,
      status: "open",
      financialStatus: "paid",
      fulfillment: "unfulfilled",
      isTest: false,
      currency,
      presentmentCurrency: currency,
      presentmentTotal: formatMinor(totalMinor, currency),
      taxesIncluded: false,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}+${id}@example.test`,
      customerId: String(7000 + (index % PEOPLE.length)),
      firstName,
      lastName,
      billing: address,
      shipping: address,
      lines,
      shippingTitle: "Standard",
      shippingPrice: formatMinor(shippingMinor, currency),
      shippingTax: "0.00",
      discountCode: null,
      discountAmount: "0.00",
      totalTax: formatMinor(taxMinor, currency),
      total: formatMinor(totalMinor, currency),
      refunds: [],
    } satisfies SeedOrder;
  });
}
