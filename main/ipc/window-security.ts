import type { Session, WebContents } from "electron";
import { createLogger } from "../logging/logger.js";
import { CONTENT_SECURITY_POLICY } from "./content-security-policy.js";
import { originOf, withoutFragment } from "./url-parts.js";

const log = createLogger("window");

/**
 * Sends the Content-Security-Policy as a response header on every response
 * of the session, in place of any policy the response had, and denies every
 * permission request (camera, notifications, geolocation and the rest).
 * NOTE: it is unverified whether Electron runs webRequest listeners for the
 * file: page itself, so the meta tag in index.html, with the same policy
 * except frame-ancestors, is what surely applies there.
 */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== "content-security-policy") {
        responseHeaders[name] = value;
      }
    }
    responseHeaders["Content-Security-Policy"] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });

  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn("permission request denied", { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/**
 * Keeps the window on the app's page: navigation and redirects to any other
 * URL are cancelled, window.open and target=_blank links open nothing, and
 * <webview> tags are not attached.
 */
export function secureWindowContents(
  webContents: WebContents,
  appUrl: string,
): void {
  const blockUnlessAppPage = (
    event: { preventDefault(): void },
    url: string,
  ) => {
    if (withoutFragment(url) === appUrl) return;
    event.preventDefault();
    log.warn("navigation blocked", { origin: originOf(url) });
  };

  webContents.on("will-navigate", (event) =>
    blockUnlessAppPage(event, event.url),
  );
  webContents.on("will-redirect", (event) =>
    blockUnlessAppPage(event, event.url),
  );
  webContents.on("will-frame-navigate", (event) => {
    // A frame inside the page has no reason to exist, so it may not load
    // anything at all, not even the app's own page.
    if (!event.isMainFrame) event.preventDefault();
  });
  webContents.on("will-attach-webview", (event) => event.preventDefault());

  webContents.setWindowOpenHandler(({ url }) => {
    log.warn("new window denied", { origin: originOf(url) });
    return { action: "deny" };
  });
}
