import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { renderProofHtml } from "../../main/proof/proof-html.js";
import { connectorFor } from "../carts/shopify-harness.js";
import { CutoverRig, numbersIn, seedAt } from "../cutover/cutover-rig.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { expectSoundCutover } from "./proof-assertions.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const open: CutoverRig[] = [];
const machineZone = process.env.TZ;

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

async function shopifyRig(timeZone: string, cutoffWallClock: string, hoursAfter = 3): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone });
  const rig = await CutoverRig.open({
    simulator,
    connector: connectorFor(simulator),
    cutoffWallClock,
    nowMs: Date.parse("2026-12-01T00:00:00Z"),
  });
  rig.nowMs = rig.cutoffMs + hoursAfter * HOUR;
  open.push(rig);
  return rig;
}

/** Seeds orders one second either side of the cut-off and at it, exports, goes live, adds the rest and syncs. */
async function runSeam(rig: CutoverRig, laterOrders: { id: number; offsetMs: number }[]): Promise<void> {
  rig.options.simulator.addOrders([seedAt(2001, rig.at(-SECOND)), seedAt(2002, rig.at(-HOUR))]);
  await rig.exportBeforeCutoff();
  rig.goLive();
  rig.options.simulator.addOrders([
    seedAt(2003, rig.at(0)),
    seedAt(2004, rig.at(SECOND)),
    ...laterOrders.map(({ id, offsetMs }) => seedAt(id, rig.at(offsetMs))),
  ]);
  await rig.sync();
}

describe("proof across time zones", () => {
  it("splits at a cut-off the clocks repeat", async () => {
    // 02:30 happens twice in Berlin on 2026-10-25; the first, 00:30 UTC, is the cut-off.
    const rig = await shopifyRig("Europe/Berlin", "2026-10-25T02:30");
    expect(rig.cutoff.cutoffUtc).toBe("2026-10-25T00:30:00.000Z");
    expect(rig.cutoff.resolution).toBe("repeated");

    // 01:30 UTC is the second 02:30 in Berlin: the same wall clock, after the cut-off.
    await runSeam(rig, [{ id: 2005, offsetMs: HOUR }]);
    const report = await rig.proof(6);

    expectSoundCutover(report, rig);
    expect(numbersIn(report, "exported")).toEqual(["#2001", "#2002"]);
    expect(numbersIn(report, "imported")).toEqual(["#2003", "#2004", "#2005"]);
  });

  it("writes store times across the repeated hour", async () => {
    const rig = await shopifyRig("Europe/Berlin", "2026-10-25T02:30");
    rig.options.simulator.addOrders([
      seedAt(2101, "2026-10-25T00:29:59.000Z"),
      seedAt(2102, "2026-10-24T23:59:00.000Z"),
    ]);
    const summary = await rig.exportBeforeCutoff();
    const csv = await readFile(summary.files[0]!, "utf8");

    expect(csv).toContain(",2102,2026-10-24T23:59:00.000Z,2026-10-25 01:59:00,");
    expect(csv).toContain(",2101,2026-10-25T00:29:59.000Z,2026-10-25 02:29:59,");
  });

  it("splits at a cut-off the clocks skip", async () => {
    // 02:30 does not exist in Berlin on 2026-03-29; it moves forward to 03:30 CEST, 01:30 UTC.
    const rig = await shopifyRig("Europe/Berlin", "2026-03-29T02:30");
    expect(rig.cutoff.cutoffUtc).toBe("2026-03-29T01:30:00.000Z");
    expect(rig.cutoff.resolution).toBe("skipped");

    // 01:00 UTC is 03:00 CEST, half an hour before the cut-off although it reads later than 02:30.
    rig.options.simulator.addOrders([seedAt(2010, "2026-03-29T01:00:00.000Z")]);
    await runSeam(rig, [{ id: 2011, offsetMs: 30 * MINUTE }]);
    const report = await rig.proof(6);

    expectSoundCutover(report, rig);
    expect(numbersIn(report, "exported")).toEqual(["#2001", "#2002", "#2010"]);
    expect(numbersIn(report, "imported")).toEqual(["#2003", "#2004", "#2011"]);
  });

  it("splits a store zone unlike the machine's", async () => {
    process.env.TZ = "America/Los_Angeles";
    const rig = await shopifyRig("Asia/Tokyo", "2026-06-15T00:00", 10);
    // Midnight in Tokyo is 15:00 UTC the day before, and 08:00 in Los Angeles.
    expect(rig.cutoff.cutoffUtc).toBe("2026-06-14T15:00:00.000Z");
    expect(new Date(rig.cutoffMs).getHours()).toBe(8);

    await runSeam(rig, [{ id: 2020, offsetMs: 9 * HOUR }]);
    const report = await rig.proof(12);

    expectSoundCutover(report, rig);
    expect(numbersIn(report, "exported")).toEqual(["#2001", "#2002"]);
    expect(numbersIn(report, "imported")).toEqual(["#2003", "#2004", "#2020"]);
    const html = renderProofHtml(report, { storeName: null, userTimeZone: "America/Los_Angeles" });
    expect(html).toContain("2026-06-15 00:00:00 (UTC+09:00), Asia/Tokyo");
    expect(html).toContain("<dt>Cut-off in America/Los_Angeles</dt><dd>2026-06-14 08:00:00 (UTC-07:00)</dd>");
  });
});
