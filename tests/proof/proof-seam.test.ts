import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
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

/** Opens a Berlin store with a cut-off at 2026-03-02 09:00 store time, 08:00 UTC. */
async function berlinRig(): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
  const rig = await CutoverRig.open({
    simulator,
    connector: connectorFor(simulator),
    cutoffWallClock: "2026-03-02T09:00",
    nowMs: Date.parse("2026-03-02T08:00:00Z") + 2 * HOUR,
  });
  open.push(rig);
  return rig;
}

describe("proof at the seam", () => {
  it("splits boundary orders without loss", async () => {
    const rig = await berlinRig();
    expect(rig.cutoff.cutoffUtc).toBe("2026-03-02T08:00:00.000Z");
    const at = (offsetMs: number) => rig.at(offsetMs);

    rig.options.simulator.addOrders([
      seedAt(1001, at(-3 * HOUR)),
      seedAt(1002, at(-SECOND)),
      seedAt(1003, at(-2 * HOUR), { status: "closed", fulfillment: "fulfilled" }),
      seedAt(1004, at(-HOUR), { status: "cancelled", cancelledAtUtc: at(-50 * MINUTE) }),
      seedAt(1005, at(-30 * MINUTE), { isTest: true }),
      seedAt(1006, at(-2 * HOUR), { updatedAtUtc: at(30 * MINUTE) }),
      seedAt(1007, at(-10 * MINUTE)),
      seedAt(1008, at(-10 * MINUTE)),
      seedAt(1009, at(-10 * MINUTE)),
    ]);
    const summary = await rig.exportBeforeCutoff();
    expect(summary.orders).toBe(6);

    rig.goLive();
    rig.options.simulator.addOrders([
      seedAt(1010, at(0)),
      seedAt(1011, at(SECOND)),
      seedAt(1012, at(20 * MINUTE)),
      seedAt(1013, at(20 * MINUTE)),
      seedAt(1014, at(20 * MINUTE)),
      seedAt(1015, at(30 * MINUTE), { status: "cancelled", cancelledAtUtc: at(35 * MINUTE) }),
      seedAt(1016, at(40 * MINUTE), { isTest: true }),
      seedAt(1017, at(50 * MINUTE), { status: "closed", fulfillment: "fulfilled" }),
    ]);
    // The order placed before the cut-off and edited after it stays with the old system.
    rig.options.simulator.updateOrder("1006", { updatedAtUtc: at(90 * MINUTE) });
    const run = await rig.sync();
    expect(run.imported).toBe(5);

    const report = await rig.proof(24);
    expectSoundCutover(report, rig);
    expect(numbersIn(report, "exported")).toEqual(["#1001", "#1002", "#1006", "#1007", "#1008", "#1009"]);
    expect(numbersIn(report, "imported")).toEqual(["#1010", "#1011", "#1012", "#1013", "#1014"]);
    expect(numbersIn(report, "excluded")).toEqual(["#1003", "#1004", "#1005", "#1015", "#1016", "#1017"]);
    expect(report.window).toEqual({ fromUtc: at(-24 * HOUR), toUtc: at(2 * HOUR) });
    expect(report.messages[0]).toMatch(/^The cut-over is complete: each of the 17 cart orders/);

    const reasons = Object.fromEntries(report.rows.map((row) => [row.orderNumber, row.reason]));
    expect(reasons["#1003"]).toBe("Excluded before the cut-off: already fulfilled. It is not an open order to migrate.");
    expect(reasons["#1004"]).toBe("Excluded before the cut-off: cancelled in the cart. It is not an open order to migrate.");
    expect(reasons["#1015"]).toBe("Excluded by the sync's filter: cancelled in the cart.");
    expect(reasons["#1016"]).toBe("Excluded by the sync's filter: test order.");
    expect(reasons["#1017"]).toBe("Excluded by the sync's filter: already fulfilled.");
  });

  it("sorts export rows by creation and id", async () => {
    const rig = await berlinRig();
    const at = (offsetMs: number) => rig.at(offsetMs);
    rig.options.simulator.addOrders([
      seedAt(1009, at(-10 * MINUTE)),
      seedAt(1002, at(-SECOND)),
      seedAt(1008, at(-10 * MINUTE)),
      seedAt(999, at(-10 * MINUTE)),
      seedAt(1001, at(-3 * HOUR)),
      seedAt(1010, at(0)),
    ]);

    const summary = await rig.exportBeforeCutoff();
    const csv = await readFile(summary.files[0]!, "utf8");
    const ids = [...new Set(csv.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]))];

    expect(ids).toEqual(["1001", "999", "1008", "1009", "1002"]);
    expect(summary.orders).toBe(5);
  });

  it("repeats the same proof", async () => {
    const rig = await berlinRig();
    rig.options.simulator.addOrders([seedAt(1001, rig.at(-HOUR)), seedAt(1002, rig.at(HOUR))]);
    await rig.exportBeforeCutoff();
    rig.goLive();
    await rig.sync();

    const first = await rig.proof(6);
    await rig.sync();
    const second = await rig.proof(6);

    expect(second.rows).toEqual(first.rows);
    expect(second.counts).toEqual({ exported: 1, imported: 1, excluded: 0, missing: 0, doubled: 0 });
  });
});
