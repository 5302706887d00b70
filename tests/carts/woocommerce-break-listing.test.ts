import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { OrderQuery } from "../../main/carts/connector.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { cartFailureOf, createLogCapture, textsWithSecrets } from "../simulators/woocommerce/log-capture.js";
import { collectPages, startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import type { WooCommerceSimulatorOptions } from "../simulators/woocommerce/woocommerce-simulator.js";

const logs = createLogCapture();
let fixture: WooFixture | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await fixture?.simulator.close();
  fixture = null;
});

async function start(orders: SeedOrder[], options: WooCommerceSimulatorOptions = {}): Promise<WooFixture> {
  fixture = await startWooFixture({ orders, ...options });
  return fixture;
}

/** Orders `stepMs` apart from `startUtc`, ids from 1001. */
function ordersFrom(startUtc: string, count: number, stepMs: number): SeedOrder[] {
  return generateSeedOrders({ count, startUtc, stepMs });
}

function idsOf(orders: CartOrder[]): string[] {
  return orders.map((order) => order.orderId);
}

/** Ids of the seeds created in [fromUtc, toUtc), which is what a listing must return. */
function expectedIds(seeds: SeedOrder[], query: Pick<OrderQuery, "createdFromUtc" | "createdToUtc">): string[] {
  const fromMs = Date.parse(query.createdFromUtc);
  const toMs = Date.parse(query.createdToUtc);
  return seeds
    .filter((seed) => Date.parse(seed.createdAtUtc) >= fromMs && Date.parse(seed.createdAtUtc) < toMs)
    .map((seed) => seed.id);
}

function range(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
}

function orderListRequests(started: WooFixture) {
  return started.simulator.requestLog().filter((entry) => entry.path === "/wp-json/wc/v3/orders");
}

