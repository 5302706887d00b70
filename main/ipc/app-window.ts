import { BrowserWindow } from "electron";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createLogger } from "../logging/logger.js";
import { secureWindowContents } from "./window-security.js";
import { errorText } from "./error-text.js";

const log = createLogger("window");

/** Paths of the bundled preload and the built renderer, and the page's URL. */
export type AppPaths = {
  preloadPath: string;
  rendererIndexPath: string;
  /** The file: URL of index.html, the only page whose requests IPC accepts. */
  appUrl: string;
};

/**
 * Returns the app's paths as laid out by scripts/build.ts, seen from the
 * folder of the bundled main script (dist/main).
 */
export function appPathsFrom(mainDir: string): AppPaths {
  const rendererIndexPath = join(mainDir, "..", "renderer", "index.html");
  return {
    preloadPath: join(mainDir, "..", "preload", "preload.cjs"),
    rendererIndexPath,
    appUrl: pathToFileURL(rendererIndexPath).href,
  };
}

/**
 * Creates the app's one window with the renderer locked down: context
 * isolation, a sandboxed preload, no Node.js in the page, and navigation
 * and new windows blocked. The window is shown once its first paint is
 * ready, and then `onShown` runs.
 */
export function createAppWindow(
  paths: AppPaths,
  onShown: () => void,
): BrowserWindow {
  const window = new BrowserWindow({
    title: "Cart Cutover",
    width: 1200,
    height: 840,
    minWidth: 900,
    minHeight: 640,
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: paths.preloadPath,
    },
  });
  secureWindowContents(window.webContents, paths.appUrl);

  window.once("ready-to-show", () => {
    window.show();
    onShown();
  });
  window.loadFile(paths.rendererIndexPath).catch((error: unknown) => {
    log.error("renderer failed to load", {
      file: paths.rendererIndexPath,
      error: errorText(error),
    });
  });
  return window;
}
