import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ProofReport, RequestOf } from "../../preload/contract.js";
import type { AppContext } from "../app/app-context.js";
import { UserError } from "../app/user-error.js";
import type { ExportSummaryFile } from "../cutover/export-summary.js";
import {
  exportFolderOf,
  sharedExportFolderOf,
  storeFolderName,
} from "../cutover/export-service.js";
import { cutoverLedgerViewOf } from "../cutover/ledger-view.js";
import { createLogger } from "../logging/logger.js";
import { DEFAULT_OVERLAP_MS } from "../sync/sync-engine.js";
import type { ProofExport } from "./proof-classify.js";
import { latestProof, saveProof } from "./proof-files.js";
import { buildProof } from "./proof-run.js";

const log = createLogger("proof");

/**
 * Returns the folder the app saves one store's proofs in, so that the
 * proof shown for a store is never another store's.
 */
export function proofFolderOf(dataDir: string, storeId: string): string {
  return join(dataDir, "proofs", storeFolderName(storeId));
}

/** The exports the proof counts for one store's cut-off, with messages on the shared folder. */
export type ExportsFound = {
  exports: ProofExport[];
  /** One message per export counted from the shared folder, and one for those not counted. */
  messages: string[];
};

/** Lists the summary files in an export folder by name, sorted, or none when the folder does not exist. */
async function summaryNamesIn(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names.filter((name) => name.endsWith(".summary.json")).sort();
}

async function readSummary(path: string): Promise<ProofExport> {
  const summary = JSON.parse(await readFile(path, "utf8")) as ExportSummaryFile;
  return { scope: summary.scope, window: summary.window };
}

/**
 * Reads the summary files of one store's exports for a cut-off. Every one
 * in the store's own folder counts. In the folder that earlier versions
 * shared between every store with the cut-off, only those that `ownFiles`
 * (the files of the store's last export, as the settings keep them) names
 * count, because the summaries do not record their store. Saving another
 * store's connection clears that summary, so it names only this store's
 * files. The others are named in a message and left out, because a counted
 * export can only turn a missing order into an excluded one, so another
 * store's export could make a proof look complete.
 */
export async function exportsMadeFor(
  dataDir: string,
  storeId: string,
  cutoffUtc: string,
  ownFiles: readonly string[],
): Promise<ExportsFound> {
  const folder = exportFolderOf(dataDir, storeId, cutoffUtc);
  const exports: ProofExport[] = [];
  for (const name of await summaryNamesIn(folder)) {
    exports.push(await readSummary(join(folder, name)));
  }
  const madeInOwnFolder = exports.length;

  const sharedFolder = sharedExportFolderOf(dataDir, cutoffUtc);
  const shared = `${sharedFolder}, the folder that earlier versions of Cart Cutover shared between every store with this cut-off`;
  const own = new Set(ownFiles.map((file) => resolve(file)));
  const messages: string[] = [];
  const notCounted: string[] = [];
  for (const name of await summaryNamesIn(sharedFolder)) {
    const path = join(sharedFolder, name);
    if (!own.has(resolve(path))) {
      notCounted.push(name);
      continue;
    }
    exports.push(await readSummary(path));
    messages.push(
      `Counted: the export ${name} in ${shared}. The settings record it as this store's last export.`,
    );
  }
  if (notCounted.length > 0) {
    log.warn("exports in the shared folder not counted", {
      folder: sharedFolder,
      summaries: notCounted.length,
    });
    const advice =
      madeInOwnFolder === 0
        ? ` If they are this store's, export again so that the proof counts them. The new files go to ${folder}.`
        : "";
    messages.push(
      `Not counted: ${notCounted.length} export(s) in ${shared}: ${notCounted.join(", ")}. Nothing records which store they belong to.${advice}`,
    );
  }
  return { exports, messages };
}

/**
 * Runs the proof for the app's store and saves it: the cut-off, Go live
 * settings and ledger come from the app, the orders from the cart.
 */
export async function runProofForApp(
  context: AppContext,
  request: RequestOf<"proof:run">,
): Promise<ProofReport> {
  const settings = context.settings.current;
  const cutoff = settings.cutoff;
  if (!cutoff) {
    throw new UserError(
      "cutoff-missing",
      "Set the cut-off and export the orders before it first; the proof checks the split at the cut-off.",
    );
  }
  const dataDir = context.options.dataDir;
  const goLive = settings.goLive;
  const storeId = context.mappingOptions().storeId;
  const found = await exportsMadeFor(
    dataDir,
    storeId,
    cutoff.cutoffUtc,
    settings.exportSummary?.files ?? [],
  );
  const report = await buildProof({
    connector: await context.connector(),
    ledger: cutoverLedgerViewOf(context.ledger, storeId),
    cutoff,
    goLive: goLive
      ? { importFromUtc: goLive.importFromUtc, filter: goLive.filter }
      : null,
    exports: found.exports,
    overlapMs: context.options.overlapMs ?? DEFAULT_OVERLAP_MS,
    hoursAround: request.hoursAround,
    nowMs: context.now(),
    pageSize: context.options.pageSize,
  });
  const messages = [...report.messages, ...found.messages];
  return saveProof({ ...report, messages }, proofFolderOf(dataDir, storeId), {
    storeName: settings.connection?.report.storeName ?? null,
    userTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
}

/**
 * Returns the newest proof the app saved for the connected store, or null
 * before its first one or with no store connected. Proofs that versions
 * before the per-store folders saved in proofs/ itself stay there unread.
 */
export async function latestProofForApp(
  context: AppContext,
): Promise<ProofReport | null> {
  const store = context.settings.current.store;
  if (!store) return null;
  return latestProof(proofFolderOf(context.options.dataDir, store.storeId));
}
