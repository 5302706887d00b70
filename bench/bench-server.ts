import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const PAGE_DIR = "/bench/";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/** Returns the JSON text of a channel's value, or null for a channel the bench does not serve. */
export type ChannelResponder = (channel: string) => string | null;

export type BenchServer = {
  /** The page to open, such as http://127.0.0.1:41234/bench/. */
  pageUrl: string;
  close(): Promise<void>;
};

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

async function serveFile(rendererDir: string, path: string, response: ServerResponse): Promise<void> {
  const relativePath = path === "" ? "index.html" : path;
  const absolute = normalize(join(rendererDir, relativePath));
  if (!absolute.startsWith(rendererDir + sep)) {
    send(response, 404, "text/plain", "not found");
    return;
  }
  try {
    const body = await readFile(absolute);
    send(response, 200, CONTENT_TYPES[extname(absolute)] ?? "application/octet-stream", body);
  } catch {
    send(response, 404, "text/plain", "not found");
  }
}

function drain(request: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    request.on("data", () => undefined);
    request.on("end", () => resolve());
    request.on("error", reject);
  });
}

/**
 * Starts the bench's server on 127.0.0.1 at a port the OS picks. It serves
 * the built renderer under /bench/ and responds to POST /bench/api/<channel>
 * in the bridge's envelope, with the value `respond` returns for the channel.
 */
export async function startBenchServer(rendererDir: string, respond: ChannelResponder): Promise<BenchServer> {
  const root = normalize(rendererDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith(PAGE_DIR)) {
      send(response, 404, "text/plain", "not found");
      return;
    }
    const path = decodeURIComponent(url.pathname.slice(PAGE_DIR.length));

    if (request.method === "POST" && path.startsWith("api/")) {
      const channel = path.slice("api/".length);
      void drain(request).then(() => {
        const value = respond(channel);
        if (value === null) {
          const error = { message: `The bench has no response for the channel ${channel}.`, kind: "bench" };
          send(response, 200, "application/json", JSON.stringify({ ok: false, error }));
          return;
        }
        send(response, 200, "application/json", `{"ok":true,"value":${value}}`);
      });
      return;
    }
    if (request.method === "GET") {
      void serveFile(root, path, response);
      return;
    }
    send(response, 405, "text/plain", "method not allowed");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}${PAGE_DIR}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
