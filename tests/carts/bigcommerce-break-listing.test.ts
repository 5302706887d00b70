import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { OrderQuery } from "../../main/carts/connector.js";
import { collectPages, startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import type { BigCommerceSimulatorOptions } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { cartFailureOf, createLogCapture } from "../simulators/woocommerce/log-capture.js";

const WHOLE_DAY = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };
const logs = createLogCapture();
let fixture: BcFixture | null = null;

beforeEach(() => logs.start());

afterEach(async () => {
  logs.stop();
  await fixture?.simulator.close();
  fixture = null;
});

function ordersFrom(startUtc: string, count: number, stepMs: number): SeedOrder[] {
  return generateSeedOrders({ count, startUtc, stepMs, currency: "USD" });
}

async function start(orders: SeedOrder[], options: BigCommerceSimulatorOptions = {}): Promise<BcFixture> {
  fixture = await startBcFixture({ orders, ...options });
  return fixture;
}

function idsOf(orders: CartOrder[]): string[] {
  return orders.map((order) => order.orderId);
}

function sortedIds(orders: CartOrder[]): string[] {
  return idsOf(orders).sort();
}

function expectedIds(seeds: SeedOrder[], query: Pick<OrderQuery, "createdFromUtc" | "createdToUtc">): string[] {
  const fromMs = Date.parse(query.createdFromUtc);
  const toMs = Date.parse(query.createdToUtc);
  return seeds.filter((seed) => Date.parse(seed.createdAtUtc) >= fromMs && Date.parse(seed.createdAtUtc) < toMs).map((seed) => seed.id);
}

function range(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
}

function orderListRequests(started: BcFixture) {
  return started.simulator.requestLog().filter((entry) => /\/v2\/orders$/.test(entry.path));
}

