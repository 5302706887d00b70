import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportFolderOf, sharedExportFolderOf } from "../../main/cutover/export-service.js";
import { latestProofForApp, proofFolderOf, runProofForApp } from "../../main/proof/proof-service.js";
import {
  at,
  CUTOFF_UTC,
  exportNow,
  exportToSharedFolder,
  openTwoStores,
  switchTo,
  type TwoStores,
} from "../cutover/two-store-rig.js";

const HOUR = 3_600_000;
const NO_EXPORT = "No export was found for this cut-off, so the orders before it are not in the old system through Cart Cutover.";
const BEFORE_RANGE = "Excluded: created before the start of the export's date range.";
/** The first store's export of every order from 90 minutes before the cut-off: #4002 only. */
const RANGE = { scope: "all", fromUtc: at(-1.5 * HOUR) } as const;
const RANGE_SUMMARY = "all-orders-from-20260406T053000Z-before-cutoff.summary.json";
let stores: TwoStores | null = null;

afterEach(async () => {
  await stores?.close();
  stores = null;
});

function reasonOf(report: Awaited<ReturnType<typeof runProofForApp>>, orderNumber: string): string | null {
  const row = report.rows.find((candidate) => candidate.orderNumber === orderNumber);
  expect(row, orderNumber).toBeDefined();
  return row!.reason;
}

describe("exports the proof finds", () => {
  it("ignores another store's export", async () => {
    stores = await openTwoStores();
    const { services, first, second } = stores;
    await switchTo(services, first);
    expect((await exportNow(services, RANGE)).summary!.orders).toBe(1);

    await switchTo(services, second);
    const report = await runProofForApp(services.context, { hoursAround: 6 });

    expect(report.clean).toBe(false);
    expect(report.counts).toEqual({ exported: 0, imported: 0, excluded: 0, missing: 1, doubled: 0 });
    expect(reasonOf(report, "#5001")).toMatch(/no export was made for this cut-off/);
    expect(report.messages).toContain(NO_EXPORT);
  });

  it("counts own export after a switch", async () => {
    stores = await openTwoStores();
    const { services, first, second } = stores;
    await switchTo(services, first);
    await exportNow(services, RANGE);
    await switchTo(services, second);
    await exportNow(services);

    await switchTo(services, first);
    const report = await runProofForApp(services.context, { hoursAround: 6 });

    expect(report.clean).toBe(true);
    expect(report.counts).toEqual({ exported: 1, imported: 0, excluded: 1, missing: 0, doubled: 0 });
    expect(reasonOf(report, "#4001")).toBe(BEFORE_RANGE);
    expect(report.messages).not.toContain(NO_EXPORT);
    expect(report.messages.filter((message) => /^(Counted|Not counted):/.test(message))).toEqual([]);
  });

  it("counts shared export the settings name", async () => {
    stores = await openTwoStores();
    const { services, first, dataDir } = stores;
    await switchTo(services, first);
    await exportToSharedFolder(services, RANGE);

    const report = await runProofForApp(services.context, { hoursAround: 6 });

    expect(report.clean).toBe(true);
    expect(report.counts).toEqual({ exported: 1, imported: 0, excluded: 1, missing: 0, doubled: 0 });
    expect(reasonOf(report, "#4001")).toBe(BEFORE_RANGE);
    expect(report.messages).not.toContain(NO_EXPORT);
    expect(report.messages).toContain(
      `Counted: the export ${RANGE_SUMMARY} in ${sharedExportFolderOf(dataDir, CUTOFF_UTC)}, the folder that earlier versions of Cart Cutover shared between every store with this cut-off. The settings record it as this store's last export.`,
    );
  });

  it("reports shared export of unknown store", async () => {
    stores = await openTwoStores();
    const { services, first, second, dataDir } = stores;
    await switchTo(services, first);
    await exportToSharedFolder(services, RANGE);

    const secondId = await switchTo(services, second);
    const report = await runProofForApp(services.context, { hoursAround: 6 });

    const shared = sharedExportFolderOf(dataDir, CUTOFF_UTC);
    const notCounted = `Not counted: 1 export(s) in ${shared}, the folder that earlier versions of Cart Cutover shared between every store with this cut-off: ${RANGE_SUMMARY}. Nothing records which store they belong to. If they are this store's, export again so that the proof counts them. The new files go to ${exportFolderOf(dataDir, secondId, CUTOFF_UTC)}.`;
    expect(report.clean).toBe(false);
    expect(report.counts.missing).toBe(1);
    expect(report.messages).toContain(NO_EXPORT);
    expect(report.messages.at(-1)).toBe(notCounted);
    expect(await latestProofForApp(services.context)).toEqual(report);
    expect(await readFile(report.files!.html, "utf8")).toContain(RANGE_SUMMARY);
  });

  it("reports own shared export once forgotten", async () => {
    stores = await openTwoStores();
    const { services, first, second } = stores;
    await switchTo(services, first);
    await exportToSharedFolder(services, RANGE);
    await switchTo(services, second);

    await switchTo(services, first);
    const report = await runProofForApp(services.context, { hoursAround: 6 });

    // The ledger still records #4002 as exported, but without the export's
    // range the proof cannot tell that #4001 was left out on purpose.
    expect(report.counts).toEqual({ exported: 1, imported: 0, excluded: 0, missing: 1, doubled: 0 });
    expect(reasonOf(report, "#4001")).toMatch(/no export was made for this cut-off/);
    expect(report.messages.at(-1)).toMatch(new RegExp(`^Not counted: 1 export\\(s\\) in .*: ${RANGE_SUMMARY}\\. `));
  });

  it("drops advice after a new export", async () => {
    stores = await openTwoStores();
    const { services, first, second } = stores;
    await switchTo(services, second);
    await exportToSharedFolder(services);
    await switchTo(services, first);

    await exportNow(services, RANGE);
    const report = await runProofForApp(services.context, { hoursAround: 6 });

    expect(report.clean).toBe(true);
    expect(report.counts).toEqual({ exported: 1, imported: 0, excluded: 1, missing: 0, doubled: 0 });
    expect(report.messages.at(-1)).toMatch(
      /^Not counted: 1 export\(s\) in .*: open-orders-before-cutoff\.summary\.json\. Nothing records which store they belong to\.$/,
    );
  });
});

describe("proofs the app shows", () => {
  it("shows each store only its own proof", async () => {
    stores = await openTwoStores();
    const { services, first, second, dataDir } = stores;
    const firstId = await switchTo(services, first);
    await exportNow(services, RANGE);
    const firstProof = await runProofForApp(services.context, { hoursAround: 6 });
    expect(firstProof.clean).toBe(true);

    const secondId = await switchTo(services, second);
    expect(await latestProofForApp(services.context)).toBeNull();
    const secondProof = await runProofForApp(services.context, { hoursAround: 6 });
    expect(await latestProofForApp(services.context)).toEqual(secondProof);

    await switchTo(services, first);
    expect(await latestProofForApp(services.context)).toEqual(firstProof);
    expect(dirname(firstProof.files!.html)).toBe(proofFolderOf(dataDir, firstId));
    expect(dirname(secondProof.files!.html)).toBe(proofFolderOf(dataDir, secondId));
  });
});
