import { afterEach, describe, expect, it } from "vitest";
import type { RetryPolicy } from "../../main/http/retry-policy.js";
import type { SimulatorFault } from "../simulators/common/faults.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { SyncHarness, SyncStore } from "./sync-harnesses.js";
import { documentIds, expectedIds, manualClock, openSyncSetup, seeds, SUITE_RETRY_POLICY, type SyncSetup } from "./sync-kit.js";

const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW = "2026-11-03T00:00:00.000Z";

const TRANSIENT_FAULTS: { name: string; fault: SimulatorFault }[] = [
  { name: "503 answers", fault: { kind: "status", status: 503, times: 2 } },
  { name: "stall", fault: { kind: "stall", delayMs: 1_500, times: 1 } },
  { name: "connection resets", fault: { kind: "reset", times: 2 } },
  { name: "malformed bodies", fault: { kind: "malformed", times: 2 } },
];

/**
 * Runs the sync against one platform's simulator under each fault the
 * network and the cart can produce. In every case the order book ends up
 * with exactly the simulator's qualifying orders, each once.
 */
export function describeSyncFaultSuite(harness: SyncHarness): void {
  describe(`${harness.label} sync under faults`, () => {
    let store: SyncStore | null = null;
    let setup: SyncSetup | null = null;

    afterEach(async () => {
      await setup?.close();
      await store?.simulator.close();
      setup = null;
      store = null;
    });

    async function begin(orders: SeedOrder[], options: { pageSize?: number; policy?: RetryPolicy } = {}) {
      const started = await harness.start();
      store = started;
      started.simulator.addOrders(orders);
      setup = await openSyncSetup({
        connector: () => started.connector(options.policy ?? SUITE_RETRY_POLICY),
        importFromUtc: IMPORT_FROM,
        clock: manualClock(NOW),
        pageSize: options.pageSize,
      });
      return { simulator: started.simulator, setup };
    }

    const truth = (simulator: SyncStore["simulator"]) => expectedIds(simulator.orders(), IMPORT_FROM, NOW);

    it("imports every qualifying order once", async () => {
      const orders = [...seeds(2, 100, "2026-11-01T20:00:00.000Z"), ...seeds(24, 200, "2026-11-02T08:00:00.000Z")];
      orders[3] = { ...orders[3]!, status: "cancelled", cancelledAtUtc: "2026-11-02T09:00:00.000Z", updatedAtUtc: "2026-11-02T09:00:00.000Z" };
      orders[5] = { ...orders[5]!, fulfillment: "fulfilled", status: "closed" };
      const { simulator, setup } = await begin(orders);
      const summary = await setup.run();
      expect(summary.error).toBeNull();
      expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
      expect(summary.imported).toBe(22);
      expect(summary.skipped).toEqual({ cancelled: 1, fulfilled: 1 });
      expect(setup.ledger.lastOrderFromUtc).toBe(NOW);
    });

    it("waits out seven 429 answers with Retry-After", async () => {
      const { simulator, setup } = await begin(seeds(12, 300, "2026-11-02T08:00:00.000Z"));
      simulator.injectFault({ kind: "status", status: 429, retryAfterSeconds: 0.02, times: 7 });
      const summary = await setup.run();
      expect(summary.error).toBeNull();
      expect(summary.retries).toBeGreaterThanOrEqual(7);
      expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
    });

    for (const { name, fault } of TRANSIENT_FAULTS) {
      it(`retries ${name} and imports everything`, async () => {
        const { simulator, setup } = await begin(seeds(12, 400, "2026-11-02T08:00:00.000Z"));
        simulator.injectFault({ ...fault });
        const summary = await setup.run();
        expect(summary.error).toBeNull();
        expect(summary.retries).toBeGreaterThanOrEqual(fault.times);
        expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
      });
    }

    it("ends the run on lasting server errors and resumes later", async () => {
      const { simulator, setup } = await begin(seeds(30, 500, "2026-11-02T08:00:00.000Z"));
      let injected = false;
      const first = await setup.run({
        onPageCommitted: () => {
          if (injected) return;
          injected = true;
          simulator.injectFault({ kind: "status", status: 503, times: 30 });
        },
      });
      expect(first.errorKind).toBe("server-error");
      expect(first.error).toContain(harness.label.split(" ")[0]);
      expect(setup.ledger.lastOrderFromUtc).toBeNull();
      expect(setup.ledger.openCheckpoint).not.toBeNull();
      expect(setup.orderBook.size).toBe(10);

      let last = first;
      for (let run = 0; run < 12 && last.error !== null; run++) {
        last = await setup.run();
        if (last.error !== null) expect(setup.ledger.lastOrderFromUtc).toBeNull();
      }
      expect(last.error).toBeNull();
      expect(setup.ledger.lastOrderFromUtc).toBe(NOW);
      expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
    });

    it("retries a page too heavy for the store with fewer orders", async () => {
      const { simulator, setup } = await begin(seeds(30, 600, "2026-11-02T08:00:00.000Z"), { pageSize: 20 });
      simulator.injectFault({ kind: "too-heavy", maxPageSize: 8, times: 40 });
      const summary = await setup.run();
      expect(summary.error).toBeNull();
      expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
    });

    it("never imports an order from outside the window", async () => {
      const early = seeds(1, 700, "2026-11-01T12:00:00.000Z");
      const { simulator, setup } = await begin([...early, ...seeds(8, 710, "2026-11-02T08:00:00.000Z")]);
      simulator.injectFault({ kind: "ignore-window", times: 1 });
      const first = await setup.run();
      expect(setup.orderBook.has(`${harness.platform}:suite-store:700`)).toBe(false);
      if (harness.strayOrders === "fail-run") {
        expect(first.errorKind).toBe("window-violated");
        expect(first.error).toContain("#700");
        expect(first.error).toContain(IMPORT_FROM);
        expect(setup.ledger.lastOrderFromUtc).toBeNull();
        const second = await setup.run();
        expect(second.error).toBeNull();
      } else {
        expect(first.error).toBeNull();
      }
      expect(documentIds(setup.orderBook.documents())).toEqual(truth(simulator));
    });

    it("stops on revoked credentials with a credential alert", async () => {
      const { simulator, setup } = await begin(seeds(12, 800, "2026-11-02T08:00:00.000Z"), { pageSize: 5 });
      const summary = await setup.run({ onPageCommitted: () => simulator.revokeCredentials() });
      expect(summary.credentialAlert).toBe(true);
      expect(summary.errorKind).toBe("credentials-rejected");
      expect(summary.imported).toBe(5);
      expect(setup.ledger.lastOrderFromUtc).toBeNull();
      expect(setup.orderBook.size).toBe(5);
    });

    it("reports a run without new orders with no error and no alert", async () => {
      const { setup } = await begin([]);
      const summary = await setup.run();
      expect(summary.error).toBeNull();
      expect(summary.credentialAlert).toBe(false);
      expect(summary.imported).toBe(0);
      expect(summary.pages).toBeGreaterThanOrEqual(0);
      expect(setup.ledger.lastOrderFromUtc).toBe(NOW);
    });
  });
}