describe("BigCommerce window edges", () => {
  it("keeps orders exactly at the bounds right", async () => {
    const instants = ["2024-05-03T02:59:59Z", "2024-05-03T03:00:00Z", "2024-05-03T05:00:00Z", "2024-05-03T06:59:59Z", "2024-05-03T07:00:00Z"];
    const seeds = instants.map((createdAtUtc, index) => ({ ...ordersFrom(createdAtUtc, 1, 0)[0]!, id: String(2001 + index), number: `#${2001 + index}` }));
    const started = await start(seeds);
    const { orders } = await collectPages(started.connector.listOrders({ createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" }));
    expect(idsOf(orders)).toEqual(["2002", "2003", "2004"]);
  });

  it("splits adjacent windows without overlap", async () => {
    const seeds = ordersFrom("2024-05-03T00:00:00Z", 30, 48 * 60_000);
    const started = await start(seeds, { dateGranularity: "day" });
    const bounds = ["2024-05-03T00:00:00Z", "2024-05-03T09:36:00Z", "2024-05-03T09:37:00Z", "2024-05-04T00:00:00Z"];
    const seen: string[] = [];
    for (let index = 0; index + 1 < bounds.length; index++) {
      const listing = started.connector.listOrders({ createdFromUtc: bounds[index]!, createdToUtc: bounds[index + 1]!, pageSize: 7 });
      seen.push(...idsOf((await collectPages(listing)).orders));
    }
    expect(seen).toEqual(seeds.map((seed) => seed.id));
  });

  it.each([
    ["the US spring change", "America/Chicago", "2024-03-10T05:00:00Z", "2024-03-10T11:00:00Z"],
    ["the US autumn change", "America/Chicago", "2024-11-03T04:00:00Z", "2024-11-03T10:00:00Z"],
    ["a half-hour zone", "Asia/Kolkata", "2024-05-02T18:30:00Z", "2024-05-03T02:15:00Z"],
  ])("lists every order once across %s", async (_name, timeZone, createdFromUtc, createdToUtc) => {
    const seeds = ordersFrom(createdFromUtc, 26, 17 * 60_000);
    const started = await start(seeds, { timeZone });
    const window = { createdFromUtc, createdToUtc };
    const { orders } = await collectPages(started.connector.listOrders({ ...window, pageSize: 6 }));
    expect(idsOf(orders)).toEqual(expectedIds(seeds, window));
  });
});

describe("BigCommerce lists that change while paging", () => {
  it("confirms a 204 that follows a full page", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    started.simulator.onOrderListRequest((count) => {
      if (count === 1) started.simulator.injectFault({ kind: "status", status: 204, times: 1 });
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    expect(idsOf(orders)).toEqual(range(1001, 1012));
  });

  it("ends a pass that fills its last page exactly", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    expect(idsOf(orders)).toEqual(range(1001, 1012));
    expect(pages).toHaveLength(3);
    const mainPass = orderListRequests(started).filter(
      (entry) => !entry.query.status_id && !entry.query.is_deleted && !entry.query.min_date_modified,
    );
    expect(mainPass.map((entry) => entry.query.min_id)).toEqual(["1", "1005", "1009", "1013", "1013"]);
  });

  it("leaves out an order deleted before its lines are read", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 6, 3_600_000));
    started.simulator.onSubResourceRequest((orderId) => {
      if (orderId === "1003") started.simulator.deleteOrder("1003");
    });
    const { orders } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect(idsOf(orders)).toEqual(["1001", "1002", "1004", "1005", "1006"]);
    expect(logs.lines.some((line) => line.includes("orderId=1003"))).toBe(true);
  });

  it("lists each order once when many are archived mid-paging", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000));
    started.simulator.onOrderListRequest((count) => {
      if (count !== 2) return;
      for (const id of ["1002", "1004", "1012", "1015", "1019"]) started.simulator.archiveOrder(id);
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(sortedIds(orders)).toEqual(range(1001, 1020));
    expect(new Set(idsOf(orders)).size).toBe(20);
    const archived = orders.filter((order) => order.isArchived).map((order) => order.orderId).sort();
    expect(archived).toEqual(["1012", "1015", "1019"]);
  });

  // TODO: the Incomplete pass runs after the main pass, so an order that
  // leaves Incomplete after the main pass passed its id is in neither.
  // Running the Incomplete pass first closes the gap; remove .fails then.
  it("lists an incomplete order that completes mid-listing", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 20, 3_600_000));
    started.simulator.updateOrder("1004", { status: "draft" });
    started.simulator.onOrderListRequest((count) => {
      // Paying the order now moves its modification date to the present.
      if (count === 3) started.simulator.updateOrder("1004", { status: "open", updatedAtUtc: new Date().toISOString() });
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(sortedIds(orders)).toEqual(range(1001, 1020));
  });

  it("lists orders placed during the listing once", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 10, 3_600_000));
    const late = generateSeedOrders({ count: 3, firstId: 1011, startUtc: "2024-05-03T22:00:00Z", stepMs: 60_000, currency: "USD" });
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) started.simulator.addOrders(late);
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4 }));
    expect(idsOf(orders)).toEqual(range(1001, 1013));
  });
});

describe("BigCommerce listing cancelled by the user", () => {
  it("stops between pages when aborted", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const controller = new AbortController();
    const pages = started.connector.listOrders({ ...WHOLE_DAY, pageSize: 4, signal: controller.signal })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.value!.orders).toHaveLength(4);
    controller.abort();
    const error = await cartFailureOf(pages.next());
    expect(error.kind).toBe("cancelled");
  });

  it("stops while lines are read when aborted", async () => {
    const started = await start(ordersFrom("2024-05-03T00:00:00Z", 12, 3_600_000));
    const controller = new AbortController();
    started.simulator.onSubResourceRequest((orderId) => {
      if (orderId === "1006") controller.abort();
    });
    const error = await cartFailureOf(collectPages(started.connector.listOrders({ ...WHOLE_DAY, signal: controller.signal })));
    expect(error.kind).toBe("cancelled");
    const afterAbort = started.simulator.requestLog().filter((entry) => /orders\/10(0[7-9]|1\d)\//.test(entry.path));
    expect(afterAbort.length).toBeLessThanOrEqual(2);
  });
});
