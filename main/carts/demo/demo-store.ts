import type { CartLine, CartOrder } from "../cart-order.js";
import type { CartConnector, ConnectionReport, OrderPage, OrderQuery } from "../connector.js";
import { DEMO_CUSTOMERS, DEMO_PRESENTMENT, DEMO_PRODUCTS } from "./demo-catalog.js";

export const DEMO_TIME_ZONE = "Europe/Berlin";
export const DEMO_CURRENCY = "EUR";
const HISTORY_DAYS = 120;
const HISTORY_GAP_MS = 6 * 3_600_000;
const LIVE_GAP_MS = 90_000;
const TAX_RATE = 0.19;

/** Small, seeded generator: the same seed always gives the same store. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export type DemoStoreOptions = {
  /** When this demo store was first opened: history lies before it, live orders after. */
  openedAtMs: number;
  now?: () => number;
};

function arrivalTimes(openedAtMs: number, untilMs: number): number[] {
  const random = seeded(Math.floor(openedAtMs / 1000));
  const times: number[] = [];
  let at = openedAtMs - HISTORY_DAYS * 86_400_000;
  while (at < untilMs) {
    const gap = at < openedAtMs ? HISTORY_GAP_MS : LIVE_GAP_MS;
    const next = at + Math.round(gap * (0.3 + random() * 1.4));
    // Live arrivals begin when the store is opened, not one history gap later.
    at = at < openedAtMs && next > openedAtMs ? openedAtMs + Math.round(LIVE_GAP_MS * random()) : next;
    // Whole seconds, with an occasional pair of orders in the same second.
    at = Math.floor(at / 1000) * 1000;
    if (at < untilMs) times.push(at);
    if (random() < 0.03 && at < untilMs) times.push(at);
  }
  return times;
}

function buildOrder(index: number, createdAtMs: number, openedAtMs: number): CartOrder {
  const random = seeded(index * 7919 + 17);
  const customer = DEMO_CUSTOMERS[Math.floor(random() * DEMO_CUSTOMERS.length)]!;
  const lineCount = 1 + Math.floor(random() * 3);
  const lines: CartLine[] = Array.from({ length: lineCount }, (_, lineIndex) => {
    const product = DEMO_PRODUCTS[Math.floor(random() * DEMO_PRODUCTS.length)]!;
    const quantity = 1 + Math.floor(random() * 2);
    return {
      lineId: `${index + 1}-${lineIndex + 1}`,
      sku: product.sku,
      productId: product.sku ? `p-${product.sku}` : `p-gift-wrap`,
      title: product.title,
      variantTitle: product.variant,
      quantity,
      unitPriceMinor: product.priceMinor,
      taxMinor: Math.round(product.priceMinor * quantity * TAX_RATE),
      discountMinor: 0,
    };
  });
  const itemsMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const discountMinor = random() < 0.2 ? Math.round(itemsMinor * 0.1) : 0;
  const shippingMinor = itemsMinor > 6000 ? 0 : 495;
  const taxMinor = Math.round((itemsMinor - discountMinor) * TAX_RATE);
  lines.forEach((line) => (line.taxMinor = Math.round(((line.unitPriceMinor * line.quantity) / itemsMinor) * taxMinor)));
  lines[0]!.taxMinor += taxMinor - lines.reduce((sum, line) => sum + line.taxMinor, 0);
  const totalMinor = itemsMinor - discountMinor + shippingMinor + taxMinor;
  const presentment = DEMO_PRESENTMENT[Math.floor(random() * DEMO_PRESENTMENT.length)]!;
  const ageDays = (openedAtMs - createdAtMs) / 86_400_000;
  const fulfilled = ageDays > 10 ? random() < 0.85 : ageDays > 2 ? random() < 0.4 : false;
  const cancelled = random() < 0.04;
  const isTest = random() < 0.02;
  const createdAtUtc = new Date(createdAtMs).toISOString();
  const address = {
    name: `${customer.firstName} ${customer.lastName}`,
    company: null,
    lines: [customer.street],
    city: customer.city,
    region: null,
    postalCode: customer.postalCode,
    countryCode: customer.countryCode,
    phone: null,
  };
  const orderNumber = 1001 + index;

  return {
    platform: "demo",
    orderId: String(500_000 + index),
    orderNumber: `#${orderNumber}`,
    createdAtUtc,
    updatedAtUtc: createdAtUtc,
    cancelledAtUtc: cancelled ? new Date(createdAtMs + 3_600_000).toISOString() : null,
    financialStatus: cancelled ? "voided" : "paid",
    fulfillment: fulfilled && !cancelled ? "fulfilled" : "unfulfilled",
    isTest,
    isDraft: false,
    isArchived: fulfilled,
    currency: DEMO_CURRENCY,
    presentmentCurrency: presentment.currency,
    presentmentTotalMinor: Math.round(totalMinor * presentment.rate),
    taxesIncluded: false,
    customer: { cartCustomerId: customer.email ? `c-${customer.lastName.toLowerCase()}` : null, email: customer.email, firstName: customer.firstName, lastName: customer.lastName, isGuest: !customer.email },
    billingAddress: address,
    shippingAddress: address,
    lines,
    shipping: shippingMinor ? [{ title: "Standard parcel", amountMinor: shippingMinor, taxMinor: 0 }] : [],
    fees: [],
    discounts: discountMinor ? [{ code: "WELCOME10", amountMinor: discountMinor }] : [],
    refunds: [],
    totalTaxMinor: taxMinor,
    totalMinor,
  };
}

/**
 * The built-in demo store: about 480 orders over the last 120 days, and a
 * new order every minute and a half or so while the app runs, so a user can
 * rehearse the whole cut-over with no account. Orders are a pure function of
 * when the store was first opened, so every listing agrees with the last.
 */
export function createDemoConnector(options: DemoStoreOptions): CartConnector & { ordersUntil(untilMs: number): CartOrder[] } {
  const now = options.now ?? Date.now;
  const ordersUntil = (untilMs: number) =>
    arrivalTimes(options.openedAtMs, untilMs).map((at, index) => buildOrder(index, at, options.openedAtMs));

  return {
    platform: "demo",
    ordersUntil,
    async testConnection(): Promise<ConnectionReport> {
      return {
        platform: "demo",
        storeName: "Demo store (Lindenhof Goods)",
        timeZone: DEMO_TIME_ZONE,
        currency: DEMO_CURRENCY,
        grantedScopes: ["read_orders", "read_all_orders"],
        warnings: [],
        orderCount: ordersUntil(now()).length,
        visibleSinceUtc: null,
      };
    },
    async *listOrders(query: OrderQuery): AsyncIterable<OrderPage> {
      const fromMs = Date.parse(query.createdFromUtc);
      const toMs = Math.min(Date.parse(query.createdToUtc), now() + 1);
      const matching = ordersUntil(toMs).filter((order) => Date.parse(order.createdAtUtc) >= fromMs);
      const pageSize = Math.min(query.pageSize ?? 100, 250);
      let offset = query.resumeCursor ? Number(query.resumeCursor) : 0;
      do {
        const orders = matching.slice(offset, offset + pageSize);
        offset += orders.length;
        yield { orders, nextCursor: offset < matching.length ? String(offset) : null, attempts: 1 };
      } while (offset < matching.length);
    },
  };
}
