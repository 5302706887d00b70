import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderQuery } from "../../main/carts/connector.js";
import { setLogSink } from "../../main/logging/logger.js";
import { mapOrder } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { renderMagentoOrder } from "../simulators/magento/magento-render.js";
import type { MagentoReply } from "../simulators/magento/magento-reply-script.js";
import { startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { collectPages, magentoConnectorFor } from "../simulators/magento/magento-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

let simulator: MagentoSimulator | null = null;
let logLines: string[] = [];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function storeWith(seeds: SeedOrder[]): Promise<MagentoSimulator> {
  simulator = await startMagentoSimulator({ currency: "EUR" });
  simulator.addOrders(seeds);
  return simulator;
}

/** Orders an hour apart from 2024-05-01 02:00Z, ids from 1001. */
const hourly = (count: number) => generateSeedOrders({ count, startUtc: "2024-05-01T02:00:00Z", stepMs: 3_600_000 });

async function idsOf(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  return (await collectPages(connector, query)).flatMap((page) => page.orders.map((order) => order.orderId));
}

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

/** Builds a script that edits the parsed JSON body of an order search reply. */
function rewriteBody(edit: (body: { items: { entity_id: number }[]; total_count?: number }) => unknown) {
  return (reply: MagentoReply): MagentoReply => {
    const body = JSON.parse(reply.body) as { items: { entity_id: number }[]; total_count?: number };
    const edited = edit(body);
    return { ...reply, body: JSON.stringify(edited === undefined ? body : edited) };
  };
}

const orderRequests = (store: MagentoSimulator) => store.requestLog().filter((entry) => entry.path.endsWith("/V1/orders"));

describe("Magento window edges", () => {
  it("includes orders at from and excludes orders at to across pages", async () => {
    const seeds = generateSeedOrders({ count: 6, startUtc: "2024-05-10T00:00:00Z", stepMs: 0 });
    seeds.slice(3).forEach((seed) => (seed.createdAtUtc = "2024-05-11T00:00:00Z"));
    seeds[2]!.createdAtUtc = "2024-05-10T23:59:59Z";
    const store = await storeWith(seeds);
    const window = { createdFromUtc: "2024-05-10T00:00:00Z", createdToUtc: "2024-05-11T00:00:00Z", pageSize: 2 };
    expect(await idsOf(magentoConnectorFor(store), window)).toEqual(["1001", "1002", "1003"]);
    const next = { createdFromUtc: "2024-05-11T00:00:00Z", createdToUtc: "2024-05-12T00:00:00Z", pageSize: 2 };
    expect(await idsOf(magentoConnectorFor(store), next)).toEqual(["1004", "1005", "1006"]);
  });
});

describe("Magento paging against a hostile store", () => {
  it("pages to the end when total_count is missing", async () => {
    const store = await storeWith(hourly(7));
    store.scriptReplies("orders", rewriteBody((body) => void delete body.total_count), 10);
    const ids = await idsOf(magentoConnectorFor(store), { ...MAY, pageSize: 3 });
    expect(ids).toEqual(["1001", "1002", "1003", "1004", "1005", "1006", "1007"]);
    expect(orderRequests(store)).toHaveLength(3);
  });

  it("asks once more after a full page without total_count", async () => {
    const store = await storeWith(hourly(6));
    store.scriptReplies("orders", rewriteBody((body) => void delete body.total_count), 10);
    const pages = await collectPages(magentoConnectorFor(store), { ...MAY, pageSize: 3 });
    expect(pages.map((page) => page.orders.length)).toEqual([3, 3, 0]);
  });

  it("stops when a store ignores the sort order", async () => {
    const store = await storeWith(hourly(6));
    // Magento's default sort is descending: the first page would hold the newest orders.
    const newest = store.orders().map(renderMagentoOrder).reverse().slice(0, 3);
    store.scriptReplies("orders", rewriteBody((body) => ({ ...body, items: newest })));
    const error = await failure(idsOf(magentoConnectorFor(store), { ...MAY, pageSize: 3 }));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("out of the requested order");
  });

  it("stops when a page goes back below the last id", async () => {
    const store = await storeWith(hourly(6));
    let first: unknown = null;
    store.scriptReplies("orders", rewriteBody((body) => void (first = body.items[0])));
    store.scriptReplies("orders", rewriteBody((body) => void body.items.unshift(first as { entity_id: number })));
    const error = await failure(idsOf(magentoConnectorFor(store), { ...MAY, pageSize: 3 }));
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("after 1003");
  });

  it("retries a search result without items", async () => {
    const store = await storeWith(hourly(3));
    store.scriptReplies("orders", (reply) => ({ ...reply, body: "{}" }));
    store.scriptReplies("orders", (reply) => ({ ...reply, body: "null" }));
    const pages = await collectPages(magentoConnectorFor(store), MAY);
    expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(["1001", "1002", "1003"]);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("never reads a body without items as an empty store", async () => {
    const store = await storeWith(hourly(3));
    store.scriptReplies("orders", (reply) => ({ ...reply, body: '{"total_count":0}' }), 20);
    const error = await failure(idsOf(magentoConnectorFor(store), MAY));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read");
  });

  it("stops on an order whose creation date cannot be read", async () => {
    const store = await storeWith(hourly(2));
    store.setRawFields("1002", { created_at: "2024-05-02 25:61:00" });
    const error = await failure(idsOf(magentoConnectorFor(store), MAY));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("order 1002");
  });

  it("lists each order once when orders are deleted while paging", async () => {
    const store = await storeWith(hourly(8));
    const seen: string[] = [];
    for await (const page of magentoConnectorFor(store).listOrders({ ...MAY, pageSize: 3 })) {
      seen.push(...page.orders.map((order) => order.orderId));
      if (seen.length === 3) {
        store.deleteOrder("1002");
        store.deleteOrder("1004");
        store.deleteOrder("1008");
      }
    }
    expect(seen).toEqual(["1001", "1002", "1003", "1005", "1006", "1007"]);
  });

  it("lists each order once when orders arrive and leave while paging", async () => {
    const store = await storeWith(hourly(5));
    const seen: string[] = [];
    for await (const page of magentoConnectorFor(store).listOrders({ ...MAY, pageSize: 2 })) {
      seen.push(...page.orders.map((order) => order.orderId));
      if (seen.length === 2) {
        store.deleteOrder("1003");
        store.addOrders(generateSeedOrders({ count: 2, firstId: 1006, startUtc: "2024-05-03T00:00:00Z", stepMs: 60_000 }));
      }
    }
    expect(seen).toEqual(["1001", "1002", "1004", "1005", "1006", "1007"]);
  });
});

describe("Magento orders that are easy to get wrong", () => {
  it("maps configurable, simple and child lines without a totals mismatch", async () => {
    const [seed] = generateSeedOrders({ count: 1, startUtc: "2024-05-03T08:00:00Z", stepMs: 0 });
    seed!.lines = [
      { sku: "MUG-BLU-350", productId: "31", title: "Enamel mug", variantTitle: "Blue", quantity: 2, unitPrice: "20.00", tax: "7.60", discount: "0.00" },
      { sku: "BAG-CAN-01", productId: "40", title: "Canvas tote", variantTitle: null, quantity: 1, unitPrice: "32.50", tax: "6.18", discount: "0.00" },
    ];
    seed!.totalTax = "13.78";
    seed!.total = "91.23";
    const store = await storeWith([seed!]);
    const [order] = (await collectPages(magentoConnectorFor(store), MAY)).flatMap((page) => page.orders);
    expect(order!.lines.map((line) => [line.sku, line.quantity, line.unitPriceMinor])).toEqual([
      ["MUG-BLU-350", 2, 2000],
      ["BAG-CAN-01", 1, 3250],
    ]);
    const mapped = mapOrder(order!, {
      storeId: "magento-break",
      documentKind: "sales-order",
      filter: DEFAULT_ORDER_FILTER,
      guestPolicy: "placeholder-customer",
      shopCurrency: "EUR",
    });
    expect(mapped.findings.map((finding) => finding.code)).not.toContain("totals-mismatch");
    expect(mapped.document.totalMinor).toBe(9123);
  });

  it("counts a configurable shipped on its child as fulfilled", async () => {
    const [seed] = generateSeedOrders({ count: 1, startUtc: "2024-05-03T08:00:00Z", stepMs: 0 });
    const store = await storeWith([seed!]);
    store.setRawFields(seed!.id, {
      items: [
        { item_id: 1, sku: "MUG-BLU-350", name: "Enamel mug", product_type: "configurable", qty_ordered: 2, qty_shipped: 0, base_price: 20, base_row_total: 40 },
        { item_id: 2, parent_item_id: 1, sku: "MUG-BLU-350", name: "Enamel mug - Blue", product_type: "simple", qty_ordered: 2, qty_shipped: 2, base_price: 0, base_row_total: 0 },
      ],
    });
    const [order] = (await collectPages(magentoConnectorFor(store), MAY)).flatMap((page) => page.orders);
    expect(order!.lines).toHaveLength(1);
    expect(order!.fulfillment).toBe("fulfilled");
  });

  it("lists an edited order's parent and child once across windows", async () => {
    const [parent, child] = generateSeedOrders({ count: 2, firstId: 692, startUtc: "2024-05-10T23:30:00Z", stepMs: 3_600_000 });
    const store = await storeWith([
      { ...parent!, number: "100000692", status: "cancelled", cancelledAtUtc: "2024-05-11T00:30:00Z" },
      { ...child!, number: "100000692-1" },
    ]);
    store.setRawFields("693", { relation_parent_id: 692, relation_parent_real_id: "100000692" });
    const connector = magentoConnectorFor(store);
    const before = await collectPages(connector, { createdFromUtc: "2024-05-10T00:00:00Z", createdToUtc: "2024-05-11T00:00:00Z" });
    const after = await collectPages(connector, { createdFromUtc: "2024-05-11T00:00:00Z", createdToUtc: "2024-05-12T00:00:00Z" });
    const parentOrders = before.flatMap((page) => page.orders);
    const childOrders = after.flatMap((page) => page.orders);
    expect(parentOrders.map((order) => [order.orderNumber, order.cancelledAtUtc])).toEqual([["100000692", "2024-05-11T00:30:00.000Z"]]);
    expect(childOrders.map((order) => [order.orderNumber, order.cancelledAtUtc])).toEqual([["100000692-1", null]]);
    const link = logLines.find((line) => line.includes("order replaces an edited order"));
    expect(link).toContain("replacesOrderId=692");
    expect(link).toContain("orderNumber=100000692-1");
  });

  it("gives each refunded order of a page its own credit memos", async () => {
    const seeds = hourly(3);
    seeds[0] = { ...seeds[0]!, financialStatus: "partially_refunded", refunds: [{ createdAtUtc: "2024-05-04T09:00:00Z", amount: "5.00" }] };
    seeds[2] = {
      ...seeds[2]!,
      financialStatus: "partially_refunded",
      refunds: [
        { createdAtUtc: "2024-05-05T09:00:00Z", amount: "2.00" },
        { createdAtUtc: "2024-05-06T09:00:00Z", amount: "3.00" },
      ],
    };
    const store = await storeWith(seeds);
    const orders = (await collectPages(magentoConnectorFor(store), MAY)).flatMap((page) => page.orders);
    expect(orders.map((order) => order.refunds.map((refund) => refund.amountMinor))).toEqual([[500], [], [200, 300]]);
    expect(orders[2]!.refunds.map((refund) => refund.createdAtUtc)).toEqual(["2024-05-05T09:00:00.000Z", "2024-05-06T09:00:00.000Z"]);
    const memoSearches = store.requestLog().filter((entry) => entry.path.endsWith("/V1/creditmemos"));
    expect(memoSearches).toHaveLength(1);
    expect(memoSearches[0]!.query["searchCriteria[filter_groups][0][filters][0][value]"]).toBe("1001,1003");
  });

  it("reads every credit memo when total_count is missing", async () => {
    const seeds = hourly(2);
    const refunds = Array.from({ length: 150 }, (_, index) => ({
      createdAtUtc: new Date(Date.parse("2024-05-05T00:00:00Z") + index * 60_000).toISOString(),
      amount: "0.10",
    }));
    seeds[1] = { ...seeds[1]!, financialStatus: "partially_refunded", refunds };
    const store = await storeWith(seeds);
    store.scriptReplies("creditmemos", rewriteBody((body) => void delete body.total_count), 10);
    const orders = (await collectPages(magentoConnectorFor(store), MAY)).flatMap((page) => page.orders);
    expect(orders.map((order) => order.refunds.length)).toEqual([0, 150]);
    expect(store.requestLog().filter((entry) => entry.path.endsWith("/V1/creditmemos"))).toHaveLength(2);
  });

  it("reads guests and deleted customers without a customer id", async () => {
    const seeds = hourly(2);
    seeds[0] = { ...seeds[0]!, customerId: null, email: "lea.haas@example.test" };
    const store = await storeWith(seeds);
    // Magento sets customer_id to NULL when the customer is deleted but keeps customer_is_guest 0.
    store.setRawFields("1002", { customer_id: null, customer_is_guest: 0 });
    const orders = (await collectPages(magentoConnectorFor(store), MAY)).flatMap((page) => page.orders);
    expect(orders.map((order) => order.customer.isGuest)).toEqual([true, true]);
    expect(orders.map((order) => order.customer.cartCustomerId)).toEqual([null, null]);
    expect(orders[0]!.customer.email).toBe("lea.haas@example.test");
    expect(orders[1]!.customer.email).toBe(seeds[1]!.email);
    expect(orders[1]!.customer.lastName).toBe(seeds[1]!.lastName);
  });

  it("lists an order again on a rerun of its window", async () => {
    const [seed] = generateSeedOrders({ count: 1, firstId: 512, startUtc: "2024-05-03T08:15:22Z", stepMs: 0 });
    const store = await storeWith([{ ...seed!, number: "100000512", lastName: "Novák" }]);
    const connector = magentoConnectorFor(store);
    const runs = [await idsOf(connector, MAY), await idsOf(connector, MAY)];
    expect(runs).toEqual([["512"], ["512"]]);
  });
});
