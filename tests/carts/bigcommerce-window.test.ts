import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { collectPages, startBcFixture, type BcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";

let fixture: BcFixture | null = null;

afterEach(async () => {
  await fixture?.simulator.close();
  fixture = null;
});

const WINDOW = { createdFromUtc: "2024-05-03T03:00:00Z", createdToUtc: "2024-05-03T07:00:00Z" };

function orderAt(id: number, createdAtUtc: string): SeedOrder {
  return generateSeedOrders({ count: 1, firstId: id, startUtc: createdAtUtc, stepMs: 1, currency: "USD" })[0]!;
}

/** Orders 2001 to 2004 one hour apart from 03:00Z, inside WINDOW. */
function ordersInWindow(): SeedOrder[] {
  return generateSeedOrders({ count: 4, firstId: 2001, startUtc: "2024-05-03T03:00:00Z", stepMs: 3_600_000, currency: "USD" });
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

describe("BigCommerce store that ignores the creation window", () => {
  it("drops boundary orders silently", async () => {
    // Orders of the days around the window, as a day-granular filter in a
    // store time zone returns them, lie within the known widening.
    const boundary = [orderAt(1001, "2024-05-02T10:00:00Z"), orderAt(2101, "2024-05-03T23:59:59Z")];
    fixture = await startBcFixture({ orders: [boundary[0]!, ...ordersInWindow(), boundary[1]!] });
    fixture.simulator.injectFault({ kind: "ignore-window", times: 10 });
    const { orders } = await collectPages(fixture.connector.listOrders(WINDOW));
    expect(orders.map((order) => order.orderId)).toEqual(["2001", "2002", "2003", "2004"]);
  });

  it("fails on an order far outside", async () => {
    fixture = await startBcFixture({ orders: [orderAt(1001, "2024-04-28T03:00:00Z"), ...ordersInWindow()] });
    fixture.simulator.injectFault({ kind: "ignore-window", times: 10 });
    const { pages, error } = await readUntilFailure(fixture.connector.listOrders(WINDOW));
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(CartError);
    const failure = error as CartError;
    expect(failure.kind).toBe("window-violated");
    expect(failure.message).toContain("order #1001");
    expect(failure.message).toContain("2024-04-28T03:00:00.000Z");
    expect(failure.message).toContain("2024-05-03T03:00:00Z up to 2024-05-03T07:00:00Z");
    expect(failure.message).toContain("ignored the date filter");
    expect(failure.message).toContain("nothing from this page was imported");
  });

  it("keeps the pages before the stray order", async () => {
    fixture = await startBcFixture({ orders: [...ordersInWindow(), orderAt(2201, "2024-05-08T12:00:00Z")] });
    fixture.simulator.injectFault({ kind: "ignore-window", times: 10 });
    const { pages, error } = await readUntilFailure(fixture.connector.listOrders({ ...WINDOW, pageSize: 2 }));
    expect(idsOf(pages)).toEqual(["2001", "2002"]);
    expect((error as CartError).kind).toBe("window-violated");
    expect((error as CartError).message).toContain("order #2201");
  });

  it("drops stray orders of a modification window", async () => {
    fixture = await startBcFixture({ orders: [orderAt(1001, "2024-04-28T03:00:00Z"), ...ordersInWindow()] });
    fixture.simulator.injectFault({ kind: "ignore-window", times: 10 });
    const { orders } = await collectPages(
      fixture.connector.listModifiedOrders({ modifiedFromUtc: "2024-05-03T03:00:00Z", modifiedToUtc: "2024-05-03T07:00:00Z" }),
    );
    expect(orders.map((order) => order.orderId)).toEqual(["2001", "2002", "2003", "2004"]);
  });
});
