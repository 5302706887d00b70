import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { exportNow, openTwoStores, switchTo, type TwoStores } from "./two-store-rig.js";

let stores: TwoStores | null = null;

afterEach(async () => {
  await stores?.close();
  stores = null;
});

describe("export after the cut-off moved earlier", () => {
  it("keeps every order in the export or the sync", async () => {
    stores = await openTwoStores();
    const { services, first } = stores;
    // #4001 is created at 07:00 and #4002 at 08:00 store time. The first
    // cut-off, 09:00, puts both into the export.
    await switchTo(services, first);
    await exportNow(services);
    // The user then moves the cut-off to 07:30, exports again and goes live
    // from the new cut-off, so #4002 now belongs to the sync.
    const cutoff = await services.handlers["cutoff:set"]({ wallClock: "2026-04-06T07:30" });
    const current = await exportNow(services);
    const seam = await services.handlers["go-live:save"]({
      documentKind: "sales-order",
      importFromUtc: cutoff.cutoffUtc,
      intervalMinutes: 15,
      filter: DEFAULT_ORDER_FILTER,
    });
    await services.handlers["sync:run-now"]({});

    const currentCsv = await readFile(current.summary!.files[0]!, "utf8");
    const imported = (await services.handlers["order-book:list"]({})).map(
      (entry) => entry.document.reference,
    );
    expect(seam.startAllowed).toBe(true);
    expect(seam.message).toContain(
      "1 order(s) created after the cut-off are in an export made for an earlier cut-off setting: #4002. The sync imports them",
    );
    expect(seam.ordersConcerned.map((order) => order.orderNumber)).toEqual(["#4002"]);
    expect(seam.message).toContain("cutoff-2026-04-06T070000000Z) went to the old system");
    expect(currentCsv).toContain("#4001");
    // Only the abandoned cut-off's files have #4002, so the sync imports it.
    const placed = currentCsv.includes("#4002") || imported.includes("#4002");
    expect(placed, "#4002 in the current export or the order book").toBe(true);

    const proof = await services.handlers["proof:run"]({ hoursAround: 6 });
    const row = proof.rows.find((candidate) => candidate.orderNumber === "#4002")!;
    expect(proof.counts.doubled).toBe(0);
    expect(row.set).toBe("imported");
    expect(row.reason).toMatch(/^Also in the export made while the cut-off was 2026-04-06 09:00:00/);
    expect(proof.messages[1]).toBe(
      "Check: 1 order(s) created after the cut-off are also in an export made while another cut-off was set: #4002. If that export went to the old system, delete them there, or they are in both systems.",
    );
  });
});
