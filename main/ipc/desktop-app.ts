import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  app,
  dialog,
  session,
  type BrowserWindow,
  type OpenDialogOptions,
} from "electron";
import type { CreateAppServicesOptions } from "../app/create-app-services.js";
import { PRODUCT_NAME } from "../app/data-dir.js";
import { PREVIEW_EXTENSION } from "../dry-run/preview-file.js";
import { createLogger, logToFolder } from "../logging/logger.js";
import {
  closeServicesOnQuit,
  quitWhenClosedUnlessSyncing,
  type ShellServices,
} from "./app-lifecycle.js";
import { appPathsFrom, createAppWindow } from "./app-window.js";
import { createHandlerCaller } from "./call-handler.js";
import { resolveDataDir } from "./command-line.js";
import { errorText } from "./error-text.js";
import { announceWindowShown } from "./launch-signal.js";
import { logFileOf, logFolderOf } from "./log-file.js";
import { registerHandlers } from "./register-handlers.js";
import { createSenderCheck } from "./sender-check.js";
import { secureSession } from "./window-security.js";

const log = createLogger("app");

export type DesktopAppOptions = {
  argv: readonly string[];
  /** The folder of the bundled main script, next to the other bundles. */
  mainDir: string;
  createServices: (options: CreateAppServicesOptions) => Promise<ShellServices>;
  /** Sends log lines to files in a folder; tests replace it. */
  writeLogsTo?: (folder: string) => void;
};

/**
 * Runs the desktop app: one instance, one secured window, the services
 * created once and bound to IPC once, and Auto Sync resumed.
 */
export async function runDesktopApp(options: DesktopAppOptions): Promise<void> {
  // Unpackaged, Electron names the folder after package.json's "name"
  // (cart-cutover). Setting it here gives every build the folder that
  // main/app/data-dir.ts and the CLI use. It must happen before the lock
  // below, which Electron keys on this folder.
  app.setPath("userData", join(app.getPath("appData"), PRODUCT_NAME));

  // A second instance would run a second sync schedule on the same data
  // folder. It quits here, and the first one receives "second-instance".
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();

  let window: BrowserWindow | null = null;
  const started = await createServicesOrReport(options, () => window);
  if (started === null) {
    app.quit();
    return;
  }
  const { services, logFolder } = started;

  const paths = appPathsFrom(options.mainDir);
  const showWindow = () => {
    if (window === null || window.isDestroyed()) {
      const created = createAppWindow(paths, announceWindowShown);
      created.on("closed", () => {
        if (window === created) window = null;
      });
      window = created;
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  secureSession(session.defaultSession);
  registerHandlers({
    callHandler: createHandlerCaller({
      handlers: services.handlers,
      currentLogFile: () => logFileOf(logFolder),
    }),
    isAppSender: createSenderCheck({
      appUrl: paths.appUrl,
      currentWindow: () => window,
    }),
  });
  app.on("second-instance", showWindow);
  // macOS sends "activate" when the Dock icon is clicked with no window open.
  app.on("activate", showWindow);
  quitWhenClosedUnlessSyncing(services.handlers);
  closeServicesOnQuit(services);

  showWindow();
  await resumeServices(services);
}

async function createServicesOrReport(
  options: DesktopAppOptions,
  currentWindow: () => BrowserWindow | null,
): Promise<{ services: ShellServices; logFolder: string } | null> {
  let logFolder: string | null = null;
  try {
    const dataDir = resolveDataDir(options.argv, app.getPath("userData"));
    logFolder = logFolderOf(dataDir);
    await mkdir(dataDir, { recursive: true });
    (options.writeLogsTo ?? logToFolder)(logFolder);
    log.info("app starting", { dataDir });

    const services = await options.createServices({
      dataDir,
      choosePreviewFile: () => choosePreviewFile(currentWindow()),
    });
    return { services, logFolder };
  } catch (error) {
    log.error("app failed to start", { error: errorText(error) });
    const message = error instanceof Error ? error.message : String(error);
    const where =
      logFolder === null
        ? ""
        : `\n\nThe details are in the log file at ${logFileOf(logFolder)}.`;
    dialog.showErrorBox("Cart Cutover could not start", `${message}${where}`);
    return null;
  }
}

/** Asks for a saved dry-run preview with the system's Open dialog. */
async function choosePreviewFile(
  window: BrowserWindow | null,
): Promise<string | null> {
  const dialogOptions: OpenDialogOptions = {
    title: "Open a dry-run preview",
    properties: ["openFile"],
    // Electron's filters take extensions without dots, so the dialog offers
    // every .json file and openPreview rejects one that is not a preview.
    filters: [
      {
        name: `Cart Cutover preview (*${PREVIEW_EXTENSION})`,
        extensions: ["json"],
      },
    ],
  };
  const result =
    window === null
      ? await dialog.showOpenDialog(dialogOptions)
      : await dialog.showOpenDialog(window, dialogOptions);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function resumeServices(services: ShellServices): Promise<void> {
  try {
    await services.start();
    log.info("services started");
  } catch (error) {
    // The window stays open: the monitor shows Auto Sync as it is, and the
    // user can start it again from there.
    log.error("services failed to start", { error: errorText(error) });
  }
}
