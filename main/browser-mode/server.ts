import { randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { ChannelHandlers } from "../../preload/contract.js";
import {
  createHandlerCaller,
  type HandlerCaller,
} from "../ipc/call-handler.js";
import { errorText } from "../ipc/error-text.js";
import { createLogger, registerSecret } from "../logging/logger.js";
import { answerApiCall } from "./api-route.js";
import { sendBody, sendEmpty } from "./http-response.js";
import { checkRequest } from "./request-guard.js";
import { readRendererFile } from "./static-files.js";

const log = createLogger("browser-mode");

/**
 * Rejections logged per launch, so that a page that keeps probing cannot
 * flood the log.
 */
const MAX_LOGGED_REJECTIONS = 20;

export type BrowserModeServer = {
  /** http://127.0.0.1:<port>/<token>/, the page to open. */
  url: string;
  /** The address the server listens on, read back from the socket. */
  host: string;
  port: number;
  close(): Promise<void>;
};

export type BrowserModeServerOptions = {
  handlers: ChannelHandlers;
  /** The built renderer: index.html and its assets. */
  rendererDir: string;
  /** 0, the default, lets the system choose a free port. */
  port?: number;
  /** Names the log file of unexpected errors, for the user's error message. */
  currentLogFile: () => string;
};

/**
 * Starts the HTTP server of browser mode on 127.0.0.1 only. Everything it
 * serves is under "/<token>/", with a token drawn fresh at each start: the
 * built renderer by GET, and the contract's channels by POST
 * "/<token>/api/<channel>". Any other request gets an empty 403 or 404.
 */
export async function createBrowserModeServer(
  options: BrowserModeServerOptions,
): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString("base64url");
  // The token gives full control of the app, so log lines never show it.
  registerSecret(token);

  const callHandler = createHandlerCaller({
    handlers: options.handlers,
    currentLogFile: options.currentLogFile,
  });
  let port = 0;
  let rejections = 0;

  const server = createServer((request, response) => {
    const checked = checkRequest(request, { port, token });
    if ("status" in checked) {
      rejections += 1;
      if (rejections <= MAX_LOGGED_REJECTIONS) {
        log.warn("request rejected", {
          status: checked.status,
          reason: checked.reason,
          count: rejections,
        });
      }
      sendEmpty(response, checked.status);
      return;
    }
    if ("redirectTo" in checked) {
      sendEmpty(response, 308, { Location: checked.redirectTo });
      return;
    }

    answer(request, response, checked.path, {
      callHandler,
      rendererDir: options.rendererDir,
    }).catch((error: unknown) => {
      log.error("request failed unexpectedly", { error: errorText(error) });
      if (!response.headersSent) sendEmpty(response, 500);
      else response.destroy();
    });
  });

  const address = await listenOnLoopback(server, options.port ?? 0);
  port = address.port;
  log.info("browser mode listening", { host: address.address, port });

  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    host: address.address,
    port,
    close: async () => {
      await closeServer(server);
      log.info("browser mode stopped", { port });
    },
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  context: { callHandler: HandlerCaller; rendererDir: string },
): Promise<void> {
  if (path.startsWith("api/")) {
    const channelName = decodedOrEmpty(path.slice("api/".length));
    await answerApiCall(request, response, channelName, context.callHandler);
    return;
  }

  if (request.method !== "GET" && request.method !== "HEAD") {
    sendEmpty(response, 405, { Allow: "GET, HEAD" });
    return;
  }
  const file = await readRendererFile(context.rendererDir, path);
  if (file === null) {
    sendEmpty(response, 404);
    return;
  }
  sendBody(response, 200, file.body, file.contentType);
}

function decodedOrEmpty(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}

function listenOnLoopback(
  server: Server,
  port: number,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Browsers keep idle connections open; without this, close() would wait
    // for them to time out.
    server.closeAllConnections();
  });
}
