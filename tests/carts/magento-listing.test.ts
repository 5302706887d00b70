import got from "got";
import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { oauthAuthorizationHeader } from "../../main/carts/magento/oauth-signature.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import {
  collectOrders,
  collectPages,
  failureOf,
  magentoConnectorFor,
  magentoCredentialsOf,
} from "../simulators/magento/magento-test-kit.js";

const MAY = { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z" };

let simulator: MagentoSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

/** Twelve orders an hour apart from 2024-05-01 02:00Z, ids 1001 to 1012. */
async function storeWithOrders(count = 12, seedOverrides: Partial<SeedOrder>[] = []): Promise<MagentoSimulator> {
  simulator = await startMagentoSimulator();
  const seeds = generateSeedOrders({ count, startUtc: "2024-05-01T02:00:00Z", stepMs: 3_600_000 });
  seedOverrides.forEach((override, index) => Object.assign(seeds[index]!, override));
  simulator.addOrders(seeds);
  return simulator;
}

function orderRequests(store: MagentoSimulator) {
  return store.requestLog().filter((entry) => entry.path.endsWith("/V1/orders"));
}

describe("Magento order listing", () => {
  it("filters created_at in UTC without offset", async () => {
    const store = await storeWithOrders(1);
    await collectOrders(magentoConnectorFor(store), {
      createdFromUtc: "2024-05-01T00:00:00+02:00",
      createdToUtc: "2024-05-02T00:00:00Z",
    });
    const query = orderRequests(store)[0]!.query;
    const group = (index: number, part: string) => query[`searchCriteria[filter_groups][${index}][filters][0][${part}]`];
    expect(group(0, "field")).toBe("created_at");
    expect(group(0, "condition_type")).toBe("gteq");
    expect(group(0, "value")).toBe("2024-04-30 22:00:00");
    expect(group(1, "condition_type")).toBe("lt");
    expect(group(1, "value")).toBe("2024-05-02 00:00:00");
  });

  it("sorts by entity_id ascending without a status filter", async () => {
    const store = await storeWithOrders(1);
    await collectOrders(magentoConnectorFor(store), MAY);
    const query = orderRequests(store)[0]!.query;
    expect(query["searchCriteria[sortOrders][0][field]"]).toBe("entity_id");
    expect(query["searchCriteria[sortOrders][0][direction]"]).toBe("ASC");
    const filteredFields = Object.entries(query)
      .filter(([name]) => name.endsWith("[field]") && name.includes("filter_groups"))
      .map(([, value]) => value);
    expect(filteredFields).not.toContain("status");
    expect(filteredFields).not.toContain("state");
  });

  it("includes orders in every state", async () => {
    const store = await storeWithOrders(5, [
      { status: "cancelled", cancelledAtUtc: "2024-05-02T00:00:00Z" },
      { status: "closed", fulfillment: "fulfilled" },
      { financialStatus: "pending" },
      { financialStatus: "refunded", refunds: [{ createdAtUtc: "2024-05-03T00:00:00Z", amount: "10.00" }] },
      { status: "draft" },
    ]);
    const orders = await collectOrders(magentoConnectorFor(store), MAY);
    expect(orders.map((order) => order.orderId)).toEqual(["1001", "1002", "1003", "1004", "1005"]);
  });

  it("stops when the page holds the remaining total_count", async () => {
    const store = await storeWithOrders(10);
    const pages = await collectPages(magentoConnectorFor(store), { ...MAY, pageSize: 5 });
    expect(pages.map((page) => page.orders.length)).toEqual([5, 5]);
    expect(pages[1]!.nextCursor).toBeNull();
    expect(orderRequests(store)).toHaveLength(2);
  });

  it("simulator repeats the last page past the end", async () => {
    const store = await storeWithOrders(5);
    const pageOf = async (currentPage: number) => {
      const url = new URL(`${store.storeUrl}/rest/default/V1/orders`);
      url.searchParams.set("searchCriteria[sortOrders][0][field]", "entity_id");
      url.searchParams.set("searchCriteria[sortOrders][0][direction]", "ASC");
      url.searchParams.set("searchCriteria[pageSize]", "2");
      url.searchParams.set("searchCriteria[currentPage]", String(currentPage));
      const authorization = oauthAuthorizationHeader({
        method: "GET",
        url,
        credentials: magentoCredentialsOf(store),
        timestampSeconds: Math.floor(Date.now() / 1000),
        nonce: `page-${currentPage}`,
      });
      const body = await got(url, { headers: { authorization } }).json<{ items: { entity_id: number }[]; total_count: number }>();
      return body.items.map((item) => item.entity_id);
    };
    expect(await pageOf(3)).toEqual([1005]);
    expect(await pageOf(4)).toEqual([1005]);
  });

  it("never reads a repeated last page", async () => {
    const store = await storeWithOrders(7);
    const orders = await collectOrders(magentoConnectorFor(store), { ...MAY, pageSize: 3 });
    const ids = orders.map((order) => order.orderId);
    expect(ids).toEqual(["1001", "1002", "1003", "1004", "1005", "1006", "1007"]);
    expect(new Set(ids).size).toBe(7);
    const pages = orderRequests(store).map((entry) => entry.query["searchCriteria[currentPage]"]);
    expect(pages).toEqual(["1", "1", "1"]);
  });

  it("includes from and excludes to", async () => {
    const store = await storeWithOrders(4);
    const orders = await collectOrders(magentoConnectorFor(store), {
      createdFromUtc: "2024-05-01T03:00:00Z",
      createdToUtc: "2024-05-01T05:00:00Z",
    });
    expect(orders.map((order) => order.createdAtUtc)).toEqual(["2024-05-01T03:00:00.000Z", "2024-05-01T04:00:00.000Z"]);
  });

  it("drops orders of a whole second outside a sub-second window", async () => {
    const store = await storeWithOrders(3);
    const orders = await collectOrders(magentoConnectorFor(store), {
      createdFromUtc: "2024-05-01T02:00:00.500Z",
      createdToUtc: "2024-05-01T04:00:00.500Z",
    });
    expect(orders.map((order) => order.orderId)).toEqual(["1002", "1003"]);
  });

  it("logs orders dropped at the window's edge", async () => {
    const store = await storeWithOrders(6);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const orders = await collectOrders(magentoConnectorFor(store), {
      createdFromUtc: "2024-05-01T04:00:00.500Z",
      createdToUtc: "2024-05-01T06:00:00Z",
    });
    expect(orders.map((order) => order.orderId)).toEqual(["1004"]);
    expect(lines.some((line) => line.includes("[magento] dropped orders at the edge of the requested window"))).toBe(true);
  });

  it("fails on orders a store returns far outside the window", async () => {
    const store = await storeWithOrders(6);
    store.injectFault({ kind: "ignore-window", times: 1 });
    const error = await failureOf(
      collectOrders(magentoConnectorFor(store), { createdFromUtc: "2024-05-01T04:00:00Z", createdToUtc: "2024-05-01T06:00:00Z" }),
    );
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("window-violated");
  });

  it("lists orders added during the run once", async () => {
    const store = await storeWithOrders(4);
    const seen: string[] = [];
    for await (const page of magentoConnectorFor(store).listOrders({ ...MAY, pageSize: 2 })) {
      seen.push(...page.orders.map((order) => order.orderId));
      if (seen.length === 2) {
        store.addOrders(generateSeedOrders({ count: 2, firstId: 1005, startUtc: "2024-05-02T00:00:00Z", stepMs: 60_000 }));
        store.updateOrder("1001", { fulfillment: "fulfilled" });
      }
    }
    expect(seen).toEqual(["1001", "1002", "1003", "1004", "1005", "1006"]);
  });

  it("resumes after the cursor of a page", async () => {
    const store = await storeWithOrders(6);
    const connector = magentoConnectorFor(store);
    const first = await connector.listOrders({ ...MAY, pageSize: 4 })[Symbol.asyncIterator]().next();
    const cursor = (first.value as { nextCursor: string }).nextCursor;
    const rest = await collectOrders(connector, { ...MAY, pageSize: 4, resumeCursor: cursor });
    expect(rest.map((order) => order.orderId)).toEqual(["1005", "1006"]);
  });

  it("rejects a cursor from another window", async () => {
    const store = await storeWithOrders(6);
    const connector = magentoConnectorFor(store);
    const first = await connector.listOrders({ ...MAY, pageSize: 4 })[Symbol.asyncIterator]().next();
    const cursor = (first.value as { nextCursor: string }).nextCursor;
    const error = await failureOf(
      collectOrders(connector, { createdFromUtc: "2024-05-02T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z", resumeCursor: cursor }),
    );
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("window-violated");
  });

  it("lists a window again on a second run", async () => {
    const store = await storeWithOrders(2);
    const connector = magentoConnectorFor(store);
    const first = await collectOrders(connector, MAY);
    const second = await collectOrders(connector, MAY);
    expect(second.map((order) => order.orderId)).toEqual(first.map((order) => order.orderId));
  });

  it("caps the page size at 300", async () => {
    const store = await storeWithOrders(1);
    await collectOrders(magentoConnectorFor(store), { ...MAY, pageSize: 1000 });
    expect(orderRequests(store)[0]!.query["searchCriteria[pageSize]"]).toBe("300");
  });

  it("takes the page size a limited store allows", async () => {
    const store = await storeWithOrders(5);
    store.injectFault({ kind: "too-heavy", maxPageSize: 2, times: 10 });
    const pages = await collectPages(magentoConnectorFor(store), { ...MAY, pageSize: 50 });
    expect(pages.flatMap((page) => page.orders)).toHaveLength(5);
    const sizes = orderRequests(store).map((entry) => entry.query["searchCriteria[pageSize]"]);
    expect(sizes).toEqual(["50", "2", "2", "2"]);
  });

  it("halves the page size after repeated server errors", async () => {
    const store = await storeWithOrders(3);
    store.injectFault({ kind: "status", status: 500, times: 6 });
    const orders = await collectOrders(magentoConnectorFor(store), { ...MAY, pageSize: 40 });
    expect(orders).toHaveLength(3);
    const sizes = orderRequests(store).map((entry) => entry.query["searchCriteria[pageSize]"]);
    expect(sizes.at(-1)).toBe("20");
  });

  it("halves the page size after repeated time-outs", async () => {
    const store = await storeWithOrders(3);
    store.injectFault({ kind: "stall", delayMs: 400, times: 2 });
    const connector = magentoConnectorFor(store, {
      retryPolicy: { ...FAST_RETRY_POLICY, maxFailureAttempts: 2, attemptTimeoutMs: 150 },
    });
    const orders = await collectOrders(connector, { ...MAY, pageSize: 40 });
    expect(orders).toHaveLength(3);
    const sizes = orderRequests(store).map((entry) => entry.query["searchCriteria[pageSize]"]);
    expect(sizes).toEqual(["40", "40", "20"]);
  });

  it("waits out a 429 with Retry-After", async () => {
    const store = await storeWithOrders(2);
    store.injectFault({ kind: "status", status: 429, retryAfterSeconds: 0, times: 3 });
    const pages = await collectPages(magentoConnectorFor(store), MAY);
    expect(pages[0]!.orders).toHaveLength(2);
    expect(pages[0]!.attempts).toBe(4);
  });

  it("retries resets, stalls and malformed bodies", async () => {
    const store = await storeWithOrders(2);
    store.injectFault({ kind: "reset", times: 1 });
    store.injectFault({ kind: "malformed", times: 1 });
    store.injectFault({ kind: "stall", delayMs: 600, times: 1 });
    const retries: string[] = [];
    const connector = magentoConnectorFor(store, {
      retryPolicy: { ...FAST_RETRY_POLICY, attemptTimeoutMs: 300 },
      onRetry: (event) => retries.push(event.cause),
    });
    const orders = await collectOrders(connector, MAY);
    expect(orders).toHaveLength(2);
    expect(retries).toHaveLength(3);
    expect(retries[1]).toContain("malformed");
  });

  it("logs one line per page with its count", async () => {
    const store = await storeWithOrders(5);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    await collectOrders(magentoConnectorFor(store), { ...MAY, pageSize: 3 });
    const pageLines = lines.filter((line) => line.includes("[magento] fetched orders page"));
    expect(pageLines).toHaveLength(2);
    expect(pageLines[0]).toContain("count=3");
    expect(pageLines[1]).toContain("count=2");
    expect(lines.join("\n")).not.toContain(store.credentials.accessToken!);
  });
});
