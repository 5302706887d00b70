import { afterEach, describe, expect, it } from "vitest";
import { startBcFixture } from "../simulators/bigcommerce/bigcommerce-fixture.js";
import { startPrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";
import { CutoverRig, idsIn, seedAt } from "../cutover/cutover-rig.js";
import { expectSoundCutover } from "./proof-assertions.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const open: CutoverRig[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

describe("proof on other carts", () => {
  it("splits a shop filtering in local time", async () => {
    // PrestaShop filters date_add on shop-local times without offset. The
    // cut-off is the first 02:30 of 2026-10-25 in Madrid, 00:30 UTC.
    const simulator = await startPrestaShopSimulator({ timeZone: "Europe/Madrid" });
    const rig = await CutoverRig.open({
      simulator,
      connector: prestaShopConnectorFor(simulator),
      cutoffWallClock: "2026-10-25T02:30",
      nowMs: Date.parse("2026-10-25T06:00:00Z"),
    });
    open.push(rig);
    expect(rig.cutoff.cutoffUtc).toBe("2026-10-25T00:30:00.000Z");

    simulator.addOrders([
      seedAt(11, rig.at(-SECOND)),
      seedAt(12, rig.at(-2 * HOUR)),
      seedAt(13, rig.at(-2 * HOUR), { fulfillment: "fulfilled", status: "closed" }),
      seedAt(14, rig.at(-20 * MINUTE)),
      seedAt(15, rig.at(-20 * MINUTE)),
    ]);
    await rig.exportBeforeCutoff();
    rig.goLive();
    simulator.addOrders([
      seedAt(21, rig.at(0)),
      seedAt(22, rig.at(SECOND)),
      // 01:15 UTC is the second 02:15 in Madrid. The shop stores only the
      // local time, and every reader takes it as the first 02:15, before the
      // cut-off. So the export owns the order, and the proof must agree.
      seedAt(23, rig.at(45 * MINUTE)),
      // The second 02:45: read as the first 02:45, still after the cut-off.
      seedAt(24, rig.at(75 * MINUTE)),
      seedAt(25, rig.at(3 * HOUR), { status: "cancelled", cancelledAtUtc: rig.at(3 * HOUR) }),
    ]);
    await rig.exportBeforeCutoff();
    await rig.sync();
    const report = await rig.proof(6);

    expectSoundCutover(report, rig);
    expect(idsIn(report, "exported")).toEqual(["11", "12", "14", "15", "23"]);
    expect(idsIn(report, "imported")).toEqual(["21", "22", "24"]);
    expect(idsIn(report, "excluded")).toEqual(["13", "25"]);
  });

  it("excludes drafts and archived orders", async () => {
    const { simulator, connector } = await startBcFixture({ timeZone: "America/Chicago" });
    const rig = await CutoverRig.open({
      simulator,
      connector,
      cutoffWallClock: "2026-05-04T08:00",
      nowMs: Date.parse("2026-05-04T18:00:00Z"),
    });
    open.push(rig);

    simulator.addOrders([
      seedAt(101, rig.at(-SECOND)),
      seedAt(102, rig.at(-HOUR), { status: "draft" }),
      seedAt(103, rig.at(-HOUR), { fulfillment: "fulfilled", status: "closed" }),
      seedAt(104, rig.at(-30 * MINUTE), { status: "cancelled", cancelledAtUtc: rig.at(-10 * MINUTE) }),
    ]);
    simulator.archiveOrder("103");
    await rig.exportBeforeCutoff();
    rig.goLive();
    simulator.addOrders([
      seedAt(111, rig.at(0)),
      seedAt(112, rig.at(HOUR), { status: "draft" }),
      seedAt(113, rig.at(2 * HOUR)),
    ]);
    await rig.sync();
    const report = await rig.proof(6);

    expectSoundCutover(report, rig, { draftsListed: true });
    expect(idsIn(report, "exported")).toEqual(["101"]);
    expect(idsIn(report, "imported")).toEqual(["111", "113"]);
    const reasons = Object.fromEntries(report.rows.map((row) => [row.cartOrderId, row.reason]));
    expect(reasons["102"]).toBe("Excluded before the cut-off: draft, not yet an order. It is not an open order to migrate.");
    expect(reasons["103"]).toBe("Excluded before the cut-off: already fulfilled. It is not an open order to migrate.");
    expect(reasons["104"]).toBe("Excluded before the cut-off: cancelled in the cart. It is not an open order to migrate.");
    expect(reasons["112"]).toBe("Excluded by the sync's filter: draft, not yet an order.");
  });
});
