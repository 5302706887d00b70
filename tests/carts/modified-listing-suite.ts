import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { ModifiedOrderQuery, OrderPage } from "../../main/carts/connector.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { SimulatorControl } from "../simulators/common/simulator-control.js";

/** A running simulator and a connector to it that can list modified orders. */
export type ModifiedListingStore = {
  simulator: SimulatorControl;
  listModifiedOrders(query: ModifiedOrderQuery): AsyncIterable<OrderPage>;
};

/** What one platform supplies to run the modification listing suite. */
export type ModifiedListingHarness = {
  label: string;
  /** Starts the simulator with these orders, in a store on Europe/Berlin. */
  start(orders: SeedOrder[]): Promise<ModifiedListingStore>;
};

/** The modification window every case lists. */
export const MODIFIED_WINDOW = {
  modifiedFromUtc: "2026-11-02T00:00:00.000Z",
  modifiedToUtc: "2026-11-03T00:00:00.000Z",
};

/** Creation instant of the orders, long before the window. */
const CREATED_AT = "2025-01-10T09:00:00.000Z";

/** Builds orders created at CREATED_AT, one minute apart, and last updated at their creation. */
export function oldOrders(count: number, firstId: number): SeedOrder[] {
  return generateSeedOrders({ count, firstId, startUtc: CREATED_AT, stepMs: 60_000, seed: firstId }).map((order) => ({
    ...order,
    updatedAtUtc: order.createdAtUtc,
  }));
}

/** Collects every page of a listing. */
export async function collectModifiedPages(pages: AsyncIterable<OrderPage>): Promise<OrderPage[]> {
  const collected: OrderPage[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

const ordersOf = (pages: OrderPage[]): CartOrder[] => pages.flatMap((page) => page.orders);

/**
 * Checks a connector's listing by modification time over real HTTP: the
 * window is half-open on the update time, whatever the creation time, and
 * paging returns each order once.
 */
export function describeModifiedListingSuite(harness: ModifiedListingHarness): void {
  describe(`${harness.label} modified order listing`, () => {
    let store: ModifiedListingStore | null = null;

    afterEach(async () => {
      await store?.simulator.close();
      store = null;
    });

    it("lists an old order edited inside the window", async () => {
      store = await harness.start(oldOrders(5, 3100));
      store.simulator.updateOrder("3100", { updatedAtUtc: "2026-11-01T23:59:59.000Z" });
      store.simulator.updateOrder("3101", { updatedAtUtc: "2026-11-02T00:00:00.000Z" });
      store.simulator.updateOrder("3102", { updatedAtUtc: "2026-11-02T12:30:00.000Z" });
      store.simulator.updateOrder("3103", { updatedAtUtc: "2026-11-03T00:00:00.000Z" });
      store.simulator.updateOrder("3104", { updatedAtUtc: "2026-11-04T08:00:00.000Z" });
      const orders = ordersOf(await collectModifiedPages(store.listModifiedOrders(MODIFIED_WINDOW)));
      expect(orders.map((order) => order.orderId).sort()).toEqual(["3101", "3102"]);
      expect(orders.map((order) => order.createdAtUtc)).toEqual(["2025-01-10T09:01:00.000Z", "2025-01-10T09:02:00.000Z"]);
      expect(orders.map((order) => order.updatedAtUtc)).toEqual(["2026-11-02T00:00:00.000Z", "2026-11-02T12:30:00.000Z"]);
    });

    it("lists nothing when no order was edited", async () => {
      store = await harness.start(oldOrders(3, 3200));
      const pages = await collectModifiedPages(store.listModifiedOrders(MODIFIED_WINDOW));
      expect(ordersOf(pages)).toEqual([]);
    });

    it("shows a cancellation inside the window", async () => {
      store = await harness.start(oldOrders(2, 3300));
      const cancelledAt = "2026-11-02T10:15:00.000Z";
      store.simulator.updateOrder("3301", { status: "cancelled", cancelledAtUtc: cancelledAt, updatedAtUtc: cancelledAt });
      const orders = ordersOf(await collectModifiedPages(store.listModifiedOrders(MODIFIED_WINDOW)));
      expect(orders.map((order) => order.orderId)).toEqual(["3301"]);
      expect(orders[0]?.cancelledAtUtc).not.toBeNull();
      expect(Date.parse(orders[0]?.cancelledAtUtc ?? "")).toBe(Date.parse(cancelledAt));
    });

    it("returns each edited order once across pages", async () => {
      store = await harness.start(oldOrders(10, 3400));
      // Edits in the opposite order of creation, two of them at one instant.
      const editedIds: string[] = [];
      for (let index = 0; index < 8; index++) {
        const id = String(3409 - index);
        const minute = String(Math.min(index, 6)).padStart(2, "0");
        store.simulator.updateOrder(id, { updatedAtUtc: `2026-11-02T08:${minute}:00.000Z` });
        editedIds.push(id);
      }
      const pages = await collectModifiedPages(store.listModifiedOrders({ ...MODIFIED_WINDOW, pageSize: 3 }));
      const ids = ordersOf(pages).map((order) => order.orderId);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(ids).toHaveLength(8);
      expect(new Set(ids).size).toBe(8);
      expect([...ids].sort()).toEqual([...editedIds].sort());
      expect(pages.at(-1)?.nextCursor).toBeNull();
    });

    it("resumes from the cursor of a page", async () => {
      store = await harness.start(oldOrders(6, 3500));
      for (let index = 0; index < 6; index++) {
        store.simulator.updateOrder(String(3500 + index), { updatedAtUtc: `2026-11-02T09:0${index}:00.000Z` });
      }
      const iterator = store.listModifiedOrders({ ...MODIFIED_WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
      const first = await iterator.next();
      const firstPage = first.value as OrderPage;
      await iterator.return?.();
      const rest = await collectModifiedPages(
        store.listModifiedOrders({ ...MODIFIED_WINDOW, pageSize: 2, resumeCursor: firstPage.nextCursor }),
      );
      const ids = [...firstPage.orders, ...ordersOf(rest)].map((order) => order.orderId);
      expect(firstPage.nextCursor).not.toBeNull();
      expect(ids.sort()).toEqual(["3500", "3501", "3502", "3503", "3504", "3505"]);
    });
  });
}
