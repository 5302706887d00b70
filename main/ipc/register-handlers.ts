import { ipcMain } from "electron";
import { CHANNELS, type Envelope } from "../../preload/contract.js";
import { createLogger } from "../logging/logger.js";
import type { HandlerCaller } from "./call-handler.js";
import type { SenderCheck } from "./sender-check.js";
import { originOf } from "./url-parts.js";

const log = createLogger("ipc");

const SENDER_REJECTED: Envelope<never> = {
  ok: false,
  error: {
    kind: "sender-rejected",
    message:
      "Cart Cutover rejected a request that did not come from its own window.",
  },
};

/**
 * Binds every channel of the contract to ipcMain.handle. This is the only
 * module that imports ipcMain, so every request passes the sender check and
 * the schema check in `callHandler`. Call it once: Electron throws on a
 * second handler for a channel.
 */
export function registerHandlers(options: {
  callHandler: HandlerCaller;
  isAppSender: SenderCheck;
}): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!options.isAppSender(event)) {
        log.warn("request rejected from a sender outside the app window", {
          channel,
          senderOrigin: originOf(event.senderFrame?.url ?? ""),
        });
        return SENDER_REJECTED;
      }
      return options.callHandler(channel, request);
    });
  }
  log.info("IPC handlers registered", { channels: CHANNELS.length });
}
