import { afterEach, describe, expect, it } from "vitest";
import type { SyncHarness, SyncStore } from "./sync-harnesses.js";
import { documentIds, manualClock, openSyncSetup, seeds, type SyncSetup } from "./sync-kit.js";

const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW = "2026-11-03T00:00:00.000Z";
const OVERLAP_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

/**
 * Checks that the sync sees, through the connector's modification listing,
 * a cancellation made long after the order was imported, when the order's
 * creation time is far behind the overlap of every later creation window.
 */
export function describeChangeAfterOverlap(harness: SyncHarness): void {
  describe(`${harness.label} changes after the overlap`, () => {
    let store: SyncStore | null = null;
    let setup: SyncSetup | null = null;

    afterEach(async () => {
      await setup?.close();
      await store?.simulator.close();
      setup = null;
      store = null;
    });

    it("flags a cancellation days after import", async () => {
      store = await harness.start();
      const simulator = store.simulator;
      simulator.addOrders(seeds(3, 2400, "2026-11-02T03:00:00.000Z"));
      const started = store;
      setup = await openSyncSetup({
        connector: () => started.connector(),
        importFromUtc: IMPORT_FROM,
        clock: manualClock(NOW),
        pageSize: 2,
        overlapMs: OVERLAP_MS,
      });
      const first = await setup.run();
      expect(first.error).toBeNull();
      expect(first.imported).toBe(3);

      setup.clock.advance(HOUR_MS);
      const quiet = await setup.run();
      expect(quiet.changesFlagged).toBe(0);

      setup.clock.advance(3 * 24 * HOUR_MS);
      const cancelledAt = new Date(setup.clock.now() - HOUR_MS).toISOString();
      simulator.updateOrder("2401", { status: "cancelled", cancelledAtUtc: cancelledAt, updatedAtUtc: cancelledAt });
      const summary = await setup.run();
      expect(summary.error).toBeNull();
      expect(summary.changesFlagged).toBe(1);
      expect(summary.imported).toBe(0);
      const changes = setup.ledger.changedOrders().map(({ cartOrderId, change }) => ({ cartOrderId, change }));
      expect(changes).toEqual([{ cartOrderId: "2401", change: "cancelled" }]);
      expect(setup.orderBook.size).toBe(3);
      expect(documentIds(setup.orderBook.documents())).toEqual(["2400", "2401", "2402"]);

      setup.clock.advance(HOUR_MS);
      const after = await setup.run();
      expect(after.changesFlagged).toBe(0);
      expect(setup.orderBook.size).toBe(3);
    });
  });
}
