import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ProofReport, RequestOf } from "../../preload/contract.js";
import type { AppContext } from "../app/app-context.js";
import { UserError } from "../app/user-error.js";
import type { ExportSummaryFile } from "../cutover/export-summary.js";
import { exportFolderOf } from "../cutover/export-service.js";
import { cutoverLedgerViewOf } from "../cutover/ledger-view.js";
import { DEFAULT_OVERLAP_MS } from "../sync/sync-engine.js";
import type { ProofExport } from "./proof-classify.js";
import { latestProof, saveProof } from "./proof-files.js";
import { buildProof } from "./proof-run.js";

/** Returns the folder the app saves proofs in. */
export function proofFolderOf(dataDir: string): string {
  return join(dataDir, "proofs");
}

/** Reads the summary files of the exports made for a cut-off; none when nothing was exported. */
export async function exportsMadeFor(
  dataDir: string,
  cutoffUtc: string,
): Promise<ProofExport[]> {
  const folder = exportFolderOf(dataDir, cutoffUtc);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const exports: ProofExport[] = [];
  const summaryNames = names.filter((name) => name.endsWith(".summary.json"));
  for (const name of summaryNames.sort()) {
    const text = await readFile(join(folder, name), "utf8");
    const summary = JSON.parse(text) as ExportSummaryFile;
    exports.push({ scope: summary.scope, window: summary.window });
  }
  return exports;
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
  const report = await buildProof({
    connector: await context.connector(),
    ledger: cutoverLedgerViewOf(context.ledger, storeId),
    cutoff,
    goLive: goLive
      ? { importFromUtc: goLive.importFromUtc, filter: goLive.filter }
      : null,
    exports: await exportsMadeFor(dataDir, cutoff.cutoffUtc),
    overlapMs: context.options.overlapMs ?? DEFAULT_OVERLAP_MS,
    hoursAround: request.hoursAround,
    nowMs: context.now(),
    pageSize: context.options.pageSize,
  });
  return saveProof(report, proofFolderOf(dataDir), {
    storeName: settings.connection?.report.storeName ?? null,
    userTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
}

/** Returns the newest proof the app saved, or null before the first one. */
export function latestProofForApp(
  context: AppContext,
): Promise<ProofReport | null> {
  return latestProof(proofFolderOf(context.options.dataDir));
}
