import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { CartConnector, OrderPage, OrderQuery } from "../../main/carts/connector.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { PrestaShopReply } from "../simulators/prestashop/prestashop-reply-script.js";
import { startPrestaShopSimulator, type PrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

const YEAR_2024 = { createdFromUtc: "2024-01-01T00:00:00Z", createdToUtc: "2025-01-01T00:00:00Z" };

let simulator: PrestaShopSimulator | null = null;
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

async function madridShop(seeds: SeedOrder[]): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
  simulator.addOrders(seeds);
  return simulator;
}

/** Orders created at the given instants, ids from 1001. */
function ordersAt(instants: string[]): SeedOrder[] {
  return instants.map((createdAtUtc, index) => ({
    ...generateSeedOrders({ count: 1, firstId: 1001 + index, startUtc: createdAtUtc, stepMs: 0 })[0]!,
  }));
}

async function pagesOf(connector: CartConnector, query: OrderQuery): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of connector.listOrders(query)) pages.push(page);
  return pages;
}

async function idsOf(connector: CartConnector, query: OrderQuery): Promise<string[]> {
  return (await pagesOf(connector, query)).flatMap((page) => page.orders.map((order) => order.orderId));
}

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

type OrderList = { orders: { id: number }[] };

/** Builds a script that edits the parsed body of an order list reply. */
function rewriteOrders(edit: (body: OrderList) => void) {
  return (reply: PrestaShopReply): PrestaShopReply => {
    const body = JSON.parse(reply.body) as OrderList;
    edit(body);
    return { ...reply, body: JSON.stringify(body) };
  };
}

describe("PrestaShop across a daylight-saving change", () => {
  // 2024-10-27 in Madrid: 02:00-03:00 occurs twice (CEST, then CET). 2024-03-31: 02:00-03:00 is skipped.
  const AUTUMN = ["2024-10-27T00:30:00Z", "2024-10-27T00:59:59Z", "2024-10-27T01:00:00Z", "2024-10-27T01:30:00Z", "2024-10-27T02:10:00Z"];

  it("imports both orders of a repeated local time and logs the adjusted times", async () => {
    const store = await madridShop(ordersAt(AUTUMN));
    const orders = (await pagesOf(prestaShopConnectorFor(store), { ...YEAR_2024, pageSize: 1 })).flatMap((page) => page.orders);
    expect(orders.map((order) => [order.orderId, order.createdAtUtc])).toEqual([
      ["1001", "2024-10-27T00:30:00.000Z"],
      ["1002", "2024-10-27T00:59:59.000Z"],
      ["1003", "2024-10-27T00:00:00.000Z"],
      ["1004", "2024-10-27T00:30:00.000Z"],
      ["1005", "2024-10-27T02:10:00.000Z"],
    ]);
    const adjusted = logLines.filter((line) => line.includes("daylight-saving"));
    expect(adjusted).toHaveLength(4);
    expect(adjusted.find((line) => line.includes("orderId=1004"))).toContain("createdAtUtc=2024-10-27T00:30:00.000Z");
    expect(adjusted.find((line) => line.includes("orderId=1004"))).toContain("dateAdd=2024-10-27 02:30:00");
  });

  it("splits the repeated hour into windows without loss or doubling", async () => {
    const store = await madridShop(ordersAt(AUTUMN));
    const connector = prestaShopConnectorFor(store);
    for (const cut of ["2024-10-27T00:00:00Z", "2024-10-27T00:30:00Z", "2024-10-27T00:45:00Z", "2024-10-27T01:00:00Z", "2024-10-27T01:30:00Z", "2024-10-27T02:00:00Z"]) {
      const before = await idsOf(connector, { createdFromUtc: YEAR_2024.createdFromUtc, createdToUtc: cut, pageSize: 2 });
      const after = await idsOf(connector, { createdFromUtc: cut, createdToUtc: YEAR_2024.createdToUtc, pageSize: 2 });
      expect(before.filter((id) => after.includes(id))).toEqual([]);
      expect([...before, ...after].sort()).toEqual(["1001", "1002", "1003", "1004", "1005"]);
    }
  });

  it("imports orders stamped in the skipped hour once", async () => {
    const store = await madridShop(ordersAt(["2024-03-31T00:30:00Z", "2024-03-31T00:40:00Z", "2024-03-31T01:10:00Z"]));
    store.setRawFields("1002", { date_add: "2024-03-31 02:15:00" });
    const connector = prestaShopConnectorFor(store);
    const all = (await pagesOf(connector, YEAR_2024)).flatMap((page) => page.orders);
    expect(all.map((order) => [order.orderId, order.createdAtUtc])).toEqual([
      ["1001", "2024-03-31T00:30:00.000Z"],
      ["1002", "2024-03-31T01:15:00.000Z"],
      ["1003", "2024-03-31T01:10:00.000Z"],
    ]);
    const skipped = logLines.filter((line) => line.includes("moved forward by the gap"));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain("orderId=1002");
    const cut = "2024-03-31T01:12:00Z";
    const before = await idsOf(connector, { createdFromUtc: YEAR_2024.createdFromUtc, createdToUtc: cut });
    const after = await idsOf(connector, { createdFromUtc: cut, createdToUtc: YEAR_2024.createdToUtc });
    expect([before, after]).toEqual([["1001", "1003"], ["1002"]]);
  });
});

