import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createAppServices,
  type CreateAppServicesOptions,
} from "../app/create-app-services.js";
import { logFileOf, logFolderOf } from "../ipc/log-file.js";
import { createBrowserModeServer, type BrowserModeServer } from "./server.js";

/** The renderer as scripts/build.ts builds it, seen from this source file. */
const DEFAULT_RENDERER_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "dist",
  "renderer",
);

export type BrowserMode = {
  /** The page to open, with the per-launch token in its path. */
  url: string;
  /** Stops the server, then closes the services. */
  close(): Promise<void>;
};

/**
 * Runs the real main-process services behind the browser-mode server: the
 * fallback where Electron cannot start, and the bridge of the end-to-end
 * tests in Chromium. Auto Sync resumes as it would in the desktop app.
 */
export async function startBrowserMode(options: {
  dataDir: string;
  port?: number;
  rendererDir?: string;
  /** Passed to createAppServices, such as a test's keychain or retry policy. */
  serviceOptions?: Omit<CreateAppServicesOptions, "dataDir">;
}): Promise<BrowserMode> {
  await mkdir(options.dataDir, { recursive: true });
  const services = await createAppServices({
    ...options.serviceOptions,
    dataDir: options.dataDir,
  });
  const logFolder = logFolderOf(options.dataDir);

  let server: BrowserModeServer | null = null;
  try {
    server = await createBrowserModeServer({
      handlers: services.handlers,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
      port: options.port ?? 0,
      currentLogFile: () => logFileOf(logFolder),
    });
    await services.start();
  } catch (error) {
    await server?.close();
    await services.close();
    throw error;
  }

  const running = server;
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await services.close();
    },
  };
}
