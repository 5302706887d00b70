import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { collectPages, startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import type { WooCommerceSimulatorOptions } from "../simulators/woocommerce/woocommerce-simulator.js";

let fixture: WooFixture | null = null;

/** Builds twenty orders one hour apart from 2024-05-03T00:00Z, ids 1001 to 1020. */
function twentyOrders(): SeedOrder[] {
  return generateSeedOrders({ count: 20, startUtc: "2024-05-03T00:00:00Z", stepMs: 3_600_000 });
}

async function start(options: WooCommerceSimulatorOptions = {}): Promise<WooFixture> {
  fixture = await startWooFixture({ orders: twentyOrders(), ...options });
  return fixture;
}

const WHOLE_DAY = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };

function idsOf(orders: { orderId: string }[]): string[] {
  return orders.map((order) => order.orderId);
}

function range(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
}

function orderListRequests(fixture: WooFixture) {
  return fixture.simulator.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
}

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

describe("WooCommerce order window", () => {
  it("asks for GMT dates sorted by id", async () => {
    const started = await start();
    await collectPages(started.connector.listOrders(WHOLE_DAY));
    const query = orderListRequests(started)[0]!.query;
    expect(query.dates_are_gmt).toBe("true");
    expect(query.orderby).toBe("id");
    expect(query.order).toBe("asc");
    expect(query.status).toBe("any,trash");
    expect(query.after).toBe("2024-05-02T23:59:59");
    expect(query.before).toBe("2024-05-04T00:00:00");
  });

  it("returns exactly the half-open window", async () => {
    const started = await start();
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["1004", "1005", "1006", "1007"]);
  });

  it("drops boundary orders of inclusive bounds", async () => {
    const started = await start({ dateBounds: "inclusive" });
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["1004", "1005", "1006", "1007"]);
  });

  it("finds orders at a site behind UTC", async () => {
    // Site at UTC-1: order X at 04:33:33 local (05:33:33Z), order Y at 04:35:00 local.
    const [x, y] = generateSeedOrders({ count: 2, firstId: 7001, startUtc: "2016-12-13T05:33:33Z", stepMs: 87_000 });
    const started = await start({ timeZone: "Atlantic/Cape_Verde", orders: [x!, y!] });
    const { orders } = await collectPages(
      started.connector.listOrders({ createdFromUtc: "2016-12-13T05:33:33Z", createdToUtc: "2016-12-14T00:00:00Z" }),
    );
    expect(idsOf(orders)).toEqual(["7001", "7002"]);
    expect(orders[1]!.createdAtUtc).toBe("2016-12-13T05:35:00.000Z");
  });

  it("finds an order just after a summer-time cursor", async () => {
    // Last import at 10:00 Berlin (08:00Z); order 7311 at 09:30Z.
    const [order] = generateSeedOrders({ count: 1, firstId: 7311, startUtc: "2024-07-01T09:30:00Z", stepMs: 1 });
    const billing = { ...order!.billing!, firstName: "Katrin", lastName: "Vogel" };
    const started = await start({ orders: [{ ...order!, firstName: "Katrin", lastName: "Vogel", billing }] });
    const { orders } = await collectPages(
      started.connector.listOrders({ createdFromUtc: "2024-07-01T08:00:00Z", createdToUtc: "2024-07-01T12:00:00Z" }),
    );
    expect(idsOf(orders)).toEqual(["7311"]);
    expect(orders[0]!.customer.lastName).toBe("Vogel");
  });

  it("fails on an ignored window filter", async () => {
    const started = await start();
    started.simulator.injectFault({ kind: "ignore-window", times: 5 });
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const error = await collectPages(started.connector.listOrders({ ...window, pageSize: 3 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("window-violated");
    expect((error as CartError).message).toContain("order #1001");
  });

  it("rejects an empty window", async () => {
    const started = await start();
    const listing = started.connector.listOrders({ createdFromUtc: WHOLE_DAY.createdToUtc, createdToUtc: WHOLE_DAY.createdFromUtc });
    await expect(collectPages(listing)).rejects.toThrow(RangeError);
  });
});

describe("WooCommerce paging", () => {
  it("reads every order once across pages", async () => {
    const started = await start();
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 6 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages.slice(0, -1).every((page) => page.nextCursor !== null)).toBe(true);
    expect(orderListRequests(started).map((entry) => entry.query.offset)).toEqual(["0", "5", "11", "17"]);
  });

  it("skips nothing when orders are deleted mid-paging", async () => {
    const started = await start();
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) {
        started.simulator.deleteOrder("1002");
        started.simulator.deleteOrder("1003");
      }
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(["1001", "1002", "1003", ...range(1004, 1020)]);
  });

  it("repeats nothing when orders arrive mid-paging", async () => {
    const started = await start();
    const late = generateSeedOrders({ count: 2, firstId: 1021, startUtc: "2024-05-03T20:30:00Z", stepMs: 60_000 });
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) started.simulator.addOrders(late);
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1022));
  });

  it("lists an order changed mid-paging once", async () => {
    const started = await start();
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) started.simulator.updateOrder("1003", { status: "cancelled", cancelledAtUtc: "2024-05-03T21:00:00Z", updatedAtUtc: "2024-05-03T21:00:00Z" });
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
  });

  it("fails on a store that ignores paging", async () => {
    const started = await start({ ignoresPaging: true });
    const error = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("bad-response");
    expect((error as CartError).message).toContain("offset");
  });

  it("resumes from a saved cursor", async () => {
    const started = await start();
    const first = started.connector.listOrders({ ...WHOLE_DAY, pageSize: 8 })[Symbol.asyncIterator]();
    const page = await first.next();
    expect(page.done).toBe(false);
    const cursor = page.value!.nextCursor;
    expect(cursor).not.toBeNull();
    const rest = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 8, resumeCursor: cursor }));
    expect([...idsOf(page.value!.orders), ...idsOf(rest.orders)]).toEqual(range(1001, 1020));
  });

  it("rejects a cursor of another window", async () => {
    const started = await start();
    const first = started.connector.listOrders({ ...WHOLE_DAY, pageSize: 8 })[Symbol.asyncIterator]();
    const cursor = (await first.next()).value!.nextCursor;
    const other = started.connector.listOrders({ createdFromUtc: "2024-05-03T01:00:00Z", createdToUtc: WHOLE_DAY.createdToUtc, resumeCursor: cursor });
    await expect(collectPages(other)).rejects.toThrow(/resume cursor/);
  });
});

