import { app } from "electron";
import type { ChannelHandlers } from "../../preload/contract.js";
import type { AppServices } from "../app/create-app-services.js";
import { createLogger } from "../logging/logger.js";
import { errorText } from "./error-text.js";

const log = createLogger("app");

/** How long quitting waits for the services to close before it goes on. */
const SERVICES_CLOSE_TIMEOUT_MS = 10_000;

/** The part of the main-process services that the desktop shell uses. */
export type ShellServices = Pick<AppServices, "handlers" | "start" | "close">;

/**
 * Keeps the app alive after its last window closes while Auto Sync is
 * Running, and quits otherwise. Electron quits by itself on the last closed
 * window only when nothing listens to "window-all-closed". This listener
 * takes over that decision, so the scheduler in this process keeps running
 * with no window open. Launching the app again opens a new window.
 */
export function quitWhenClosedUnlessSyncing(handlers: ChannelHandlers): void {
  app.on("window-all-closed", () => {
    void handlers["sync:status"]({})
      .then((status) => status.state === "Running")
      .catch((error: unknown) => {
        log.error("sync status failed after the last window closed", {
          error: errorText(error),
        });
        return false;
      })
      .then((syncing) => {
        if (syncing) {
          log.info("window closed; Auto Sync keeps running in the background");
          return;
        }
        app.quit();
      });
  });
}

/**
 * Closes the services before the app exits. The first "will-quit" is
 * cancelled until close() settles, or until SERVICES_CLOSE_TIMEOUT_MS has
 * passed, and then the quit is resumed.
 */
export function closeServicesOnQuit(services: ShellServices): void {
  let closed = false;
  let closing = false;

  app.on("will-quit", (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;

    void closeWithin(services, SERVICES_CLOSE_TIMEOUT_MS).then(() => {
      closed = true;
      app.quit();
    });
  });
}

async function closeWithin(services: ShellServices, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timed-out">((resolve) => {
    timer = setTimeout(() => resolve("timed-out"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([services.close(), timeout]);
    if (outcome === "timed-out") {
      log.error("services did not close in time; quitting anyway", {
        timeoutMs,
      });
    } else {
      log.info("services closed");
    }
  } catch (error) {
    log.error("services failed to close", { error: errorText(error) });
  } finally {
    clearTimeout(timer);
  }
}
