import { join } from "node:path";
import type { ChannelHandlers, DryRunState, Preview } from "../../preload/contract.js";
import { resolveCutoff } from "../cutover/cutoff.js";
import { createExportService } from "../cutover/export-service.js";
import { runDryRun } from "../dry-run/dry-run.js";
import { previewViewOf } from "../dry-run/preview-view.js";
import { newestPreview, openPreview, PREVIEW_EXTENSION, savePreviewFiles } from "../dry-run/preview-file.js";
import { createLogger } from "../logging/logger.js";
import { latestProofForApp, runProofForApp } from "../proof/proof-service.js";
import { createSystemKeychain } from "../secrets/keychain.js";
import { openAppContext, type AppContext, type AppOptions } from "./app-context.js";
import { saveConnection, testConnection } from "./connect-handlers.js";
import { saveDestination } from "./destination-handlers.js";
import { appStateOf, saveGoLive, startBlockers } from "./go-live.js";
import { UserError } from "./user-error.js";

const log = createLogger("app");
const DEFAULT_DRY_RUN_DAYS = 30;

export type AppServices = {
  handlers: ChannelHandlers;
  context: AppContext;
  /** Resumes Auto Sync if it was Running when the app last stopped. */
  start(): Promise<void>;
  close(): Promise<void>;
};

export type CreateAppServicesOptions = Partial<AppOptions> & {
  dataDir: string;
  /** Asks the user for a preview file; the newest saved one is used where no dialog exists. */
  choosePreviewFile?: () => Promise<string | null>;
};

function requireConnection(context: AppContext) {
  const connection = context.settings.current.connection;
  if (!connection) throw new UserError("connection-untested", "Test the connection in the Connect step first.");
  return connection;
}

/** Builds the main-process services behind every channel of the contract. */
export async function createAppServices(options: CreateAppServicesOptions): Promise<AppServices> {
  const keychain = options.keychain ?? createSystemKeychain();
  const context = await openAppContext({ ...options, keychain });
  const previewsFolder = join(options.dataDir, "previews");
  const exports = createExportService(context);
  // The preview on screen, in full; the renderer holds only its light rows.
  let shownPreview: Preview | null = null;
  const show = (preview: Preview) => {
    shownPreview = preview;
    return previewViewOf(preview);
  };

  const keychainState = async () => {
    const status = await keychain.status();
    return status.available ? { available: true, message: null } : { available: false, message: status.message };
  };
  const appState = async () => appStateOf(context, await keychainState());

  const handlers: ChannelHandlers = {
    "app:get-state": () => appState(),
    "connect:save": async (request) => {
      await saveConnection(context, request);
      return appState();
    },
    "connect:test": () => testConnection(context),
    "dry-run:run": async (request) => {
      const connection = requireConnection(context);
      const nowMs = context.now();
      const toUtc = request.toUtc ? new Date(Date.parse(request.toUtc)).toISOString() : new Date(nowMs).toISOString();
      const fromUtc = request.fromUtc
        ? new Date(Date.parse(request.fromUtc)).toISOString()
        : new Date(Date.parse(toUtc) - (request.recentDays ?? DEFAULT_DRY_RUN_DAYS) * 86_400_000).toISOString();
      if (Date.parse(fromUtc) >= Date.parse(toUtc)) {
        throw new UserError("window-invalid", "The dry run's start must be before its end. Choose a start earlier than the end.");
      }
      const store = context.settings.current.store!;
      if (request.guestPolicy || request.knownSkus) {
        await context.settings.update((settings) => {
          if (request.guestPolicy) settings.mapping.guestPolicy = request.guestPolicy;
          if (request.knownSkus) settings.mapping.knownSkus = request.knownSkus.length ? request.knownSkus : null;
        });
      }
      const listed = await runDryRun({
        connector: await context.connector(),
        mapping: context.mappingOptions(),
        window: { fromUtc, toUtc },
        store: { storeName: connection.report.storeName, storeUrl: store.storeUrl },
        now: context.now,
      });
      const preview = { ...listed, timeZone: connection.report.timeZone };
      const { savedTo, spreadsheetTo } = await savePreviewFiles(previewsFolder, store.storeId, preview);
      const state: DryRunState = { ranAtUtc: preview.createdAtUtc, passed: true, summary: preview.summary, savedTo, spreadsheetTo };
      await context.settings.update((settings) => (settings.dryRun = state));
      return show(preview);
    },
    "dry-run:open": async (request) => {
      // Only preview files: the renderer must not be able to read other files through this call.
      if (!request.path.endsWith(PREVIEW_EXTENSION)) {
        throw new UserError("preview-invalid", `${request.path} is not a Cart Cutover preview. Choose a file ending in ${PREVIEW_EXTENSION}.`);
      }
      return show(await openPreview(request.path));
    },
    "dry-run:choose-file": async () => {
      const path = options.choosePreviewFile ? await options.choosePreviewFile() : await newestPreview(previewsFolder);
      return path ? show(await openPreview(path)) : null;
    },
    "dry-run:detail": async (request) => {
      const row = shownPreview?.rows[request.index];
      if (!row) throw new UserError("preview-row-missing", "That order is not in the preview on screen. Run the dry run again or reopen the saved preview.");
      return row;
    },
    "cutoff:set": async (request) => {
      const connection = requireConnection(context);
      if (context.settings.current.sync.state === "Running") {
        throw new UserError("sync-running", "Auto Sync is Running. Stop it before you change the cut-off.");
      }
      const cutoff = resolveCutoff(request.wallClock, connection.report.timeZone, context.now());
      await context.settings.update((settings) => {
        if (settings.cutoff?.cutoffUtc !== cutoff.cutoffUtc) settings.exportSummary = null;
        settings.cutoff = cutoff;
      });
      return cutoff;
    },
    "export:start": (request) => exports.start(request),
    "export:status": async () => exports.status(),
    "export:cancel": async () => exports.cancel(),
    "go-live:save": (request) => saveGoLive(context, request),
    "destination:save": async (request) => {
      await saveDestination(context, request);
      return appState();
    },
    "sync:start": async () => {
      const blockers = startBlockers(context);
      if (blockers.length) throw new UserError("start-refused", `Auto Sync cannot start yet: ${blockers.join(" ")}`);
      return context.sync.start();
    },
    "sync:stop": () => context.sync.stop(),
    "sync:run-now": async () => {
      if (!context.settings.current.goLive) throw new UserError("go-live-missing", "Save the Go live settings before importing orders.");
      await context.sync.runNow("manual");
      return context.sync.status();
    },
    "sync:status": async () => context.sync.status(),
    "sync:retry-order": async (request) => {
      await context.sync.retryOrder(request.cartOrderId);
      return context.sync.status();
    },
    "order-book:list": async (request) => context.orderBook.list(request.limit),
    "proof:run": (request) => runProofForApp(context, request),
    "proof:latest": () => latestProofForApp(context),
  };

  return {
    handlers,
    context,
    async start() {
      context.sync.resume();
    },
    async close() {
      exports.cancel();
      await exports.idle();
      await context.sync.close();
      context.ledger.close();
      context.orderBook.close();
    },
  };
}
