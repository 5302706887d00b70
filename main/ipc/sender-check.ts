import type { BrowserWindow, IpcMainInvokeEvent } from "electron";
import { withoutFragment } from "./url-parts.js";

/** Decides whether an IPC request comes from the app's own page. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Creates the check that accepts a request only when it comes from the main
 * frame of the app's window while that frame shows `appUrl`. Requests from
 * iframes, other windows, or a page that reached another URL are rejected.
 */
export function createSenderCheck(options: {
  appUrl: string;
  currentWindow: () => BrowserWindow | null;
}): SenderCheck {
  return (event) => {
    const window = options.currentWindow();
    const frame = event.senderFrame;
    if (window === null || window.isDestroyed() || frame === null) return false;
    if (event.sender.id !== window.webContents.id) return false;

    const mainFrame = event.sender.mainFrame;
    const isMainFrame =
      frame.parent === null &&
      frame.processId === mainFrame.processId &&
      frame.routingId === mainFrame.routingId;
    return isMainFrame && withoutFragment(frame.url) === options.appUrl;
  };
}