describe("WooCommerce window edges", () => {
  it.each(["exclusive", "inclusive"] as const)("keeps orders exactly at %s bounds right", async (dateBounds) => {
    const instants = [
      "2024-05-03T02:59:59Z",
      "2024-05-03T03:00:00Z",
      "2024-05-03T05:00:00Z",
      "2024-05-03T06:59:59Z",
      "2024-05-03T07:00:00Z",
      "2024-05-03T07:00:01Z",
    ];
    const seeds = instants.map((createdAtUtc, index) => ({ ...ordersFrom(createdAtUtc, 1, 0)[0]!, id: String(2001 + index), number: `#${2001 + index}` }));
    const started = await start(seeds, { dateBounds });
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["2002", "2003", "2004"]);
  });

  it("splits adjacent windows without overlap", async () => {
    const seeds = ordersFrom("2024-05-03T00:00:00Z", 48, 30 * 60_000);
    const started = await start(seeds, { dateBounds: "inclusive" });
    const bounds = ["2024-05-03T00:00:00Z", "2024-05-03T06:00:00Z", "2024-05-03T06:30:00Z", "2024-05-04T00:00:00Z"];
    const seen: string[] = [];
    for (let index = 0; index + 1 < bounds.length; index++) {
      const listing = started.connector.listOrders({ createdFromUtc: bounds[index]!, createdToUtc: bounds[index + 1]!, pageSize: 7 });
      seen.push(...idsOf((await collectPages(listing)).orders));
    }
    expect(seen).toEqual(seeds.map((seed) => seed.id));
  });

  it("reads a window with millisecond bounds", async () => {
    const seeds = ordersFrom("2024-05-03T03:00:00Z", 3, 1_000);
    const started = await start(seeds, { dateBounds: "inclusive" });
    const window = { createdFromUtc: "2024-05-03T03:00:00.500Z", createdToUtc: "2024-05-03T03:00:02.001Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["1002", "1003"]);
  });

  it.each([
    ["India, UTC+5:30", "Asia/Kolkata"],
    ["Nepal, UTC+5:45", "Asia/Kathmandu"],
    ["Newfoundland, UTC-3:30", "America/St_Johns"],
  ])("lists a site in %s exactly", async (_name, timeZone) => {
    const seeds = ordersFrom("2024-05-02T18:00:00Z", 40, 37 * 60_000);
    const started = await start(seeds, { timeZone });
    const window = { createdFromUtc: "2024-05-02T18:30:00Z", createdToUtc: "2024-05-03T06:15:00Z" };
    const { orders } = await collectPages(started.connector.listOrders({ ...window, pageSize: 6 }));
    expect(idsOf(orders)).toEqual(expectedIds(seeds, window));
  });

  it.each([
    ["the spring change", "2024-03-30T22:00:00Z", "2024-03-31T04:00:00Z"],
    ["the autumn change", "2024-10-26T22:00:00Z", "2024-10-27T04:00:00Z"],
  ])("lists every order once across %s", async (_name, createdFromUtc, createdToUtc) => {
    // Europe/Berlin: 02:00 local becomes 03:00 in spring, and 03:00 goes back to 02:00 in autumn.
    const seeds = ordersFrom(createdFromUtc, 24, 15 * 60_000);
    const started = await start(seeds, { timeZone: "Europe/Berlin" });
    const window = { createdFromUtc, createdToUtc };
    const { orders } = await collectPages(started.connector.listOrders({ ...window, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(expectedIds(seeds, window));
    expect(orders.map((order) => order.createdAtUtc)).toEqual(seeds.map((seed) => new Date(seed.createdAtUtc).toISOString()));
  });
});

describe("WooCommerce zones in the connection test", () => {
  it("names a half-hour zone", async () => {
    const started = await start(ordersFrom("2024-05-03T08:00:00Z", 2, 60_000), { timeZone: "Asia/Kolkata" });
    const report = await started.connector.testConnection();
    expect(report.timeZone).toBe("Asia/Kolkata");
    expect(report.warnings).toEqual([]);
  });

  it("warns once about a fixed half-hour offset", async () => {
    const started = await start(ordersFrom("2024-05-03T08:00:00Z", 2, 60_000), {
      timeZone: "Asia/Kolkata",
      indexZone: { timezoneString: "", gmtOffset: 5.5 },
    });
    const report = await started.connector.testConnection();
    expect(report.timeZone).toBe("UTC");
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("UTC+5.5");
  });

  it("refuses a store that ignores dates_are_gmt", async () => {
    const started = await start(ordersFrom("2024-05-03T08:00:00Z", 3, 60_000), { orderList: { ignoresGmtDates: true } });
    const error = await cartFailureOf(started.connector.testConnection());
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("Update WooCommerce");
  });

  it("accepts a UTC site that ignores dates_are_gmt", async () => {
    const started = await start(ordersFrom("2024-05-03T08:00:00Z", 3, 60_000), { timeZone: "UTC", orderList: { ignoresGmtDates: true } });
    const report = await started.connector.testConnection();
    expect(report.orderCount).toBe(3);
  });
});

describe("WooCommerce lists that change or lie", () => {
  const WHOLE_DAY = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };

  it("reads on when X-WP-Total is too low", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000), { orderList: { reportedTotal: () => 10 } });
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it("ends when X-WP-Total is too high", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000), { orderList: { reportedTotal: (total) => total + 7 } });
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(orderListRequests(started).length).toBeLessThanOrEqual(6);
  });

  it("reads every order without X-WP-Total", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000), { orderList: { reportedTotal: () => null } });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
  });

  it("reads past a silent per_page cap", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000), { orderList: { perPageCap: 4 } });
    const { orders, pages } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it("ends a list that fills its last page exactly", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    expect(idsOf(orders)).toEqual(range(1001, 1012));
    expect(pages).toHaveLength(3);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it("keeps every order when many are deleted mid-paging", async () => {
    const seeds = ordersFrom("2024-05-03T00:00:00Z", 30, 40 * 60_000);
    const started = await start(seeds);
    started.simulator.onOrderListRequest((count) => {
      if (count !== 3) return;
      for (const id of range(1001, 1009)) started.simulator.deleteOrder(id);
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    const ids = idsOf(orders);
    expect(new Set(ids).size).toBe(ids.length);
    const stillThere = new Set(started.simulator.orders().map((order) => order.id));
    expect(ids.filter((id) => stillThere.has(id))).toEqual([...stillThere].filter((id) => expectedIds(seeds, WHOLE_DAY).includes(id)));
  });

  it("keeps an order deleted before its refunds are read", async () => {
    const seeds = ordersFrom("2024-05-03T00:00:00Z", 4, 3_600_000);
    seeds[1] = { ...seeds[1]!, financialStatus: "partially_refunded", updatedAtUtc: "2024-05-03T05:00:00Z", refunds: [{ createdAtUtc: "2024-05-03T05:00:00Z", amount: "3.00" }] };
    const started = await start(seeds);
    started.simulator.onRefundsRequest((orderId) => started.simulator.deleteOrder(orderId));
    const { orders } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(orders)).toEqual(["1001", "1002", "1003", "1004"]);
    expect(orders[1]!.refunds).toEqual([{ createdAtUtc: "2024-05-03T05:00:00.000Z", amountMinor: 300 }]);
  });

  it("retries a 204 in place of a page", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) started.simulator.injectFault({ kind: "status", status: 204, times: 2 });
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    expect(idsOf(orders)).toEqual(range(1001, 1012));
  });

  it("names a store that keeps answering 204", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    started.simulator.injectFault({ kind: "status", status: 204, times: 100 });
    const error = await cartFailureOf(collectPages(started.connector.listOrders(WHOLE_DAY)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read");
    expect(error.message).toContain("Try again later");
  });
});

