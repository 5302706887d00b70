import { afterEach, describe, expect, it } from "vitest";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { MappingOptions } from "../../main/mapping/map-order.js";
import { exportedRecordOf } from "../../main/cutover/ledger-view.js";
import { connectorFor } from "../carts/shopify-harness.js";
import { CutoverRig, numbersIn, seedAt } from "../cutover/cutover-rig.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { expectSoundCutover } from "./proof-assertions.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const open: CutoverRig[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** Opens a store exported and synced once: #3001 before the cut-off, #3002 after it. */
async function syncedRig(mapping: Partial<MappingOptions> = {}): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
  const rig = await CutoverRig.open({
    simulator,
    connector: connectorFor(simulator),
    cutoffWallClock: "2026-09-01T10:00",
    nowMs: Date.parse("2026-09-01T08:00:00Z") + 2 * HOUR,
    mapping,
  });
  open.push(rig);
  simulator.addOrders([seedAt(3001, rig.at(-HOUR))]);
  await rig.exportBeforeCutoff();
  rig.goLive();
  simulator.addOrders([seedAt(3002, rig.at(HOUR))]);
  await rig.sync();
  return rig;
}

function rowOf(report: Awaited<ReturnType<CutoverRig["proof"]>>, orderNumber: string) {
  const row = report.rows.find((candidate) => candidate.orderNumber === orderNumber);
  if (!row) throw new Error(`The proof has no row for ${orderNumber}`);
  return row;
}

describe("proof of a broken cut-over", () => {
  it("names a pre-cut-off order listed late", async () => {
    const rig = await syncedRig();
    rig.options.simulator.addOrders([seedAt(3003, rig.at(-10 * MINUTE))]);

    const report = await rig.proof(6);

    expect(report.clean).toBe(false);
    expect(report.counts.missing).toBe(1);
    expect(rowOf(report, "#3003").set).toBe("missing");
    expect(rowOf(report, "#3003").reason).toMatch(/^Missing: created before the cut-off and qualifies for the export, but no export contains it/);
    expect(report.messages[0]).toMatch(/^The cut-over is NOT complete: 1 order\(s\) are missing and 0 order\(s\) are doubled/);
    expect(report.messages[1]).toMatch(/^#3003 \(cart order id 3003, created 2026-09-01 09:50:00 \(UTC\+02:00\), before the cut-off\): Missing: .* Export again for this cut-off/);

    await rig.exportBeforeCutoff();
    const fixed = await rig.proof(6);
    expectSoundCutover(fixed, rig);
    expect(numbersIn(fixed, "exported")).toEqual(["#3001", "#3003"]);
  });

  it("recovers a post-cut-off order listed late", async () => {
    const rig = await syncedRig();
    // Created 10 minutes after the cut-off, listed only after the run that read that window.
    rig.options.simulator.addOrders([seedAt(3004, rig.at(10 * MINUTE))]);

    const report = await rig.proof(6);
    expect(rowOf(report, "#3004").set).toBe("missing");
    expect(rowOf(report, "#3004").reason).toContain("Import new orders now will not read it again");
    expect(rowOf(report, "#3004").reason).toContain("save Go live with Import Orders from one minute before the cut-off");

    // Following the advice reads the window again; nothing is imported twice.
    await rig.sync();
    expect(rowOf(await rig.proof(6), "#3004").set).toBe("missing");
    rig.goLive(rig.at(-MINUTE));
    const rerun = await rig.sync();
    expect(rerun.imported).toBe(1);
    const fixed = await rig.proof(6);
    expectSoundCutover(fixed, rig);
    expect(numbersIn(fixed, "imported")).toEqual(["#3002", "#3004"]);
  });

  it("sends a recent order to import", async () => {
    const rig = await syncedRig();
    rig.options.simulator.addOrders([seedAt(3005, rig.at(110 * MINUTE))]);

    const report = await rig.proof(6);
    expect(rowOf(report, "#3005").reason).toBe("Missing: not imported yet. Run Import new orders now.");

    await rig.sync();
    expectSoundCutover(await rig.proof(6), rig);
  });

  it("sends a set-aside order to retry", async () => {
    // With guests rejected, an order without an e-mail address is set aside.
    const rig = await syncedRig({ guestPolicy: "reject" });
    rig.options.simulator.addOrders([seedAt(3006, rig.at(115 * MINUTE), { email: null, customerId: null })]);
    rig.nowMs += 10 * MINUTE;
    const run = await rig.sync();
    expect(run.failed).toBe(1);

    const report = await rig.proof(6);
    const row = rowOf(report, "#3006");
    expect(row.set).toBe("missing");
    expect(row.reason).toMatch(/^Missing: the sync set it aside: .+ Fix it in the cart, then retry it in the Monitor step\.$/);
  });

  it("names the document of a doubled order", async () => {
    const rig = await syncedRig();
    const atUtc = new Date(rig.nowMs).toISOString();
    // Simulates an old system that also received #3002, which the sync imported.
    rig.ledger.commit([exportedRecordOf(["3002"], rig.cutoff.cutoffUtc, rig.mapping.storeId, atUtc)]);
    const documentId = rig.view.importedDocumentOf({ platform: "shopify", orderId: "3002" } as CartOrder);
    expect(documentId).toMatch(/^SO-\d{6}$/);

    const report = await rig.proof(6);
    const row = rowOf(report, "#3002");

    expect(report.clean).toBe(false);
    expect(report.counts.doubled).toBe(1);
    expect(report.counts.missing).toBe(0);
    expect(row.set).toBe("imported");
    expect(row.foundIn).toEqual(["exported", "imported"]);
    expect(row.reason).toMatch(/^Doubled: the sync imported it as document SO-\d{6}, and it is also in the export/);
    expect(row.reason).toMatch(new RegExp(`delete it from the old system's T-4 upload and keep document ${documentId}\\.$`));
    expect(report.messages[0]).toMatch(/0 order\(s\) are missing and 1 order\(s\) are doubled/);
  });

  it("names the sync's document before the cut-off", async () => {
    const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
    const rig = await CutoverRig.open({
      simulator,
      connector: connectorFor(simulator),
      cutoffWallClock: "2026-09-01T10:00",
      nowMs: Date.parse("2026-09-01T10:00:00Z"),
    });
    open.push(rig);
    simulator.addOrders([seedAt(3010, rig.at(-30 * MINUTE))]);
    // An overlap started before any export, so the sync imported an order the old system also has.
    rig.goLive(rig.at(-HOUR));
    await rig.sync();
    const atUtc = new Date(rig.nowMs).toISOString();
    rig.ledger.commit([exportedRecordOf(["3010"], rig.cutoff.cutoffUtc, rig.mapping.storeId, atUtc)]);
    const documentId = rig.view.importedDocumentOf({ platform: "shopify", orderId: "3010" } as CartOrder);

    const report = await rig.proof(6);
    const row = rowOf(report, "#3010");

    expect(report.counts.doubled).toBe(1);
    expect(row.set).toBe("exported");
    expect(row.reason).toBe(
      `Doubled: it is in the export for the old system and the sync also imported it as document ${documentId}. The old system owns orders created before the cut-off, so cancel document ${documentId} in the order system.`,
    );
  });
});
