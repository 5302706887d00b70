import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportCommand } from "../../main/cutover/cli-commands.js";
import { exportFolderOf, sharedExportFolderOf } from "../../main/cutover/export-service.js";
import { snapshotFolder } from "../support/data-folder.js";
import {
  at,
  CUTOFF_FOLDER,
  CUTOFF_UTC,
  exportNow,
  exportToSharedFolder,
  openTwoStores,
  switchTo,
  type TwoStores,
} from "./two-store-rig.js";

const HOUR = 3_600_000;
let stores: TwoStores | null = null;

afterEach(async () => {
  await stores?.close();
  stores = null;
});

describe("export folders of two stores with one cut-off", () => {
  it("keeps both stores' files", async () => {
    stores = await openTwoStores();
    const { services, first, second } = stores;
    await switchTo(services, first);
    const firstExport = await exportNow(services);
    const firstCsv = firstExport.summary!.files[0]!;
    const firstText = await readFile(firstCsv, "utf8");

    await switchTo(services, second);
    const secondExport = await exportNow(services);
    const secondCsv = secondExport.summary!.files[0]!;

    expect(secondCsv).not.toBe(firstCsv);
    expect(await readFile(firstCsv, "utf8")).toBe(firstText);
    expect(firstText).toContain("#4001");
    expect(firstText).toContain("#4002");
    expect(firstText).not.toContain("#5001");
    expect(await readFile(secondCsv, "utf8")).toContain("#5001");
  });

  it("names the folder by store and cut-off", async () => {
    stores = await openTwoStores();
    const { services, first, dataDir } = stores;
    const storeId = await switchTo(services, first);
    const folder = join(dataDir, "exports", storeId, CUTOFF_FOLDER);

    const status = await exportNow(services);

    expect(storeId).toMatch(/^shopify-[0-9a-f]{12}$/);
    expect(exportFolderOf(dataDir, storeId, CUTOFF_UTC)).toBe(folder);
    expect(status.summary!.files.map((file) => dirname(file))).toEqual([folder, folder, folder, folder]);
    expect(services.context.settings.current.exportSummary!.files).toEqual(status.summary!.files);
  });

  it("export command prints the store's folder", async () => {
    stores = await openTwoStores();
    const { services, first, dataDir } = stores;
    const storeId = await switchTo(services, first);

    const { lines } = await exportCommand(services, { scope: "open" }, () => {});

    const folder = join(dataDir, "exports", storeId, CUTOFF_FOLDER);
    const fileLines = lines.slice(lines.indexOf("Files:") + 1);
    expect(fileLines).toEqual([
      `  ${join(folder, "open-orders-before-cutoff.csv")}`,
      `  ${join(folder, "open-orders-before-cutoff.xlsx")}`,
      `  ${join(folder, "open-orders-before-cutoff.summary.json")}`,
      `  ${join(folder, "open-orders-before-cutoff.sha256")}`,
    ]);
  });

  it("leaves shared folder files as they were", async () => {
    stores = await openTwoStores();
    const { services, first, dataDir } = stores;
    const storeId = await switchTo(services, first);
    const shared = sharedExportFolderOf(dataDir, CUTOFF_UTC);
    const earlier = await exportToSharedFolder(services, { scope: "all", fromUtc: at(-3 * HOUR) });
    expect(dirname(earlier.files[0]!)).toBe(shared);
    const before = await snapshotFolder(shared);

    const status = await exportNow(services, { scope: "all", fromUtc: at(-3 * HOUR) });

    expect(await snapshotFolder(shared)).toEqual(before);
    expect(before.size).toBe(4);
    expect(dirname(status.summary!.files[0]!)).toBe(join(dataDir, "exports", storeId, CUTOFF_FOLDER));
    expect(await readFile(status.summary!.files[0]!, "utf8")).toBe(await readFile(earlier.files[0]!, "utf8"));
  });
});

describe("exportFolderOf", () => {
  it("accepts the store ids the app makes", () => {
    for (const storeId of ["demo", "shopify-0123456789ab", "magento-ffffffffffff"]) {
      expect(exportFolderOf("/data", storeId, CUTOFF_UTC)).toBe(join("/data", "exports", storeId, CUTOFF_FOLDER));
    }
  });

  it("rejects ids that cannot name a folder", () => {
    const unsafe = ["", "Demo", "../demo", "a/b", "a\\b", "shop:1", "shop.1", "-shop", "shop-", "con", "nul", "com1", "lpt9", "cutoff-2026", "x".repeat(65)];
    for (const storeId of unsafe) {
      expect(() => exportFolderOf("/data", storeId, CUTOFF_UTC), storeId).toThrow(
        `The store id "${storeId}" in settings.json cannot name the folder of its exports. Save the Connect step again, which sets a valid store id, then export again.`,
      );
    }
  });
});
