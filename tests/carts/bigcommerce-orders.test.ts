import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartOrder } from "../../main/carts/cart-order.js";
import { mapOrder, type MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { collectPages, startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import type { BigCommerceSimulatorOptions } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedLine, SeedOrder } from "../simulators/common/seed-order.js";

let fixture: BcFixture | null = null;

const WINDOW = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

const MAPPING: MappingOptions = {
  storeId: "bc-test",
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "USD",
};

function seed(id: number, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [order] = generateSeedOrders({ count: 1, firstId: id, startUtc: "2024-05-10T12:00:00Z", stepMs: 1, currency: "USD" });
  return { ...order!, ...patch };
}

async function listed(orders: SeedOrder[], options: BigCommerceSimulatorOptions = {}): Promise<Map<string, CartOrder>> {
  fixture = await startBcFixture({ orders, ...options });
  const { orders: found } = await collectPages(fixture.connector.listOrders(WINDOW));
  return new Map(found.map((order) => [order.orderId, order]));
}

function requestsTo(pattern: RegExp) {
  return fixture!.simulator.requestLog().filter((entry) => pattern.test(entry.path));
}

/** Builds order 1310 with 57 lines of one unit each, 2.00 apiece, without tax or shipping. */
function longOrder(): SeedOrder {
  const lines: SeedLine[] = Array.from({ length: 57 }, (_, index) => ({
    sku: `PART-${String(index + 1).padStart(2, "0")}`,
    productId: String(9000 + index),
    title: `Part ${index + 1}`,
    variantTitle: null,
    quantity: 1,
    unitPrice: "2.00",
    tax: "0.00",
    discount: "0.00",
  }));
  const billing = { ...seed(1).billing!, firstName: "Olga", lastName: "Berg" };
  return seed(1310, { lines, billing, firstName: "Olga", lastName: "Berg", shippingPrice: "0.00", totalTax: "0.00", total: "114.00" });
}

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

describe("BigCommerce order normalization", () => {
  it("reads ids, instants, money and lines", async () => {
    const order = seed(1207);
    const cart = (await listed([order])).get("1207")!;
    expect(cart.platform).toBe("bigcommerce");
    expect(cart.orderNumber).toBe("#1207");
    expect(cart.createdAtUtc).toBe("2024-05-10T12:00:00.000Z");
    expect(cart.currency).toBe("USD");
    expect(cart.taxesIncluded).toBe(false);
    expect(cart.totalMinor).toBe(Math.round(Number(order.total) * 100));
    expect(cart.lines.map((line) => line.unitPriceMinor)).toEqual(order.lines.map((line) => Math.round(Number(line.unitPrice) * 100)));
    expect(cart.shipping).toEqual([{ title: "Standard", amountMinor: 495, taxMinor: 0 }]);
    expect(cart.shippingAddress?.city).toBe(order.shipping!.city);
    expect(mapOrder(cart, MAPPING).findings.map((finding) => finding.code)).toEqual([]);
  });

  it("reads all 57 lines of a long order", async () => {
    const cart = (await listed([longOrder()])).get("1310")!;
    expect(cart.lines).toHaveLength(57);
    expect(cart.lines.at(-1)!.sku).toBe("PART-57");
    expect(cart.customer.lastName).toBe("Berg");
  });

  it("pages lines past a silent 50-row cap", async () => {
    const cart = (await listed([longOrder()], { subResourceLimitCap: 50 })).get("1310")!;
    expect(cart.lines).toHaveLength(57);
    expect(requestsTo(/\/orders\/1310\/products$/).map((entry) => entry.query.page)).toEqual(["1", "2"]);
  });

  it("fails the page when lines cannot be read", async () => {
    fixture = await startBcFixture({ orders: [longOrder()], subResourceLimitCap: 50 });
    const started = fixture;
    started.simulator.onOrderListRequest(() => started.simulator.injectFault({ kind: "status", status: 500, times: 1_000 }, "any"));
    const error = await collectPages(started.connector.listOrders(WINDOW)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("server-error");
  });

  it("reads a coupon as a net discount", async () => {
    const order = seed(1401, {
      lines: [{ sku: "MUG-BLU-350", productId: "8000", title: "Enamel mug", variantTitle: "Blue / 350 ml", quantity: 2, unitPrice: "20.00", tax: "3.80", discount: "5.00" }],
      shippingPrice: "4.95",
      discountCode: "SPRING5",
      discountAmount: "5.00",
      totalTax: "3.80",
      total: "43.75",
    });
    const cart = (await listed([order])).get("1401")!;
    expect(cart.discounts).toEqual([{ code: "SPRING5", amountMinor: 500 }]);
    expect(cart.lines[0]!.discountMinor).toBe(500);
    expect(cart.lines[0]!.variantTitle).toBe("Blue / 350 ml");
    const mapped = mapOrder(cart, MAPPING);
    expect(mapped.document.totalMinor).toBe(4375);
    expect(mapped.findings.some((finding) => finding.code === "totals-mismatch")).toBe(false);
  });

  it("reconciles tax-inclusive prices", async () => {
    const order = seed(1402, {
      taxesIncluded: true,
      lines: [{ sku: "MUG-BLU-350", productId: "8000", title: "Enamel mug", variantTitle: null, quantity: 2, unitPrice: "24.95", tax: "7.97", discount: "0.00" }],
      shippingPrice: "4.95",
      shippingTax: "0.79",
      totalTax: "8.76",
      total: "54.85",
    });
    const cart = (await listed([order])).get("1402")!;
    expect(cart.lines[0]!.unitPriceMinor).toBe(2097);
    const mapped = mapOrder(cart, MAPPING);
    expect(mapped.document.totalMinor).toBe(5485);
    expect(mapped.findings.some((finding) => finding.code === "totals-mismatch")).toBe(false);
  });

  it("reads guests and deleted products", async () => {
    const line = { sku: "TEE-RED-M", productId: null, title: "Cotton tee", variantTitle: null, quantity: 1, unitPrice: "19.00", tax: "0.00", discount: "0.00" };
    const cart = (await listed([seed(1403, { customerId: null, lines: [line], totalTax: "0.00", total: "23.95" })])).get("1403")!;
    expect(cart.customer.isGuest).toBe(true);
    expect(cart.customer.cartCustomerId).toBeNull();
    expect(cart.customer.email).toContain("@example.test");
    expect(cart.lines[0]!.productId).toBeNull();
    expect(cart.lines[0]!.sku).toBe("TEE-RED-M");
  });

  it("converts a foreign-currency order to shop money", async () => {
    const order = seed(1404, { presentmentCurrency: "GBP" });
    order.presentmentTotal = (Number(order.total) * 0.8).toFixed(2);
    const cart = (await listed([order])).get("1404")!;
    expect(cart.currency).toBe("USD");
    expect(cart.presentmentCurrency).toBe("GBP");
    expect(cart.presentmentTotalMinor).toBe(Math.round(Number(order.presentmentTotal) * 100));
    expect(Math.abs(cart.totalMinor - Math.round(Number(order.total) * 100))).toBeLessThanOrEqual(1);
  });

  it("reads refunds of a page in one request", async () => {
    const refund = (day: number, amount: string) => ({ createdAtUtc: `2024-05-${day}T09:00:00Z`, amount });
    const orders = await listed([
      seed(1501, { financialStatus: "partially_refunded", refunds: [refund(12, "5.00")] }),
      seed(1502, { financialStatus: "partially_refunded", refunds: [refund(13, "2.50"), refund(14, "1.00")] }),
      seed(1503),
    ]);
    expect(orders.get("1501")!.refunds).toEqual([{ createdAtUtc: "2024-05-12T09:00:00.000Z", amountMinor: 500 }]);
    expect(orders.get("1502")!.refunds.map((entry) => entry.amountMinor)).toEqual([250, 100]);
    expect(orders.get("1503")!.refunds).toEqual([]);
    expect(orders.get("1501")!.financialStatus).toBe("partially_refunded");
    const refundReads = requestsTo(/\/v3\/orders\/payment_actions\/refunds$/);
    expect(refundReads).toHaveLength(1);
    expect(refundReads[0]!.query["order_id:in"]).toBe("1501,1502");
  });

  it.each([
    [{ status: "cancelled", cancelledAtUtc: "2024-05-11T09:00:00Z", updatedAtUtc: "2024-05-11T09:00:00Z" }, "cancelledAtUtc", "2024-05-11T09:00:00.000Z"],
    [{ fulfillment: "fulfilled" }, "fulfillment", "fulfilled"],
    [{ fulfillment: "partial" }, "fulfillment", "partial"],
    [{ financialStatus: "pending" }, "financialStatus", "pending"],
    [{ financialStatus: "authorized" }, "financialStatus", "authorized"],
    [{ financialStatus: "refunded" }, "financialStatus", "refunded"],
    [{}, "financialStatus", "paid"],
  ] as const)("maps seed state %j", async (patch, field, expected) => {
    const cart = (await listed([seed(1600, patch as Partial<SeedOrder>)])).get("1600")!;
    expect(cart[field]).toBe(expected);
  });
});
