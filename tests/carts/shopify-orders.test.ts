import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { buildCreatedWindowSearch } from "../../main/carts/shopify/shopify-queries.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedLine, SeedOrder } from "../simulators/common/seed-order.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

const idsOf = (pages: OrderPage[]) => pages.flatMap((page) => page.orders.map((order) => order.orderId));

function seedAt(id: number, createdAtUtc: string, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [seed] = generateSeedOrders({ count: 1, firstId: id, startUtc: createdAtUtc, stepMs: 0, seed: id });
  return { ...seed!, ...patch };
}

async function rawOrdersSearch(store: ShopifySimulator, search: string): Promise<string[]> {
  const response = await fetch(`${store.storeUrl}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": store.credentials.accessToken! },
    body: JSON.stringify({
      query: "query($q: String!) { orders(first: 50, query: $q, sortKey: CREATED_AT) { nodes { id } pageInfo { hasNextPage endCursor } } }",
      variables: { q: search },
    }),
  });
  const body = (await response.json()) as { data: { orders: { nodes: { id: string }[] } } };
  return body.data.orders.nodes.map((node) => node.id.split("/").at(-1)!);
}

describe("Shopify order window", () => {
  // A shop on UTC+08:00; the window starts at 09:00 local time.
  const seeds = [
    seedAt(7301, "2018-02-19T20:00:00Z"),
    seedAt(7302, "2018-02-20T00:59:59Z"),
    seedAt(7303, "2018-02-20T01:00:00Z"),
    seedAt(7304, "2018-02-20T06:00:00Z"),
  ];

  it("sends single-quoted UTC timestamps", async () => {
    simulator = await startShopifySimulator({ timeZone: "Asia/Singapore", orders: seeds });
    const pages = await collectPages(
      connectorFor(simulator).listOrders({ createdFromUtc: "2018-02-20T09:00:00+08:00", createdToUtc: "2018-02-21T00:00:00Z" }),
    );
    expect(simulator.searches()).toEqual(["created_at:>='2018-02-20T01:00:00Z' created_at:<'2018-02-21T00:00:00Z'"]);
    expect(idsOf(pages)).toEqual(["7303", "7304"]);
  });

  it("simulates the unquoted-timestamp pitfall", async () => {
    simulator = await startShopifySimulator({ timeZone: "Asia/Singapore", orders: seeds });
    const unquoted = await rawOrdersSearch(simulator, "created_at:>=2018-02-20T01:00:00Z created_at:<2018-02-21T00:00:00Z");
    // The time is dropped and the date read in the shop's zone: 2018-02-20 00:00 at UTC+08:00 is 2018-02-19T16:00Z.
    expect(unquoted).toEqual(["7301", "7302", "7303", "7304"]);
    const quoted = await rawOrdersSearch(simulator, buildCreatedWindowSearch("2018-02-20T01:00:00Z", "2018-02-21T00:00:00Z"));
    expect(quoted).toEqual(["7303", "7304"]);
  });

  it("returns open, closed and cancelled orders of a range", async () => {
    simulator = await startShopifySimulator({
      orders: [
        seedAt(1001, "2024-05-03T09:00:00Z"),
        seedAt(1002, "2024-05-10T09:00:00Z", { status: "closed", fulfillment: "fulfilled" }),
        seedAt(1003, "2024-05-20T09:00:00Z", { status: "cancelled", cancelledAtUtc: "2024-05-21T09:00:00Z" }),
      ],
    });
    const orders = (
      await collectPages(
        connectorFor(simulator).listOrders({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" }),
      )
    ).flatMap((page) => page.orders);
    expect(orders.map((order) => order.orderNumber)).toEqual(["#1001", "#1002", "#1003"]);
    expect(orders.map((order) => order.isArchived)).toEqual([false, true, false]);
    expect(orders.map((order) => order.cancelledAtUtc)).toEqual([null, null, "2024-05-21T09:00:00.000Z"]);
    expect(simulator.searches().every((search) => !search.includes("status:"))).toBe(true);
  });

  it("pages eight orders in one consistent order", async () => {
    // Ids descend while creation times ascend, so paging by id and by time would disagree.
    const orders = Array.from({ length: 8 }, (_, index) => seedAt(8 - index, `2024-07-0${index + 1}T10:00:00Z`));
    simulator = await startShopifySimulator({ orders });
    const pages = await collectPages(
      connectorFor(simulator).listOrders({ createdFromUtc: "2024-07-01T00:00:00Z", createdToUtc: "2024-08-01T00:00:00Z", pageSize: 5 }),
    );
    expect(pages).toHaveLength(2);
    expect(idsOf(pages)).toEqual(["8", "7", "6", "5", "4", "3", "2", "1"]);
  });

  it("refuses a cursor from another window", async () => {
    simulator = await startShopifySimulator({
      orders: generateSeedOrders({ count: 4, firstId: 900, startUtc: "2024-08-01T10:00:00Z", stepMs: 60_000 }),
    });
    const connector = connectorFor(simulator);
    const windowOne = { createdFromUtc: "2024-08-01T00:00:00Z", createdToUtc: "2024-08-02T00:00:00Z" };
    const [firstPage] = await collectPages(connector.listOrders({ ...windowOne, pageSize: 2 }));
    const listing = collectPages(
      connector.listOrders({ createdFromUtc: "2024-08-02T00:00:00Z", createdToUtc: "2024-08-03T00:00:00Z", resumeCursor: firstPage!.nextCursor }),
    );
    const error = await listing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("window-violated");
  });

  it("stops when Shopify ignores the window", async () => {
    simulator = await startShopifySimulator({
      orders: [seedAt(1, "2024-08-01T10:00:00Z"), seedAt(2, "2024-08-05T10:00:00Z")],
    });
    simulator.injectFault({ kind: "ignore-window", times: 1 });
    const listing = collectPages(
      connectorFor(simulator).listOrders({ createdFromUtc: "2024-08-04T00:00:00Z", createdToUtc: "2024-08-06T00:00:00Z" }),
    );
    const error = (await listing.catch((caught: unknown) => caught)) as CartError;
    expect(error.kind).toBe("window-violated");
    expect(error.detail).toContain("order 1 created 2024-08-01T10:00:00.000Z");
  });

  it("includes an order inserted between pages", async () => {
    simulator = await startShopifySimulator({
      orders: generateSeedOrders({ count: 4, firstId: 100, startUtc: "2024-09-01T10:00:00Z", stepMs: 3_600_000 }),
    });
    const pages = connectorFor(simulator)
      .listOrders({ createdFromUtc: "2024-09-01T00:00:00Z", createdToUtc: "2024-09-02T00:00:00Z", pageSize: 2 })
      [Symbol.asyncIterator]();
    const ids = (await pages.next()).value!.orders.map((order: { orderId: string }) => order.orderId);
    simulator.addOrders([seedAt(200, "2024-09-01T20:00:00Z")]);
    simulator.updateOrder("103", { total: "99.00" });
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      ids.push(...page.value.orders.map((order) => order.orderId));
    }
    expect(ids).toEqual(["100", "101", "102", "103", "200"]);
  });
});

describe("Shopify order normalization", () => {
  function line(index: number): SeedLine {
    return {
      sku: `SKU-${index}`,
      productId: String(8000 + index),
      title: `Item ${index}`,
      variantTitle: null,
      quantity: 1,
      unitPrice: "1.00",
      tax: "0.19",
      discount: "0.00",
    };
  }

  it("reads every line of an order with 57 lines", async () => {
    const lines = Array.from({ length: 57 }, (_, index) => line(index + 1));
    simulator = await startShopifySimulator({ orders: [seedAt(1310, "2024-10-01T10:00:00Z", { lines })] });
    const [page] = await collectPages(
      connectorFor(simulator).listOrders({ createdFromUtc: "2024-10-01T00:00:00Z", createdToUtc: "2024-10-02T00:00:00Z" }),
    );
    const order = page!.orders[0]!;
    expect(order.lines).toHaveLength(57);
    expect(order.lines.at(-1)?.sku).toBe("SKU-57");
    // The orders query brings 3 lines; follow-ups bring 20 and then the other 34.
    expect(page!.attempts).toBe(3);
  });

  it("uses current quantities and keeps shop and presentment money apart", async () => {
    const seed = seedAt(1042, "2024-05-03T08:15:22Z", {
      currency: "EUR",
      presentmentCurrency: "USD",
      presentmentTotal: "54.10",
      customerId: null,
      email: "guest@example.test",
      lines: [
        { ...line(1), sku: "MUG-BLU-350", quantity: 2, unitPrice: "24.95", tax: "9.48", discount: "5.00" },
        { ...line(2), productId: null, sku: null, title: "Gift wrap" },
      ],
      discountCode: "SPRING5",
      discountAmount: "5.00",
      total: "49.85",
      totalTax: "7.96",
    });
    simulator = await startShopifySimulator({ orders: [seed] });
    simulator.editLine("1042", { lineIndex: 0, currentQuantity: 1 });
    const [page] = await collectPages(
      connectorFor(simulator).listOrders({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" }),
    );
    const order = page!.orders[0]!;
    expect(order.lines[0]).toMatchObject({ sku: "MUG-BLU-350", quantity: 1, unitPriceMinor: 2495, taxMinor: 474, discountMinor: 250 });
    expect(order.lines[1]).toMatchObject({ sku: null, productId: null, title: "Gift wrap" });
    expect(order.discounts).toEqual([{ code: "SPRING5", amountMinor: 500 }]);
    expect(order.customer).toMatchObject({ isGuest: true, cartCustomerId: null, email: "guest@example.test" });
    expect(order.totalMinor).toBe(4985);
    expect(order.presentmentCurrency).toBe("USD");
    expect(order.presentmentTotalMinor).toBe(5410);
    expect(order.isDraft).toBe(false);
  });
});
