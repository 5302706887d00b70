import type { AppState, RequestOf, SeamCheck } from "../../preload/contract.js";
import { cutoverLedgerViewOf, replacedExportCutoffOf } from "../cutover/ledger-view.js";
import { checkOverlap, overlapVerdict } from "../cutover/seam-check.js";
import { exportFolderOf } from "../cutover/export-service.js";
import { DEFAULT_ORDER_FILTER, exclusionReason, type OrderFilter } from "../mapping/order-filter.js";
import { toUtcIso } from "../time/zoned-time.js";
import { formatInZone } from "../time/zoned-time.js";
import type { AppContext } from "./app-context.js";
import { UserError } from "./user-error.js";

const MAX_ORDERS_LISTED = 200;

async function ordersBetween(context: AppContext, fromUtc: string, toUtc: string): Promise<SeamCheck["ordersConcerned"]> {
  const connector = await context.connector();
  const found: SeamCheck["ordersConcerned"] = [];
  for await (const page of connector.listOrders({ createdFromUtc: fromUtc, createdToUtc: toUtc, pageSize: 250 })) {
    for (const order of page.orders) {
      if (found.length < MAX_ORDERS_LISTED) found.push({ cartOrderId: order.orderId, orderNumber: order.orderNumber, createdAtUtc: order.createdAtUtc });
    }
  }
  return found;
}

/**
 * Compares Import Orders from with the cut-off. Equal is the seam that
 * loses and doubles nothing. Later leaves a gap that no side imports and is
 * refused. Earlier overlaps the export and is accepted only once the export
 * for this cut-off is done and every order in the overlap that the sync
 * would import (by `filter`) is recorded as exported. The de-duplication
 * then skips each of them, so none can become a second document.
 */
export async function checkSeam(
  context: AppContext,
  importFromUtc: string,
  filter: OrderFilter = context.settings.current.goLive?.filter ?? DEFAULT_ORDER_FILTER,
): Promise<SeamCheck> {
  const cutoff = context.settings.current.cutoff;
  if (!cutoff) throw new UserError("cutoff-missing", "Set the cut-off in the Cut-off and export step before going live.");
  const zone = cutoff.timeZone;
  const from = Date.parse(importFromUtc);
  const cut = Date.parse(cutoff.cutoffUtc);

  if (from === cut) {
    const aligned: SeamCheck = { verdict: "aligned", message: `Import Orders from equals the cut-off (${formatInZone(cutoff.cutoffUtc, zone)}): every order is either exported or imported, never both.`, ordersConcerned: [], startAllowed: true };
    return withEarlierExportNote(context, aligned, filter);
  }
  if (from > cut) {
    const concerned = await ordersBetween(context, cutoff.cutoffUtc, importFromUtc);
    return {
      verdict: "gap",
      message: `Import Orders from (${formatInZone(importFromUtc, zone)}) is later than the cut-off (${formatInZone(cutoff.cutoffUtc, zone)}). Orders created in between would be in neither the export nor the sync: ${concerned.length} such order(s) exist now. Set Import Orders from to the cut-off.`,
      ordersConcerned: concerned,
      startAllowed: false,
    };
  }
  const exportDone = context.settings.current.exportSummary?.cutoffUtc === cutoff.cutoffUtc;
  const overlap = await checkOverlap({
    connector: await context.connector(),
    ledger: cutoverLedgerViewOf(context.ledger, context.mappingOptions().storeId),
    importFromUtc,
    cutoffUtc: cutoff.cutoffUtc,
    filter,
  });
  return withEarlierExportNote(context, overlapVerdict(overlap, importFromUtc, cutoff.cutoffUtc, zone, exportDone), filter);
}

/**
 * Adds a note on orders created after the cut-off that are only in an
 * export made while a later cut-off was set. The sync imports them, because
 * the export for this cut-off leaves them out, so they are in both systems
 * if that earlier export went to the old system.
 */
