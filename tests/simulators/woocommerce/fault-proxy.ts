import { createServer, request as sendRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How the proxy breaks one response after the simulator has built it. */
export type ResponseCut =
  /** Sends the headers with the full Content-Length, then `afterBytes` bytes, then drops the connection. */
  | { kind: "reset-mid-body"; afterBytes: number }
  /** Sends a complete response whose body is the first `keepBytes` bytes, as a proxy that buffered a cut body would. */
  | { kind: "truncate"; keepBytes: number };

/** A proxy in front of a simulator that breaks chosen responses while the connector reads them. */
export type FaultProxy = {
  /** Base address to give the connector instead of the simulator's origin. */
  readonly url: string;
  /** Breaks the next `times` responses to requests whose path matches `path`. */
  cut(path: RegExp, times: number, cut: ResponseCut): void;
  close(): Promise<void>;
};

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}

async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Starts the proxy on 127.0.0.1 at a port the OS picks, forwarding to the origin of `targetUrl`. */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const cuts: { path: RegExp; times: number; cut: ResponseCut }[] = [];

  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const path = new URL(incoming.url ?? "/", "http://127.0.0.1").pathname;
      const index = cuts.findIndex((entry) => entry.path.test(path));
      const cut = index >= 0 ? cuts[index]!.cut : null;
      if (index >= 0 && --cuts[index]!.times <= 0) cuts.splice(index, 1);

      const forwarded = sendRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        async (response) => {
          const responseBody = await readBody(response);
          const headers = { ...response.headers };
          delete headers["transfer-encoding"];
          if (cut?.kind === "truncate") {
            const kept = responseBody.subarray(0, Math.min(cut.keepBytes, responseBody.length));
            outgoing.writeHead(response.statusCode ?? 502, { ...headers, "content-length": String(kept.length) });
            outgoing.end(kept);
            return;
          }
          outgoing.writeHead(response.statusCode ?? 502, { ...headers, "content-length": String(responseBody.length) });
          if (!cut) {
            outgoing.end(responseBody);
            return;
          }
          outgoing.write(responseBody.subarray(0, Math.min(cut.afterBytes, responseBody.length - 1)));
          // Lets the partial body leave before the connection drops.
          setTimeout(() => outgoing.socket?.destroy(), 10);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      forwarded.end(body);
    })();
  });

  return {
    url: await listenOnLoopback(server),
    cut: (path, times, cut) => {
      cuts.push({ path, times, cut });
    },
    close: closer(server),
  };
}

/** A server that sends one fixed response to every request, such as a redirect or a web page. */
export type FixedFront = {
  readonly url: string;
  /** Paths with their query of the requests received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
};

/**
 * Starts a front that redirects every request to the same path and query at
 * `targetOrigin`, as a host that sends the bare domain to www does.
 */
export async function startRedirectingFront(targetOrigin: string, status = 301): Promise<FixedFront> {
  const requests: string[] = [];
  const server = createServer((incoming, outgoing) => {
    requests.push(incoming.url ?? "/");
    outgoing.writeHead(status, { location: `${targetOrigin}${incoming.url ?? "/"}`, "content-type": "text/html" });
    outgoing.end("<html><body>Moved</body></html>");
  });
  return { url: await listenOnLoopback(server), requests, close: closer(server) };
}

/** Starts a front that returns 200 and an HTML page for every request, as a site that is not WordPress does. */
export async function startWebPageFront(): Promise<FixedFront> {
  const requests: string[] = [];
  const server = createServer((incoming, outgoing) => {
    requests.push(incoming.url ?? "/");
    outgoing.writeHead(200, { "content-type": "text/html; charset=UTF-8" });
    outgoing.end("<!doctype html><html><head><title>Shop</title></head><body>Welcome</body></html>");
  });
  return { url: await listenOnLoopback(server), requests, close: closer(server) };
}
