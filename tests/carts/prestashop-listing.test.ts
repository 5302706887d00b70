import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderPage, OrderQuery } from "../../main/carts/connector.js";
import { localDateBounds, windowOf } from "../../main/carts/prestashop/prestashop-window.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { startPrestaShopSimulator, type PrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

let simulator: PrestaShopSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function collectPages(connector: CartConnector, query: OrderQuery): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of connector.listOrders(query)) pages.push(page);
  return pages;
}

async function idsIn(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  return (await collectPages(connector, query)).flatMap((page) => page.orders.map((order) => order.orderId));
}

async function madridShop(count: number, startUtc: string, stepMs: number): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
  simulator.addOrders(generateSeedOrders({ count, startUtc, stepMs }));
  return simulator;
}

function orderRequests(store: PrestaShopSimulator) {
  return store.requestLog().filter((entry) => entry.path === "/api/orders");
}

describe("PrestaShop order listing", () => {
  it("sends full local timestamps with date=1", async () => {
    const store = await madridShop(1, "2024-05-01T08:00:00Z", 0);
    await idsIn(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-06-01T00:00:00Z", pageSize: 50 });
    const query = orderRequests(store)[0]!.query;
    expect(query.date).toBe("1");
    expect(query["filter[date_add]"]).toBe("[2024-05-01 02:00:00,2024-06-01 02:00:00]");
    expect(query.sort).toBe("[id_ASC]");
    expect(query.limit).toBe("0,51");
    expect(query.display).toBe("full");
    expect(query.output_format).toBe("JSON");
    expect(Object.keys(query).some((name) => name.includes("current_state"))).toBe(false);
  });

  it("imports the boundary days of a month", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
    const seeds = generateSeedOrders({ count: 3, startUtc: "2018-07-01T07:15:00Z", stepMs: 0 });
    seeds[1]!.createdAtUtc = "2018-07-31T16:40:00Z";
    seeds[2]!.createdAtUtc = "2018-07-31T22:00:00Z";
    simulator.addOrders(seeds);
    const ids = await idsIn(prestaShopConnectorFor(simulator), {
      createdFromUtc: "2018-06-30T22:00:00Z",
      createdToUtc: "2018-07-31T22:00:00Z",
    });
    expect(ids).toEqual(["1001", "1002"]);
    expect(orderRequests(simulator)[0]!.query["filter[date_add]"]).toBe("[2018-07-01 00:00:00,2018-08-01 00:00:00]");
  });

  it("reads a bare [] as no orders", async () => {
    const store = await madridShop(0, "2024-05-01T08:00:00Z", 0);
    const pages = await collectPages(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z" });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.orders).toEqual([]);
    expect(pages[0]!.nextCursor).toBeNull();
  });

  it("ends on a full page without an empty request", async () => {
    const store = await madridShop(6, "2024-05-01T08:00:00Z", 60_000);
    const pages = await collectPages(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 3 });
    expect(pages.map((page) => page.orders.length)).toEqual([3, 3]);
    expect(orderRequests(store).map((entry) => entry.query["filter[id]"])).toEqual(["[1,4294967295]", "[1004,4294967295]"]);
  });

  it("imports repeated and skipped local times by the stated rule", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
    const [repeated, skipped] = generateSeedOrders({ count: 2, startUtc: "2024-03-01T00:00:00Z", stepMs: 0 });
    simulator.addOrders([{ ...repeated!, lastName: "Prieto" }, { ...skipped!, lastName: "Soler" }]);
    simulator.setRawFields("1001", { date_add: "2024-10-27 02:30:00" });
    simulator.setRawFields("1002", { date_add: "2024-03-31 02:30:00" });
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const pages = await collectPages(prestaShopConnectorFor(simulator), { createdFromUtc: "2024-01-01T00:00:00Z", createdToUtc: "2025-01-01T00:00:00Z" });
    const orders = pages.flatMap((page) => page.orders);
    expect(orders.map((order) => [order.orderId, order.createdAtUtc])).toEqual([
      ["1001", "2024-10-27T00:30:00.000Z"],
      ["1002", "2024-03-31T01:30:00.000Z"],
    ]);
    const warnings = lines.filter((line) => line.includes("daylight-saving"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("earlier of the two instants");
    expect(warnings[1]).toContain("moved forward by the gap");
  });

  it("widens local bounds only near a daylight-saving change", () => {
    const plain = localDateBounds(windowOf({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z" }), "Europe/Madrid");
    expect(plain).toEqual({ from: "2024-05-01 02:00:00", to: "2024-05-02 02:00:00" });
    const autumn = localDateBounds(windowOf({ createdFromUtc: "2024-10-27T01:00:00Z", createdToUtc: "2024-10-27T02:00:00Z" }), "Europe/Madrid");
    expect(autumn).toEqual({ from: "2024-10-27 02:00:00", to: "2024-10-27 04:00:00" });
  });

  it("splits a daylight-saving night into windows without loss or doubling", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
    const seeds = generateSeedOrders({ count: 8, startUtc: "2024-10-26T23:00:00Z", stepMs: 20 * 60_000 });
    simulator.addOrders(seeds);
    const localTimes = ["2024-10-27 02:10:00", "2024-10-27 02:50:00", "2024-03-31 02:20:00"];
    simulator.addOrders(generateSeedOrders({ count: 3, firstId: 2001, startUtc: "2024-10-27T00:00:00Z", stepMs: 0 }));
    localTimes.forEach((dateAdd, index) => simulator!.setRawFields(String(2001 + index), { date_add: dateAdd }));
    const connector = prestaShopConnectorFor(simulator);
    const everything = await idsIn(connector, { createdFromUtc: "2024-01-01T00:00:00Z", createdToUtc: "2025-01-01T00:00:00Z" });
    expect(everything).toHaveLength(11);

    for (const cutMinutes of [0, 30, 60, 90, 120, 150]) {
      for (const day of ["2024-10-27", "2024-03-31"]) {
        const cut = new Date(Date.parse(`${day}T00:00:00Z`) + cutMinutes * 60_000).toISOString();
        const before = await idsIn(connector, { createdFromUtc: "2024-01-01T00:00:00Z", createdToUtc: cut });
        const after = await idsIn(connector, { createdFromUtc: cut, createdToUtc: "2025-01-01T00:00:00Z" });
        expect([...before, ...after].sort()).toEqual([...everything].sort());
      }
    }
  });

  it("fails on orders a shop returns far outside the window", async () => {
    const store = await madridShop(5, "2024-05-01T05:00:00Z", 3_600_000);
    store.injectFault({ kind: "ignore-window", times: 1 });
    const caught = await idsIn(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T08:00:00Z", createdToUtc: "2024-05-01T10:00:00Z" }).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(CartError);
    expect((caught as CartError).kind).toBe("window-violated");
  });

  it("halves the page size when pages are too heavy", async () => {
    const store = await madridShop(4, "2024-05-01T08:00:00Z", 60_000);
    store.injectFault({ kind: "too-heavy", maxPageSize: 30, times: 6 });
    const ids = await idsIn(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 40 });
    expect(ids).toHaveLength(4);
    expect(orderRequests(store).map((entry) => entry.query.limit).at(-1)).toBe("0,21");
  });

  it("lists orders added during the run once", async () => {
    const store = await madridShop(4, "2024-05-01T08:00:00Z", 60_000);
    const seen: string[] = [];
    for await (const page of prestaShopConnectorFor(store).listOrders({ createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 2 })) {
      seen.push(...page.orders.map((order) => order.orderId));
      if (seen.length === 2) store.addOrders(generateSeedOrders({ count: 1, firstId: 1005, startUtc: "2024-05-01T12:00:00Z", stepMs: 0 }));
    }
    expect(seen).toEqual(["1001", "1002", "1003", "1004", "1005"]);
  });

  it("rejects a cursor from another window", async () => {
    const store = await madridShop(4, "2024-05-01T08:00:00Z", 60_000);
    const connector = prestaShopConnectorFor(store);
    const pages = await collectPages(connector, { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 2 });
    let caught: unknown = null;
    try {
      await idsIn(connector, { createdFromUtc: "2024-05-01T06:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", resumeCursor: pages[0]!.nextCursor });
    } catch (error) {
      caught = error;
    }
    expect((caught as CartError).kind).toBe("window-violated");
  });

  it("looks up reference data once per run", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
    const seeds = generateSeedOrders({ count: 10, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 });
    simulator.addOrders(seeds.map((seed) => ({ ...seed, customerId: "7000" })));
    await idsIn(prestaShopConnectorFor(simulator), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 5 });
    const count = (path: string) => simulator!.requestLog().filter((entry) => entry.path === path).length;
    expect(count("/api/orders")).toBe(2);
    expect(count("/api/customers")).toBe(1);
    expect(count("/api/currencies")).toBe(1);
    expect(count("/api/order_states")).toBe(1);
    expect(count("/api/configurations")).toBe(1);
    expect(count("/api/countries")).toBe(1);
    expect(count("/api/addresses")).toBe(2);
    expect(count("/api/order_details")).toBe(2);
    const customerQuery = simulator.requestLog().find((entry) => entry.path === "/api/customers")!.query;
    expect(customerQuery["filter[id]"]).toBe("[7000]");
  });

  it("retries a 429 and a reset", async () => {
    const store = await madridShop(2, "2024-05-01T08:00:00Z", 60_000);
    store.injectFault({ kind: "status", status: 429, retryAfterSeconds: 0, times: 1 });
    store.injectFault({ kind: "reset", times: 1 });
    const pages = await collectPages(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z" });
    expect(pages[0]!.orders).toHaveLength(2);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("logs one line per page with its count", async () => {
    const store = await madridShop(3, "2024-05-01T08:00:00Z", 60_000);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    await idsIn(prestaShopConnectorFor(store), { createdFromUtc: "2024-05-01T00:00:00Z", createdToUtc: "2024-05-02T00:00:00Z", pageSize: 2 });
    const pageLines = lines.filter((line) => line.includes("[prestashop] fetched orders page"));
    expect(pageLines.map((line) => /count=(\d+)/.exec(line)?.[1])).toEqual(["2", "1"]);
  });
});
