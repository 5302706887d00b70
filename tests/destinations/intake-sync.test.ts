import { afterEach, describe, expect, it } from "vitest";
import { HttpIntake } from "../../main/destinations/http-intake.js";
import { type ReferenceReceiver, startReferenceReceiver } from "../receiver/reference-receiver.js";
import { shopifySyncHarness, type SyncStore } from "../sync/sync-harnesses.js";
import { byNumber, expectedIds, manualClock, openSyncSetup, seeds, SUITE_RETRY_POLICY, type SyncSetup } from "../sync/sync-kit.js";

const IMPORT_FROM = "2026-11-02T00:00:00.000Z";
const NOW = "2026-11-03T00:00:00.000Z";

describe("sync into the HTTP order intake", () => {
  let store: SyncStore | null = null;
  let receiver: ReferenceReceiver | null = null;
  let setup: SyncSetup | null = null;

  afterEach(async () => {
    await setup?.close();
    await receiver?.close();
    await store?.simulator.close();
    setup = null;
    receiver = null;
    store = null;
  });

  async function begin(count: number) {
    store = await shopifySyncHarness.start();
    store.simulator.addOrders(seeds(count, 100, "2026-11-02T06:00:00.000Z"));
    receiver = await startReferenceReceiver({ processingMs: 2 });
    const intake = new HttpIntake({ endpointUrl: receiver.url, retryPolicy: SUITE_RETRY_POLICY });
    const started = store;
    setup = await openSyncSetup({ connector: () => started.connector(), importFromUtc: IMPORT_FROM, clock: manualClock(NOW), destination: intake, pageSize: 7 });
    return { simulator: started.simulator, receiver, setup };
  }

  const received = (receiver: ReferenceReceiver) =>
    receiver.documents().map((stored) => stored.body.document.cartOrderId).sort(byNumber);

  it("delivers every order once although answers get lost", async () => {
    const { simulator, receiver, setup } = await begin(30);
    receiver.injectFault({ kind: "reset-after-store", times: 2 });
    receiver.injectFault({ kind: "status", status: 503, times: 2 });
    receiver.injectFault({ kind: "malformed-after-store", times: 1 });
    const first = await setup.run();
    expect(first.error).toBeNull();
    expect(first.imported).toBe(30);
    setup.clock.advance(10 * 60_000);
    const second = await setup.run();
    expect(second.imported).toBe(0);
    expect(received(receiver)).toEqual(expectedIds(simulator.orders(), IMPORT_FROM, NOW));
  });

  it("ends the run on a receiver that keeps failing and keeps the mark", async () => {
    const { simulator, receiver, setup } = await begin(12);
    receiver.injectFault({ kind: "status", status: 503, times: 1_000 });
    const failed = await setup.run();
    expect(failed.errorKind).toBe("server-error");
    expect(failed.error).toMatch(/Order intake/);
    expect(setup.ledger.lastOrderFromUtc).toBeNull();
    expect(receiver.documents()).toEqual([]);
    expect(setup.ledger.importedCount).toBe(0);
  });
});
