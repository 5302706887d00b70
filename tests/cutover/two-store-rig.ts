import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { ExportStatus, ExportSummary, RequestOf } from "../../preload/contract.js";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { ExportJob } from "../../main/cutover/export-job.js";
import { createExportService, sharedExportFolderOf } from "../../main/cutover/export-service.js";
import { exportedRecordOf } from "../../main/cutover/ledger-view.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { memoryKeychain } from "../support/memory-keychain.js";
import { seedAt } from "./cutover-rig.js";

const HOUR = 3_600_000;
/** Monday 2026-04-06 09:00 in Berlin, the cut-off both stores choose. */
export const CUTOFF_UTC = "2026-04-06T07:00:00.000Z";
export const CUTOFF_FOLDER = "cutoff-2026-04-06T070000000Z";
export const at = (offsetMs: number) => new Date(Date.parse(CUTOFF_UTC) + offsetMs).toISOString();

export type TwoStores = {
  services: AppServices;
  /** Open orders #4001 (two hours before the cut-off) and #4002 (one hour before). */
  first: ShopifySimulator;
  /** One open order, #5001, three hours before the cut-off. */
  second: ShopifySimulator;
  dataDir: string;
  close(): Promise<void>;
};

/** Opens two Berlin stores and the app on one data folder, as a consultant's laptop has them. */
export async function openTwoStores(): Promise<TwoStores> {
  const first = await startShopifySimulator({
    storeName: "First Store",
    timeZone: "Europe/Berlin",
    orders: [seedAt(4001, at(-2 * HOUR)), seedAt(4002, at(-HOUR))],
  });
  const second = await startShopifySimulator({
    storeName: "Second Store",
    timeZone: "Europe/Berlin",
    orders: [seedAt(5001, at(-3 * HOUR))],
  });
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-stores-"));
  const services = await createAppServices({
    dataDir,
    keychain: memoryKeychain(),
    now: () => Date.parse(CUTOFF_UTC) + 3 * HOUR,
    retryPolicy: FAST_RETRY_POLICY,
    pageSize: 5,
  });
  return {
    services,
    first,
    second,
    dataDir,
    async close() {
      await services.close();
      await first.close();
      await second.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves and tests the connection to a store, sets the cut-off to 09:00 store time, and returns the store id. */
export async function switchTo(app: AppServices, simulator: ShopifySimulator): Promise<string> {
  await app.handlers["connect:save"]({ platform: "shopify", storeUrl: simulator.storeUrl, credentials: simulator.credentials });
  await app.handlers["connect:test"]({});
  const cutoff = await app.handlers["cutoff:set"]({ wallClock: "2026-04-06T09:00" });
  expect(cutoff.cutoffUtc).toBe(CUTOFF_UTC);
  return app.context.settings.current.store!.storeId;
}

/** Runs an export through the export service to its end. */
export async function exportNow(app: AppServices, request: RequestOf<"export:start"> = {}): Promise<ExportStatus> {
  const exports = createExportService(app.context);
  await exports.start(request);
  await exports.idle();
  const status = exports.status();
  expect(status.state).toBe("done");
  return status;
}

/**
 * Exports as earlier versions did: into the folder named by the cut-off
 * only, with the ledger records and the saved summary of that version.
 */
export async function exportToSharedFolder(app: AppServices, request: RequestOf<"export:start"> = {}): Promise<ExportSummary> {
  const context = app.context;
  const settings = context.settings.current;
  const cutoffUtc = settings.cutoff!.cutoffUtc;
  const mapping = context.mappingOptions();
  const summary = await new ExportJob().run({
    connector: await context.connector(),
    mapping,
    cutoffUtc,
    storeTimeZone: settings.connection!.report.timeZone,
    folder: sharedExportFolderOf(context.options.dataDir, cutoffUtc),
    expectedOrders: null,
    scope: request.scope,
    fromUtc: request.fromUtc,
    onExported: (cartOrderIds) => {
      const atUtc = new Date(context.now()).toISOString();
      context.ledger.commit([exportedRecordOf(cartOrderIds, cutoffUtc, mapping.storeId, atUtc)]);
    },
  });
  expect(summary).not.toBeNull();
  await context.settings.update((next) => {
    next.exportSummary = summary;
  });
  return summary!;
}