describe("WooCommerce statuses at the edges", () => {
  const WINDOW = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };

  it("lists trashed, failed and refunded orders once", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 6, 3_600_000));
    started.simulator.setOrderStatus("1002", "trash");
    started.simulator.setOrderStatus("1003", "failed");
    started.simulator.setOrderStatus("1004", "refunded");
    started.simulator.setOrderStatus("1005", "on-hold");
    const { orders } = await collectPages(started.connector.listOrders({ ...WINDOW, pageSize: 2 }));
    expect(idsOf(orders)).toEqual(range(1001, 1006));
    expect(orders.map((order) => order.isArchived)).toEqual([false, true, false, false, false, false]);
    expect(orders.map((order) => order.financialStatus)).toEqual(["paid", "paid", "failed", "refunded", "authorized", "paid"]);
  });

  it("marks a listed checkout draft and keeps its id", async () => {
    const seeds = ordersFrom("2024-05-03T10:00:00Z", 1, 0).map((seed) => ({ ...seed, id: "812", number: "#812", status: "draft" as const }));
    const started = await start(seeds, { orderList: { listsCheckoutDrafts: true } });
    const before = (await collectPages(started.connector.listOrders(WINDOW))).orders;
    expect(idsOf(before)).toEqual(["812"]);
    expect(before[0]!.isDraft).toBe(true);
    started.simulator.updateOrder("812", { status: "open" });
    const after = (await collectPages(started.connector.listOrders(WINDOW))).orders;
    expect(idsOf(after)).toEqual(["812"]);
    expect(after[0]!.isDraft).toBe(false);
  });
});

describe("WooCommerce listing cancelled by the user", () => {
  const WINDOW = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };

  it("stops between pages when aborted", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const controller = new AbortController();
    const pages = started.connector.listOrders({ ...WINDOW, pageSize: 4, signal: controller.signal })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.value!.orders).toHaveLength(4);
    controller.abort();
    const error = await cartFailureOf(pages.next());
    expect(error.kind).toBe("cancelled");
    expect(orderListRequests(started)).toHaveLength(1);
  });

  it("stops a stalled page when aborted", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const controller = new AbortController();
    const pages = started.connector.listOrders({ ...WINDOW, pageSize: 4, signal: controller.signal })[Symbol.asyncIterator]();
    await pages.next();
    started.simulator.injectFault({ kind: "stall", delayMs: 1_500, times: 1 });
    const second = pages.next();
    setTimeout(() => controller.abort(), 30);
    const error = await cartFailureOf(second);
    expect(error.kind).toBe("cancelled");
    expect(orderListRequests(started)).toHaveLength(2);
  });

  it("stops during a retry wait when aborted", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 4, 3_600_000));
    const controller = new AbortController();
    started.simulator.injectFault({ kind: "status", status: 429, retryAfterSeconds: 5, times: 1 });
    setTimeout(() => controller.abort(), 50);
    const error = await cartFailureOf(collectPages(started.connector.listOrders({ ...WINDOW, signal: controller.signal })));
    expect(error.kind).toBe("cancelled");
    expect(orderListRequests(started)).toHaveLength(1);
  });

  it("keeps keys out of every log line of a run", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000), { honoursBasicAuth: false });
    started.simulator.injectFault({ kind: "status", status: 503, times: 2 });
    await started.connector.testConnection();
    await collectPages(started.connector.listOrders({ ...WINDOW, pageSize: 4 }));
    expect(logs.lines.length).toBeGreaterThan(3);
    expect(textsWithSecrets(logs.lines, Object.values(started.simulator.credentials))).toEqual([]);
  });
});
