import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { collectPages, startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";

let fixture: WooFixture | null = null;

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

const MAPPING: MappingOptions = {
  storeId: "woo-test",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

function seed(id: number, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [order] = generateSeedOrders({ count: 1, firstId: id, startUtc: "2024-05-10T12:00:00Z", stepMs: 1 });
  return { ...order!, ...patch };
}

async function listed(orders: SeedOrder[]): Promise<Map<string, CartOrder>> {
  fixture = await startWooFixture({ orders });
  const { orders: found } = await collectPages(fixture.connector.listOrders(WINDOW));
  return new Map(found.map((order) => [order.orderId, order]));
}

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

describe("WooCommerce order normalization", () => {
  it("reads ids, number, instants and money", async () => {
    const order = seed(4711);
    const cart = (await listed([order])).get("4711")!;
    expect(cart.platform).toBe("woocommerce");
    expect(cart.orderNumber).toBe("#4711");
    expect(cart.createdAtUtc).toBe("2024-05-10T12:00:00.000Z");
    expect(cart.totalMinor).toBe(Math.round(Number(order.total) * 100));
    expect(cart.totalTaxMinor).toBe(Math.round(Number(order.totalTax) * 100));
    expect(cart.currency).toBe("EUR");
    expect(cart.fulfillment).toBe("unfulfilled");
    expect(cart.financialStatus).toBe("paid");
    expect(cart.lines.map((line) => line.sku)).toEqual(order.lines.map((line) => line.sku));
  });

  it("reads a coupon and a later partial refund", async () => {
    // Order 2250: items of 120.00, coupon 10.00, total 110.00; 15.00 refunded two days later.
    const order = seed(2250, {
      firstName: "Emil",
      lastName: "Strand",
      lines: [{ sku: "TEE-RED-M", productId: "8001", title: "Cotton tee", variantTitle: null, quantity: 6, unitPrice: "20.00", tax: "0.00", discount: "10.00" }],
      shippingPrice: "0.00",
      discountCode: "SPRING10",
      discountAmount: "10.00",
      totalTax: "0.00",
      total: "110.00",
    });
    const before = (await listed([order])).get("2250")!;
    expect(before.discounts).toEqual([{ code: "SPRING10", amountMinor: 1000 }]);
    expect(before.totalMinor).toBe(11000);
    expect(before.lines[0]!.discountMinor).toBe(1000);

    fixture!.simulator.updateOrder("2250", {
      financialStatus: "partially_refunded",
      refunds: [{ createdAtUtc: "2024-05-12T12:00:00Z", amount: "15.00" }],
    });
    const { orders } = await collectPages(fixture!.connector.listOrders(WINDOW));
    const after = orders[0]!;
    expect(after.refunds).toEqual([{ createdAtUtc: "2024-05-12T12:00:00.000Z", amountMinor: 1500 }]);
    expect(after.financialStatus).toBe("partially_refunded");
    const mapped = mapOrder(after, MAPPING);
    expect(mapped.document.totalMinor).toBe(11000);
    expect(mapped.document.refundedMinor).toBe(1500);
    expect(mapped.findings.some((finding) => finding.code === "totals-mismatch")).toBe(false);
  });

  it("keeps guests who share an e-mail apart", async () => {
    const billing = { ...seed(1).billing!, firstName: "Lena", lastName: "Kovac" };
    const guest = { customerId: null, email: "lena.kovac@example.test", billing };
    const orders = await listed([seed(3301, guest), seed(3302, guest)]);
    const first = orders.get("3301")!;
    const second = orders.get("3302")!;
    for (const order of [first, second]) {
      expect(order.customer.isGuest).toBe(true);
      expect(order.customer.cartCustomerId).toBeNull();
      expect(order.customer.email).toBe("lena.kovac@example.test");
    }
    expect(mapOrder(first, MAPPING).document.customer.key).toBe(mapOrder(second, MAPPING).document.customer.key);
  });

  it("lists deleted products and custom lines", async () => {
    const line = { quantity: 1, unitPrice: "10.00", tax: "1.90", discount: "0.00", variantTitle: null };
    const orders = await listed([
      seed(5001, { lines: [{ ...line, sku: "TEE-RED-M", productId: "8001", title: "Cotton tee" }] }),
      seed(5002, { lines: [{ ...line, sku: "MUG-BLU-350", productId: null, title: "Enamel mug" }] }),
      seed(5003, { lines: [{ ...line, sku: null, productId: null, title: "Gift wrap" }] }),
      seed(5004, { lines: [{ ...line, sku: "02-0036-10", productId: "8003", title: "Beeswax candle" }] }),
    ]);
    expect([...orders.keys()]).toEqual(["5001", "5002", "5003", "5004"]);
    expect(orders.get("5001")!.lines[0]!.productId).toBe("8001");
    expect(orders.get("5002")!.lines[0]!.productId).toBeNull();
    expect(orders.get("5002")!.lines[0]!.sku).toBe("MUG-BLU-350");
    expect(orders.get("5003")!.lines[0]!.sku).toBeNull();
    expect(orders.get("5004")!.lines[0]!.sku).toBe("02-0036-10");
  });

  it("adds tax back for tax-inclusive prices", async () => {
    const order = seed(6001, {
      taxesIncluded: true,
      lines: [{ sku: "MUG-BLU-350", productId: "8000", title: "Enamel mug", variantTitle: "Blue / 350 ml", quantity: 2, unitPrice: "24.95", tax: "7.97", discount: "0.00" }],
      shippingPrice: "4.95",
      shippingTax: "0.79",
      totalTax: "8.76",
      total: "54.85",
    });
    const cart = (await listed([order])).get("6001")!;
    expect(cart.taxesIncluded).toBe(true);
    expect(cart.lines[0]!.unitPriceMinor).toBe(2495);
    expect(cart.lines[0]!.taxMinor).toBe(797);
    expect(cart.shipping).toEqual([{ title: "Standard", amountMinor: 495, taxMinor: 79 }]);
    const mapped = mapOrder(cart, MAPPING);
    expect(mapped.document.totalMinor).toBe(5485);
  });

  it("splits the variant from the line name", async () => {
    const order = seed(6002, {
      lines: [{ sku: "MUG-BLU-350", productId: "8000", title: "Enamel mug", variantTitle: "Blue / 350 ml", quantity: 1, unitPrice: "24.95", tax: "4.74", discount: "0.00" }],
    });
    const line = (await listed([order])).get("6002")!.lines[0]!;
    expect(line.title).toBe("Enamel mug");
    expect(line.variantTitle).toBe("Blue / 350 ml");
  });

  it.each([
    [{ status: "cancelled", cancelledAtUtc: "2024-05-11T09:00:00Z", updatedAtUtc: "2024-05-11T09:00:00Z" }, "cancelledAtUtc", "2024-05-11T09:00:00.000Z"],
    [{ fulfillment: "fulfilled" }, "fulfillment", "fulfilled"],
    [{ financialStatus: "pending" }, "financialStatus", "pending"],
    [{ financialStatus: "authorized" }, "financialStatus", "authorized"],
    [{ financialStatus: "refunded" }, "financialStatus", "refunded"],
  ] as const)("maps seed state %j", async (patch, field, expected) => {
    const cart = (await listed([seed(6100, patch as Partial<SeedOrder>)])).get("6100")!;
    expect(cart[field]).toBe(expected);
  });
});