describe("PrestaShop window edges", () => {
  it("includes orders at from and excludes orders at to across pages", async () => {
    const at = (instant: string, count: number) => Array<string>(count).fill(instant);
    const store = await madridShop(ordersAt([...at("2024-05-10T00:00:00Z", 3), "2024-05-10T23:59:59Z", ...at("2024-05-11T00:00:00Z", 3)]));
    const connector = prestaShopConnectorFor(store);
    const day = await idsOf(connector, { createdFromUtc: "2024-05-10T00:00:00Z", createdToUtc: "2024-05-11T00:00:00Z", pageSize: 2 });
    const next = await idsOf(connector, { createdFromUtc: "2024-05-11T00:00:00Z", createdToUtc: "2024-05-12T00:00:00Z", pageSize: 2 });
    expect(day).toEqual(["1001", "1002", "1003", "1004"]);
    expect(next).toEqual(["1005", "1006", "1007"]);
  });

  it("drops orders of a whole second outside a sub-second window", async () => {
    const store = await madridShop(ordersAt(["2024-05-10T08:00:00Z", "2024-05-10T09:00:00Z", "2024-05-10T10:00:00Z"]));
    const window = { createdFromUtc: "2024-05-10T08:00:00.250Z", createdToUtc: "2024-05-10T10:00:00.750Z" };
    expect(await idsOf(prestaShopConnectorFor(store), window)).toEqual(["1002", "1003"]);
    const rest = { createdFromUtc: "2024-05-10T10:00:00.750Z", createdToUtc: "2024-05-11T00:00:00Z" };
    expect(await idsOf(prestaShopConnectorFor(store), rest)).toEqual([]);
  });
});

describe("PrestaShop paging against a changing or misbehaving shop", () => {
  const hourly = (count: number) => generateSeedOrders({ count, startUtc: "2024-05-01T08:00:00Z", stepMs: 3_600_000 });

  it("lists each order once when orders arrive and leave while paging", async () => {
    const store = await madridShop(hourly(7));
    const seen: string[] = [];
    for await (const page of prestaShopConnectorFor(store).listOrders({ ...YEAR_2024, pageSize: 2 })) {
      seen.push(...page.orders.map((order) => order.orderId));
      if (seen.length === 2) {
        store.deleteOrder("1001");
        store.deleteOrder("1004");
        store.addOrders(generateSeedOrders({ count: 1, firstId: 1008, startUtc: "2024-05-01T07:00:00Z", stepMs: 0 }));
      }
    }
    expect(seen).toEqual(["1001", "1002", "1003", "1005", "1006", "1007", "1008"]);
  });

  it("stops when a shop ignores the id filter", async () => {
    const store = await madridShop(hourly(6));
    let firstPage: OrderList | null = null;
    store.scriptReplies("orders", rewriteOrders((body) => void (firstPage = structuredClone(body))));
    store.scriptReplies("orders", rewriteOrders((body) => void (body.orders = firstPage!.orders)));
    const error = await failure(idsOf(prestaShopConnectorFor(store), { ...YEAR_2024, pageSize: 3 }));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("out of the requested order");
  });

  it("stops when a shop ignores the sort", async () => {
    const store = await madridShop(hourly(6));
    let everything: OrderList | null = null;
    store.scriptReplies("orders", rewriteOrders((body) => void (everything = structuredClone(body))));
    await idsOf(prestaShopConnectorFor(store), YEAR_2024);
    store.scriptReplies("orders", rewriteOrders((body) => void (body.orders = everything!.orders.reverse().slice(0, 4))));
    const error = await failure(idsOf(prestaShopConnectorFor(store), { ...YEAR_2024, pageSize: 3 }));
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("1006,1005,1004,1003");
  });
});

describe("PrestaShop customers that are gone", () => {
  it("imports guests, deleted customers and deleted addresses", async () => {
    const seeds = generateSeedOrders({ count: 3, startUtc: "2024-05-01T08:00:00Z", stepMs: 60_000 });
    seeds[0] = { ...seeds[0]!, customerId: null, email: "lucia.prieto@example.test" };
    const store = await madridShop(seeds);
    store.setRawFields("1002", { id_customer: "0" });
    store.setRawFields("1003", { id_customer: "987654", id_address_delivery: "0", id_address_invoice: "555555" });
    const orders = (await pagesOf(prestaShopConnectorFor(store), YEAR_2024)).flatMap((page) => page.orders);
    expect(orders.map((order) => order.orderId)).toEqual(["1001", "1002", "1003"]);
    expect(orders.map((order) => order.customer.isGuest)).toEqual([true, true, true]);
    expect(orders.map((order) => order.customer.email)).toEqual(["lucia.prieto@example.test", null, null]);
    expect(orders[1]!.customer.lastName).toBe(seeds[1]!.lastName);
    expect(orders[2]!.billingAddress).toBeNull();
    expect(orders[2]!.shippingAddress).toBeNull();
    const customerQuery = store.requestLog().find((entry) => entry.path === "/api/customers")!.query;
    expect(customerQuery["filter[id]"]).toBe(`[${90_000 + 1001}|987654]`);
  });
});
