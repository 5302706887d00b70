import { join } from "node:path";
import type { ExportStatus, RequestOf } from "../../preload/contract.js";
import type { AppContext } from "../app/app-context.js";
import { UserError } from "../app/user-error.js";
import { createLogger } from "../logging/logger.js";
import { formatInZone, toUtcIso } from "../time/zoned-time.js";
import { ExportJob } from "./export-job.js";
import { cutoverLedgerViewOf, exportedRecordOf } from "./ledger-view.js";

const log = createLogger("export");

/** Runs at most one export at a time for the app's channels and the CLI. */
export type ExportService = {
  start(request: RequestOf<"export:start">): Promise<ExportStatus>;
  status(): ExportStatus;
  cancel(): ExportStatus;
  /** Resolves when the export in progress, if any, has ended. */
  idle(): Promise<void>;
};

/**
 * Store ids that can name a folder. They are lower case only, so that no two
 * ids share a folder on the case-insensitive file systems of Windows and
 * macOS, and contain no character that Windows, macOS or Linux reserves.
 */
const FOLDER_SAFE_STORE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/**
 * Names a store folder must not take: those Windows reserves for devices,
 * and the cut-off folders that earlier versions wrote beside the store
 * folders.
 */
const RESERVED_FOLDER_NAME = /^(?:con|prn|aux|nul|com\d|lpt\d|cutoff-.*)$/;

function cutoffFolderName(cutoffUtc: string): string {
  return `cutoff-${cutoffUtc.replace(/[:.]/g, "")}`;
}

/** Checks that a store id from the settings can name a folder, and returns it. */
export function storeFolderName(storeId: string): string {
  const safe =
    FOLDER_SAFE_STORE_ID.test(storeId) && !RESERVED_FOLDER_NAME.test(storeId);
  if (safe) return storeId;
  throw new UserError(
    "store-id-invalid",
    `The store id "${storeId}" in settings.json cannot name the folder of its exports. Save the Connect step again, which sets a valid store id, then export again.`,
  );
}

/** Returns the folder of one store's exports for one cut-off inside the data folder. */
export function exportFolderOf(
  dataDir: string,
  storeId: string,
  cutoffUtc: string,
): string {
  const storeFolder = join(dataDir, "exports", storeFolderName(storeId));
  return join(storeFolder, cutoffFolderName(cutoffUtc));
}

/**
 * Returns the folder that earlier versions of Cart Cutover wrote the
 * exports for a cut-off to. It is named by the cut-off only, so every store
 * with that cut-off shared it.
 */
export function sharedExportFolderOf(
  dataDir: string,
  cutoffUtc: string,
): string {
  return join(dataDir, "exports", cutoffFolderName(cutoffUtc));
}

function checkedRange(
  request: RequestOf<"export:start">,
  cutoffUtc: string,
  timeZone: string,
): { scope: "open" | "all"; fromUtc: string | null } {
  const scope = request.scope ?? "open";
  if (scope === "open") return { scope, fromUtc: null };
  if (!request.fromUtc) {
    throw new UserError(
      "export-range-missing",
      "An export of all orders needs the start of its date range. Enter the first day to export; the range ends at the cut-off.",
    );
  }
  const fromUtc = toUtcIso(request.fromUtc);
  if (Date.parse(fromUtc) >= Date.parse(cutoffUtc)) {
    throw new UserError(
      "export-range-invalid",
      `The range start ${formatInZone(fromUtc, timeZone)} is not before the cut-off ${formatInZone(cutoffUtc, timeZone)}. Choose a start before the cut-off.`,
    );
  }
  return { scope, fromUtc };
}

/**
 * Creates the export behind "export:start", "export:status" and
 * "export:cancel". The exported orders go to the sync ledger only once every
 * file is complete, so the sync skips exactly the orders the files contain.
 */
export function createExportService(context: AppContext): ExportService {
  let job = new ExportJob();
  let running: Promise<unknown> = Promise.resolve();

  return {
    async start(request) {
      const settings = context.settings.current;
      const connection = settings.connection;
      if (!connection) {
        throw new UserError(
          "connection-untested",
          "Test the connection in the Connect step first.",
        );
      }
      const cutoff = settings.cutoff;
      if (!cutoff) {
        throw new UserError("cutoff-missing", "Set the cut-off before exporting.");
      }
      if (job.status.state === "running") return job.status;
      if (settings.sync.state === "Running") {
        throw new UserError(
          "sync-running",
          "Auto Sync is Running. Stop it before you export, so that no order can reach both the export and the sync.",
        );
      }
      const timeZone = connection.report.timeZone;
      const range = checkedRange(request, cutoff.cutoffUtc, timeZone);
      const connector = await context.connector();
      const mapping = context.mappingOptions();
      const ledger = cutoverLedgerViewOf(context.ledger, mapping.storeId);
      const folder = exportFolderOf(
        context.options.dataDir,
        mapping.storeId,
        cutoff.cutoffUtc,
      );

      job = new ExportJob();
      const current = job;
      running = current
        .run({
          connector,
          mapping,
          cutoffUtc: cutoff.cutoffUtc,
          storeTimeZone: timeZone,
          folder,
          expectedOrders: connection.report.orderCount,
          scope: range.scope,
          fromUtc: range.fromUtc,
          isImported: (order) =>
            ledger.importedDocumentOf(order) !== undefined,
          pageSize: context.options.pageSize,
          onExported: (cartOrderIds) => {
            const atUtc = new Date(context.now()).toISOString();
            const record = exportedRecordOf(
              cartOrderIds,
              cutoff.cutoffUtc,
              mapping.storeId,
              atUtc,
            );
            context.ledger.commit([record]);
          },
        })
        .then(async (summary) => {
          if (!summary) return;
          await context.settings.update((next) => {
            next.exportSummary = summary;
          });
        })
        .catch((error: Error) => log.error("export failed", { reason: error.message }));
      return current.status;
    },
    status: () => job.status,
    cancel() {
      job.cancel();
      return job.status;
    },
    idle: () => running.then(() => undefined),
  };
}