async function withEarlierExportNote(context: AppContext, seam: SeamCheck, filter: OrderFilter): Promise<SeamCheck> {
  const cutoff = context.settings.current.cutoff!;
  const storeId = context.mappingOptions().storeId;
  const cut = Date.parse(cutoff.cutoffUtc);
  const laterMs = context.ledger
    .exportCutoffsOf(storeId)
    .map((cutoffUtc) => Date.parse(cutoffUtc))
    .filter((ms) => ms > cut);
  if (laterMs.length === 0) return seam;

  const ledger = cutoverLedgerViewOf(context.ledger, storeId);
  const connector = await context.connector();
  const concerned: SeamCheck["ordersConcerned"] = [];
  const folders = new Set<string>();
  let count = 0;
  const pages = connector.listOrders({
    createdFromUtc: cutoff.cutoffUtc,
    createdToUtc: new Date(Math.max(...laterMs)).toISOString(),
    pageSize: 250,
  });
  for await (const page of pages) {
    for (const order of page.orders) {
      const exportedCutoff = replacedExportCutoffOf(ledger, order, cutoff.cutoffUtc);
      if (exportedCutoff === undefined) continue;
      // An order the sync's filter leaves out is in neither system's part, by choice.
      if (exclusionReason(order, filter) !== null) continue;
      count++;
      folders.add(exportFolderOf(context.options.dataDir, storeId, exportedCutoff));
      if (concerned.length < MAX_ORDERS_LISTED) concerned.push({ cartOrderId: order.orderId, orderNumber: order.orderNumber, createdAtUtc: order.createdAtUtc });
    }
  }
  if (count === 0) return seam;
  const numbers = concerned.map((order) => order.orderNumber).join(", ");
  const note = `${count} order(s) created after the cut-off are in an export made for an earlier cut-off setting: ${numbers}. The sync imports them, because the export for this cut-off leaves them out. If that earlier export (${[...folders].join(", ")}) went to the old system, remove them there before Start, or they will be in both systems.`;
  return { ...seam, message: `${seam.message} ${note}`, ordersConcerned: [...seam.ordersConcerned, ...concerned] };
}

/** Saves the Go live settings when the seam check allows it; otherwise writes nothing. */
export async function saveGoLive(context: AppContext, request: RequestOf<"go-live:save">): Promise<SeamCheck> {
  if (context.settings.current.sync.state === "Running") {
    throw new UserError("sync-running", "Auto Sync is Running. Stop it before you change the Go live settings.");
  }
  const importFromUtc = toUtcIso(request.importFromUtc);
  const seam = await checkSeam(context, importFromUtc, request.filter);
  if (!seam.startAllowed) return seam;

  const previousImportFrom = context.settings.current.goLive?.importFromUtc;
  await context.settings.update((settings) => {
    settings.goLive = { documentKind: request.documentKind, importFromUtc, intervalMinutes: request.intervalMinutes, filter: request.filter };
  });
  if (previousImportFrom !== importFromUtc) {
    context.ledger.commit([{ type: "mark", markUtc: importFromUtc, atUtc: new Date(context.now()).toISOString() }]);
  }
  return seam;
}

/** Lists why Start is refused now, in the product's words; empty when Start is allowed. */
export function startBlockers(context: AppContext): string[] {
  const settings = context.settings.current;
  const blockers: string[] = [];
  if (!settings.store) blockers.push("Connect a cart and save the connection.");
  else if (!settings.connection) blockers.push("Test the connection: it has not passed since the connection was saved.");
  if (!settings.dryRun?.passed) blockers.push("Run a dry run in the Test import step; Start needs one that passed.");
  if (!settings.cutoff) blockers.push("Set the cut-off.");
  if (!settings.goLive) blockers.push("Save the Go live settings (Import Orders As, Import Orders from, interval).");
  return blockers;
}

export function appStateOf(context: AppContext, keychain: { available: boolean; message: string | null }): AppState {
  const settings = context.settings.current;
  return {
    destination: settings.destination,
    mapping: { guestPolicy: settings.mapping.guestPolicy, knownSkuCount: settings.mapping.knownSkus?.length ?? null },
    store: settings.store ? { platform: settings.store.platform, storeUrl: settings.store.storeUrl, storedCredentialFields: settings.store.credentialFields } : null,
    connection: settings.connection,
    dryRun: settings.dryRun,
    cutoff: settings.cutoff,
    exportSummary: settings.exportSummary,
    goLive: settings.goLive,
    startBlockers: startBlockers(context),
    sync: context.sync.status(),
    keychainAvailable: keychain.available,
    keychainMessage: keychain.message,
  };
}
