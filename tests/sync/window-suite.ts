import { afterEach, describe, expect, it } from "vitest";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { SyncHarness, SyncStore } from "./sync-harnesses.js";
import { documentIds, expectedIds, manualClock, openSyncSetup, seeds, withBrokenTotal, type SyncSetup } from "./sync-kit.js";

const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW = "2026-11-03T00:00:00.000Z";
const OVERLAP_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

const at = (baseUtc: string, offsetMs: number) => new Date(Date.parse(baseUtc) + offsetMs).toISOString();

/**
 * Windows, marks, de-duplication, set-aside orders and changes after
 * import, against one platform's simulator. The order book must always end
 * up equal to the simulator's qualifying orders in the windows run so far.
 */
export function describeSyncWindowSuite(harness: SyncHarness): void {
  describe(`${harness.label} sync windows and marks`, () => {
    let store: SyncStore | null = null;
    let setup: SyncSetup | null = null;

    afterEach(async () => {
      await setup?.close();
      await store?.simulator.close();
      setup = null;
      store = null;
    });

    async function begin(orders: SeedOrder[], pageSize = 10) {
      const started = await harness.start();
      store = started;
      started.simulator.addOrders(orders);
      setup = await openSyncSetup({
        connector: () => started.connector(),
        importFromUtc: IMPORT_FROM,
        clock: manualClock(NOW),
        pageSize,
        overlapMs: OVERLAP_MS,
      });
      return { simulator: started.simulator, setup };
    }

    const docs = (setup: SyncSetup) => documentIds(setup.orderBook.documents());
    const truthUntil = (simulator: SyncStore["simulator"], untilUtc: string) =>
      expectedIds(simulator.orders(), IMPORT_FROM, untilUtc);

    it("creates nothing on a second run without changes", async () => {
      const { setup } = await begin(seeds(6, 1000, at(NOW, -10 * 60_000), 60_000));
      const first = await setup.run();
      setup.clock.advance(6 * HOUR_MS);
      const second = await setup.run();
      expect(first.imported).toBe(6);
      expect(second.imported).toBe(0);
      expect(second.alreadyImported).toBe(6);
      expect(second.changesFlagged).toBe(0);
      expect(setup.orderBook.size).toBe(6);
    });

    it("imports every order sharing one instant across pages", async () => {
      const instant = "2026-11-02T10:00:00.000Z";
      const { simulator, setup } = await begin(seeds(7, 1100, instant, 0), 3);
      const summary = await setup.run();
      expect(summary.pages).toBeGreaterThanOrEqual(3);
      expect(docs(setup)).toEqual(truthUntil(simulator, NOW));
      expect(docs(setup)).toHaveLength(7);
    });

    it("imports all eight orders with pages of five", async () => {
      const { setup } = await begin(seeds(8, 1, "2026-11-02T06:00:00.000Z", HOUR_MS), 5);
      await setup.run();
      expect(docs(setup)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    });

    it("never imports orders created before Import Orders from", async () => {
      const { setup } = await begin([...seeds(3, 1200, at(IMPORT_FROM, -90_000), 30_000), ...seeds(2, 1210, IMPORT_FROM)]);
      const summary = await setup.run();
      expect(summary.window?.fromUtc).toBe(IMPORT_FROM);
      expect(docs(setup)).toEqual(["1210", "1211"]);
    });

    it("leaves orders created after the window's end for the next run", async () => {
      const { simulator, setup } = await begin([...seeds(2, 1300, at(NOW, -HOUR_MS)), ...seeds(1, 1310, at(NOW, 60_000))]);
      const first = await setup.run();
      expect(first.window?.toUtc).toBe(NOW);
      expect(setup.ledger.lastOrderFromUtc).toBe(NOW);
      expect(docs(setup)).toEqual(["1300", "1301"]);
      setup.clock.advance(10 * 60_000);
      await setup.run();
      expect(setup.ledger.lastOrderFromUtc).toBe(at(NOW, 10 * 60_000));
      expect(docs(setup)).toEqual(truthUntil(simulator, at(NOW, 10 * 60_000)));
    });

    it("imports an order stamped before the mark within the overlap", async () => {
      const { simulator, setup } = await begin(seeds(2, 1400, at(NOW, -HOUR_MS)));
      await setup.run();
      simulator.addOrders(seeds(1, 1410, at(NOW, -5 * 60_000)));
      setup.clock.advance(5 * 60_000);
      const second = await setup.run();
      expect(second.window?.fromUtc).toBe(at(NOW, -OVERLAP_MS));
      expect(second.imported).toBe(1);
      expect(docs(setup)).toEqual(["1400", "1401", "1410"]);
    });

    it("reads from the mark minus the overlap after an outage", async () => {
      const { simulator, setup } = await begin(seeds(2, 1500, at(NOW, -HOUR_MS)));
      await setup.run();
      simulator.addOrders(seeds(30, 1510, at(NOW, HOUR_MS), HOUR_MS));
      setup.clock.advance(31 * HOUR_MS);
      const summary = await setup.run();
      expect(summary.window).toEqual({ fromUtc: at(NOW, -OVERLAP_MS), toUtc: at(NOW, 31 * HOUR_MS) });
      expect(summary.imported).toBe(30);
      expect(docs(setup)).toEqual(truthUntil(simulator, at(NOW, 31 * HOUR_MS)));
    });

    it("resumes after the last committed page once restarted", async () => {
      const { simulator, setup } = await begin(seeds(25, 1600, "2026-11-02T04:00:00.000Z", 10 * 60_000), 5);
      let pages = 0;
      const crashed = await setup.run({
        onPageCommitted: () => {
          pages++;
          if (pages === 2) throw new Error("simulated crash after the second page");
        },
      });
      expect(crashed.error).toBe("simulated crash after the second page");
      expect(setup.ledger.lastOrderFromUtc).toBeNull();
      setup.reopen();
      expect(setup.orderBook.size).toBe(10);
      const resumed = await setup.run();
      expect(resumed.alreadyImported).toBe(0);
      expect(resumed.imported).toBe(15);
      expect(docs(setup)).toEqual(truthUntil(simulator, NOW));
    });

    it("sets one failing order aside and retries it alone", async () => {
      const orders = seeds(100, 2001, "2026-11-02T01:00:00.000Z", 60_000);
      const intact = orders[46]!;
      orders[46] = withBrokenTotal(intact);
      const { setup, simulator } = await begin(orders, 25);
      const summary = await setup.run();
      expect(summary.imported).toBe(99);
      expect(summary.failed).toBe(1);
      expect(summary.failures).toHaveLength(1);
      expect(summary.failures[0]?.cartOrderId).toBe("2047");
      expect(summary.failures[0]?.reason).toMatch(/total/);
      expect(setup.ledger.failedOrders().map((failure) => failure.cartOrderId)).toEqual(["2047"]);
      expect(setup.ledger.lastOrderFromUtc).toBe(NOW);

      simulator.updateOrder("2047", { total: intact.total, presentmentTotal: intact.presentmentTotal });
      const retry = await setup.retry("2047");
      expect(retry.error).toBeNull();
      expect(retry.imported).toBe(1);
      expect(setup.ledger.failedOrders()).toEqual([]);
      expect(setup.orderBook.size).toBe(100);
      expect(docs(setup)).toEqual(truthUntil(simulator, NOW));
    });

    it("flags a cancellation after import without a second document", async () => {
      const { simulator, setup } = await begin(seeds(3, 2200, at(NOW, -10 * 60_000)));
      await setup.run();
      const cancelledAt = at(NOW, 2 * 60_000);
      simulator.updateOrder("2201", { status: "cancelled", cancelledAtUtc: cancelledAt, updatedAtUtc: cancelledAt });
      setup.clock.advance(5 * 60_000);
      const second = await setup.run();
      expect(second.changesFlagged).toBe(1);
      expect(setup.ledger.changedOrders().map(({ cartOrderId, change }) => ({ cartOrderId, change }))).toEqual([
        { cartOrderId: "2201", change: "cancelled" },
      ]);
      expect(setup.orderBook.size).toBe(3);
      setup.clock.advance(5 * 60_000);
      const third = await setup.run();
      expect(third.changesFlagged).toBe(0);
    });

    it("flags an edit after import without a second document", async () => {
      const { simulator, setup } = await begin(seeds(2, 2300, at(NOW, -10 * 60_000)));
      await setup.run();
      simulator.updateOrder("2300", { updatedAtUtc: at(NOW, 60_000), shippingTitle: "Express" });
      setup.clock.advance(5 * 60_000);
      const second = await setup.run();
      expect(second.changesFlagged).toBe(1);
      expect(setup.ledger.changedOrders().map((change) => change.change)).toEqual(["edited"]);
      expect(setup.orderBook.size).toBe(2);
    });

    it.runIf(harness.listsModifiedOrders)("flags a cancellation days after import", async () => {
      const { simulator, setup } = await begin(seeds(2, 2400, "2026-11-02T03:00:00.000Z"));
      await setup.run();
      setup.clock.advance(3 * 24 * HOUR_MS);
      const cancelledAt = at(NOW, 3 * 24 * HOUR_MS - HOUR_MS);
      simulator.updateOrder("2400", { status: "cancelled", cancelledAtUtc: cancelledAt, updatedAtUtc: cancelledAt });
      const summary = await setup.run();
      expect(summary.changesFlagged).toBe(1);
      expect(setup.ledger.changedOrders().map((change) => change.cartOrderId)).toEqual(["2400"]);
      expect(setup.orderBook.size).toBe(2);
    });

    it.runIf(harness.listsModifiedOrders)("imports a checkout draft once it becomes an order", async () => {
      const draft = { ...seeds(1, 2500, "2026-11-02T03:00:00.000Z")[0]!, status: "draft" as const };
      const { simulator, setup } = await begin([draft, ...seeds(1, 2510, "2026-11-02T04:00:00.000Z")]);
      await setup.run();
      expect(docs(setup)).toEqual(["2510"]);
      setup.clock.advance(24 * HOUR_MS);
      simulator.updateOrder("2500", { status: "open", updatedAtUtc: at(NOW, 23 * HOUR_MS) });
      const summary = await setup.run();
      expect(summary.imported).toBe(1);
      setup.clock.advance(HOUR_MS);
      await setup.run();
      expect(docs(setup)).toEqual(["2500", "2510"]);
    });
  });
}