describe("WooCommerce statuses", () => {
  it("lists trashed and failed orders", async () => {
    const started = await start();
    started.simulator.setOrderStatus("1004", "trash");
    started.simulator.setOrderStatus("1005", "failed");
    const { orders } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    const trashed = orders.find((order) => order.orderId === "1004")!;
    const failed = orders.find((order) => order.orderId === "1005")!;
    expect(trashed.isArchived).toBe(true);
    expect(failed.financialStatus).toBe("failed");
  });

  it("lists a checkout draft once it is an order", async () => {
    const [draft] = generateSeedOrders({ count: 1, firstId: 812, startUtc: "2024-05-03T10:00:00Z", stepMs: 1 });
    const started = await start({ orders: [{ ...draft!, status: "draft" }] });
    const before = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(before.orders).toEqual([]);
    started.simulator.updateOrder("812", { status: "open" });
    const after = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(after.orders)).toEqual(["812"]);
    expect(after.orders[0]!.isDraft).toBe(false);
  });
});

describe("WooCommerce faults", () => {
  it.each([
    ["HTTP 429 with Retry-After", { kind: "status", status: 429, retryAfterSeconds: 0, times: 2 }],
    ["HTTP 503", { kind: "status", status: 503, times: 2 }],
    ["a reset connection", { kind: "reset", times: 2 }],
    ["a malformed body", { kind: "malformed", times: 2 }],
  ] as const)("retries after %s", async (_name, fault) => {
    const started = await start();
    started.simulator.injectFault({ ...fault });
    const { orders, pages } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    expect(pages[0]!.attempts).toBe(3);
  });

  it("retries a stalled page", async () => {
    fixture = await startWooFixture(
      { orders: twentyOrders() },
      { retryPolicy: { ...FAST_RETRY_POLICY, attemptTimeoutMs: 300 } },
    );
    const started = fixture;
    started.simulator.injectFault({ kind: "stall", delayMs: 1_000, times: 1 });
    const { orders, pages } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(orders).toHaveLength(20);
    expect(pages[0]!.attempts).toBe(2);
  });

  it("shrinks pages the store cannot build", async () => {
    const started = await start();
    started.simulator.injectFault({ kind: "too-heavy", maxPageSize: 7, times: 50 });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 20 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    const sizes = orderListRequests(started).map((entry) => Number(entry.query.per_page));
    expect(sizes.at(-1)).toBeLessThanOrEqual(7);
  });

  it("gives up on a store that keeps failing", async () => {
    const started = await start();
    started.simulator.injectFault({ kind: "status", status: 500, times: 1_000 });
    const error = await collectPages(started.connector.listOrders(WHOLE_DAY)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("server-error");
  });
});

describe("WooCommerce extra reads", () => {
  it("returns exactly the requested ids", async () => {
    const orders = generateSeedOrders({ count: 30, firstId: 6095, startUtc: "2024-05-03T00:00:00Z", stepMs: 60_000 });
    const started = await start({ orders });
    const wanted = range(6101, 6118);
    const found = await started.connector.getOrdersById(wanted);
    expect(idsOf(found)).toEqual(wanted);
  });

  it("lists orders by modification date", async () => {
    const [order] = generateSeedOrders({ count: 1, firstId: 501, startUtc: "2024-06-01T10:00:00Z", stepMs: 1 });
    const started = await start({ orders: [order!] });
    started.simulator.updateOrder("501", { fulfillment: "fulfilled", updatedAtUtc: "2024-06-03T09:00:00Z" });
    const { orders } = await collectPages(
      started.connector.listModifiedOrders({ modifiedFromUtc: "2024-06-02T00:00:00Z", modifiedToUtc: "2024-06-04T00:00:00Z" }),
    );
    expect(idsOf(orders)).toEqual(["501"]);
    expect(orders[0]!.fulfillment).toBe("fulfilled");
    const query = orderListRequests(started)[0]!.query;
    expect(query.modified_after).toBe("2024-06-01T23:59:59");
    expect(query.dates_are_gmt).toBe("true");
    expect(query.after).toBeUndefined();
  });
});
