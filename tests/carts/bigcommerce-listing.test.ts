import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { createBigCommerceConnector } from "../../main/carts/bigcommerce/bigcommerce-connector.js";
import { parseStoreAddress } from "../../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { collectPages, startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import type { BigCommerceSimulatorOptions } from "../simulators/bigcommerce/bigcommerce-simulator.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";

let fixture: BcFixture | null = null;

/** Builds twenty orders one hour apart from 2024-05-03T00:00Z, ids 1001 to 1020. */
function twentyOrders(): SeedOrder[] {
  return generateSeedOrders({ count: 20, startUtc: "2024-05-03T00:00:00Z", stepMs: 3_600_000, currency: "USD" });
}

async function start(options: BigCommerceSimulatorOptions = {}): Promise<BcFixture> {
  fixture = await startBcFixture({ orders: twentyOrders(), ...options });
  return fixture;
}

const WHOLE_DAY = { createdFromUtc: "2024-05-03T00:00:00Z", createdToUtc: "2024-05-04T00:00:00Z" };

function idsOf(orders: { orderId: string }[]): string[] {
  return orders.map((order) => order.orderId);
}

function range(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
}

function orderListRequests(started: BcFixture) {
  return started.simulator.requestLog().filter((entry) => /\/v2\/orders$/.test(entry.path));
}

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

describe("BigCommerce order window", () => {
  it("sends full RFC 2822 times sorted by id", async () => {
    const started = await start();
    await collectPages(started.connector.listOrders(WHOLE_DAY));
    const query = orderListRequests(started)[0]!.query;
    expect(query.min_date_created).toBe("Thu, 02 May 2024 23:59:59 +0000");
    expect(query.max_date_created).toBe("Sat, 04 May 2024 00:00:00 +0000");
    expect(query.sort).toBe("id:asc");
    expect(query.min_id).toBe("1");
  });

  it("returns exactly the half-open window", async () => {
    const started = await start();
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["1004", "1005", "1006", "1007"]);
  });

  it("drops extras of a day-granular filter", async () => {
    // Orders 2101 to 2140, all created and modified on 2024-09-10 before 09:00Z, read by two runs.
    const orders = generateSeedOrders({ count: 40, firstId: 2101, startUtc: "2024-09-10T00:00:00Z", stepMs: 13 * 60_000, currency: "USD" });
    const started = await start({ orders, dateGranularity: "day" });
    const window = { createdFromUtc: "2024-09-10T03:00:00Z", createdToUtc: "2024-09-10T06:00:00Z" };
    const first = await collectPages(started.connector.listOrders(window));
    const second = await collectPages(started.connector.listOrders(window));
    const expected = orders.filter((order) => order.createdAtUtc >= "2024-09-10T03:00" && order.createdAtUtc < "2024-09-10T06:00").map((order) => order.id);
    expect(idsOf(first.orders)).toEqual(expected);
    expect(idsOf(second.orders)).toEqual(expected);
    expect(orderListRequests(started)[0]!.query.min_date_created).toBe("Tue, 10 Sep 2024 02:59:59 +0000");
  });

  it("drops orders of an ignored window filter", async () => {
    const started = await start();
    started.simulator.injectFault({ kind: "ignore-window", times: 10 });
    const window = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };
    const { orders } = await collectPages(started.connector.listOrders(window));
    expect(idsOf(orders)).toEqual(["1004", "1005", "1006", "1007"]);
  });

  it("reads a 204 page as empty", async () => {
    const started = await start();
    const { orders, pages } = await collectPages(
      started.connector.listOrders({ createdFromUtc: "2025-01-01T00:00:00Z", createdToUtc: "2025-01-02T00:00:00Z" }),
    );
    expect(orders).toEqual([]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(started.simulator.requestLog().every((entry) => entry.status === 204)).toBe(true);
  });

  it("lists orders by modification date", async () => {
    const started = await start();
    started.simulator.updateOrder("1003", { fulfillment: "fulfilled", updatedAtUtc: "2024-05-05T10:00:00Z" });
    const { orders } = await collectPages(
      started.connector.listModifiedOrders({ modifiedFromUtc: "2024-05-05T00:00:00Z", modifiedToUtc: "2024-05-06T00:00:00Z" }),
    );
    expect(idsOf(orders)).toEqual(["1003"]);
    expect(orders[0]!.fulfillment).toBe("fulfilled");
    expect(orderListRequests(started)[0]!.query.min_date_modified).toBe("Sat, 04 May 2024 23:59:59 +0000");
  });
});

