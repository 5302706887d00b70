import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { startPrestaShopSimulator, type PrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";

let simulator: PrestaShopSimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

const WINDOW = { createdFromUtc: "2024-05-01T09:00:00Z", createdToUtc: "2024-05-01T13:00:00Z" };

function orderAt(id: number, createdAtUtc: string): SeedOrder {
  return generateSeedOrders({ count: 1, firstId: id, startUtc: createdAtUtc, stepMs: 1 })[0]!;
}

/** Orders 2001 to 2004 one hour apart from 09:00Z, inside WINDOW. */
function ordersInWindow(): SeedOrder[] {
  return generateSeedOrders({ count: 4, firstId: 2001, startUtc: "2024-05-01T09:00:00Z", stepMs: 3_600_000 });
}

async function madridShopWith(orders: SeedOrder[]): Promise<PrestaShopSimulator> {
  simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
  simulator.addOrders(orders);
  return simulator;
}

/** Reads pages until the listing ends or fails, keeping the pages yielded before a failure. */
async function readUntilFailure(listing: AsyncIterable<OrderPage>): Promise<{ pages: OrderPage[]; error: unknown }> {
  const pages: OrderPage[] = [];
  try {
    for await (const page of listing) pages.push(page);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: null };
}

function idsOf(pages: OrderPage[]): string[] {
  return pages.flatMap((page) => page.orders.map((order) => order.orderId));
}

describe("PrestaShop shop that ignores the creation window", () => {
  it("drops boundary orders silently", async () => {
    // An hour before and a second after lie within the daylight-saving and whole-second widening.
    const store = await madridShopWith([orderAt(1001, "2024-05-01T08:00:00Z"), ...ordersInWindow(), orderAt(2101, "2024-05-01T13:00:01Z")]);
    store.injectFault({ kind: "ignore-window", times: 5 });
    const { pages, error } = await readUntilFailure(prestaShopConnectorFor(store).listOrders(WINDOW));
    expect(error).toBeNull();
    expect(idsOf(pages)).toEqual(["2001", "2002", "2003", "2004"]);
  });

  it("fails on an order far outside", async () => {
    const store = await madridShopWith([orderAt(1001, "2024-05-01T05:00:00Z"), ...ordersInWindow()]);
    store.injectFault({ kind: "ignore-window", times: 5 });
    const { pages, error } = await readUntilFailure(prestaShopConnectorFor(store).listOrders(WINDOW));
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(CartError);
    const failure = error as CartError;
    expect(failure.kind).toBe("window-violated");
    expect(failure.message).toContain("order #1001");
    expect(failure.message).toContain("2024-05-01T05:00:00.000Z");
    expect(failure.message).toContain("2024-05-01 07:00:00 shop time");
    expect(failure.message).toContain("2024-05-01T09:00:00.000Z up to 2024-05-01T13:00:00.000Z");
    expect(failure.message).toContain("ignored the date filter");
    expect(failure.message).toContain("nothing from this page was imported");
  });

  it("keeps the pages before the stray order", async () => {
    const store = await madridShopWith([...ordersInWindow(), orderAt(2201, "2024-05-02T12:00:00Z")]);
    store.injectFault({ kind: "ignore-window", times: 5 });
    const { pages, error } = await readUntilFailure(prestaShopConnectorFor(store).listOrders({ ...WINDOW, pageSize: 2 }));
    expect(idsOf(pages)).toEqual(["2001", "2002", "2003", "2004"]);
    expect((error as CartError).kind).toBe("window-violated");
    expect((error as CartError).message).toContain("order #2201");
  });
});