describe("BigCommerce paging", () => {
  it("pages by min_id and reads each order once", async () => {
    const started = await start();
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 7 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    const mainPass = orderListRequests(started).filter(
      (entry) => !entry.query.status_id && !entry.query.is_deleted && !entry.query.min_date_modified,
    );
    expect(mainPass.map((entry) => entry.query.min_id)).toEqual(["1", "1008", "1015"]);
    expect(mainPass.every((entry) => entry.query.page === "1")).toBe(true);
  });

  it("skips and repeats nothing when orders change mid-paging", async () => {
    const started = await start();
    const late = generateSeedOrders({ count: 2, firstId: 1021, startUtc: "2024-05-03T20:30:00Z", stepMs: 60_000, currency: "USD" });
    started.simulator.onOrderListRequest((count) => {
      if (count !== 2) return;
      started.simulator.archiveOrder("1002");
      started.simulator.updateOrder("1009", { fulfillment: "fulfilled", updatedAtUtc: "2024-05-03T21:00:00Z" });
      started.simulator.addOrders(late);
    });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect([...idsOf(orders)].sort()).toEqual(range(1001, 1022));
    expect(new Set(idsOf(orders)).size).toBe(orders.length);
  });

  it("lists incomplete and archived orders once", async () => {
    const started = await start();
    started.simulator.updateOrder("1004", { status: "draft" });
    started.simulator.archiveOrder("1005");
    const { orders } = await collectPages(started.connector.listOrders(WHOLE_DAY));
    expect([...idsOf(orders)].sort()).toEqual(range(1001, 1020));
    expect(orders.find((order) => order.orderId === "1004")!.isDraft).toBe(true);
    expect(orders.find((order) => order.orderId === "1005")!.isArchived).toBe(true);
    const passes = orderListRequests(started).map((entry) =>
      entry.query.min_date_modified ? "changed" : (entry.query.status_id ?? entry.query.is_deleted ?? "default"),
    );
    expect(passes).toEqual(["default", "0", "true", "changed"]);
  });

  it("fails on a store that ignores min_id", async () => {
    const started = await start({ ignoresMinId: true });
    const error = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).message).toContain("min_id");
  });

  it("resumes from a saved cursor", async () => {
    const started = await start();
    const iterator = started.connector.listOrders({ ...WHOLE_DAY, pageSize: 8 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    const rest = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 8, resumeCursor: first.value!.nextCursor }));
    expect([...idsOf(first.value!.orders), ...idsOf(rest.orders)]).toEqual(range(1001, 1020));
  });
});

describe("BigCommerce faults and rate limits", () => {
  it.each([
    ["HTTP 429 with Retry-After", { kind: "status", status: 429, retryAfterSeconds: 0, times: 2 }],
    ["HTTP 500", { kind: "status", status: 500, times: 2 }],
    ["a reset connection", { kind: "reset", times: 2 }],
    ["a malformed body", { kind: "malformed", times: 2 }],
  ] as const)("retries after %s", async (_name, fault) => {
    const started = await start();
    started.simulator.injectFault({ ...fault });
    const { orders, pages } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    // The first page spends three order-list requests, plus two per order for lines and addresses.
    expect(pages[0]!.attempts).toBe(3 + 5 * 2);
  });

  it("retries a stalled page", async () => {
    fixture = await startBcFixture({ orders: twentyOrders() }, { retryPolicy: { ...FAST_RETRY_POLICY, attemptTimeoutMs: 300 } });
    fixture.simulator.injectFault({ kind: "stall", delayMs: 1_000, times: 1 });
    const { orders } = await collectPages(fixture.connector.listOrders(WHOLE_DAY));
    expect(orders).toHaveLength(20);
  });

  it("halves the page size on 413", async () => {
    const started = await start();
    started.simulator.injectFault({ kind: "too-heavy", maxPageSize: 6, times: 20 });
    const { orders } = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 25 }));
    expect(idsOf(orders)).toEqual(range(1001, 1020));
    const limits = orderListRequests(started).map((entry) => Number(entry.query.limit));
    expect(limits.slice(0, 3)).toEqual([25, 12, 6]);
  });

  it("waits for the quota reset instead of drawing 429s", async () => {
    const waits: number[] = [];
    fixture = await startBcFixture(
      { orders: twentyOrders().slice(0, 6), rateLimit: { quota: 5, windowMs: 250 } },
      {
        sleep: (ms) => {
          waits.push(ms);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    );
    const { orders } = await collectPages(fixture.connector.listOrders(WHOLE_DAY));
    expect(orders).toHaveLength(6);
    expect(waits.length).toBeGreaterThan(0);
    expect(fixture.simulator.requestLog().filter((entry) => entry.status === 429)).toEqual([]);
  });

  it("retries a 429 caused by another app", async () => {
    fixture = await startBcFixture({ orders: twentyOrders().slice(0, 2), rateLimit: { quota: 2, windowMs: 200 } });
    const otherApp = createBigCommerceConnector({
      storeUrl: parseStoreAddress(fixture.simulator.storeUrl),
      credentials: { accessToken: fixture.simulator.credentials.accessToken! },
      retryPolicy: FAST_RETRY_POLICY,
    });
    await otherApp.testConnection();
    const { orders } = await collectPages(fixture.connector.listOrders(WHOLE_DAY));
    expect(orders).toHaveLength(2);
    expect(fixture.simulator.requestLog().some((entry) => entry.status === 429)).toBe(true);
  });

  it("stops when the token is revoked mid-run", async () => {
    const started = await start();
    started.simulator.onOrderListRequest((count) => {
      if (count === 2) started.simulator.revokeCredentials();
    });
    const error = await collectPages(started.connector.listOrders({ ...WHOLE_DAY, pageSize: 5 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).isCredentialAlert).toBe(true);
  });
});
