import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultQueue, FaultTarget, LoggedRequest, SimulatorFault } from "./faults.js";

/** A request as the simulator's handler receives it, with the body read in full. */
export type SimulatorRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
};

export type SimulatorReply = {
  status: number;
  headers?: Record<string, string>;
  body: string;
};

export type SimulatorServerOptions = {
  faults: FaultQueue;
  /** Names the resource of a request, for faults that target "orders" only. */
  faultTargetOf(request: SimulatorRequest): FaultTarget;
  /**
   * Builds the response to a request. `fault` is a platform-specific fault (too-heavy,
   * ignore-window) taken for it, which the handler applies itself.
   */
  handle(request: SimulatorRequest, fault: SimulatorFault | null): SimulatorReply | Promise<SimulatorReply>;
  /** Body of an injected status fault, in the platform's error shape. */
  statusFaultBody(status: number): string;
  /** Header names whose values the request log replaces with "[present]". */
  credentialHeaders: string[];
  /** Masks credentials inside a request body for the log, such as a client secret in a form. */
  maskBody?(body: string): string;
};

export type SimulatorServer = {
  /** Base address such as http://127.0.0.1:43121. */
  readonly url: string;
  requestLog(): LoggedRequest[];
  close(): Promise<void>;
};

/** A body that is cut off mid-object, as a proxy that drops the connection would leave it. */
export const MALFORMED_BODY = '{"data":{"orders":{"nodes":[{"id":';

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function flattenHeaders(request: IncomingMessage, masked: Set<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = masked.has(name) ? "[present]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}

/**
 * Starts a simulator's HTTP server on 127.0.0.1 at a port the OS picks. It
 * reads each request, applies the generic faults (status, stall, reset,
 * malformed body) from the queue, passes the rest to the handler, and keeps a
 * request log with credential headers masked.
 */
export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const log: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const masked = new Set(options.credentialHeaders.map((name) => name.toLowerCase()));

  const serve = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const body = await readBody(incoming);
    const request: SimulatorRequest = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
      ),
      body,
    };
    const entry: LoggedRequest = {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: flattenHeaders(incoming, masked),
      body: options.maskBody ? options.maskBody(body) : body,
      status: 0,
      atMs: Date.now(),
    };
    log.push(entry);

    const fault = options.faults.take(options.faultTargetOf(request));
    if (fault?.kind === "reset") {
      incoming.socket.destroy();
      return;
    }
    if (fault?.kind === "stall") {
      await delay(fault.delayMs, timers);
      // A client that gave up has closed the socket; its request must not change the store.
      if (incoming.socket.destroyed) return;
    }

    let reply: SimulatorReply;
    if (fault?.kind === "status") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
      reply = { status: fault.status, headers, body: options.statusFaultBody(fault.status) };
    } else if (fault?.kind === "malformed") {
      reply = { status: 200, headers: { "content-type": "application/json" }, body: MALFORMED_BODY };
    } else {
      const platformFault = fault?.kind === "too-heavy" || fault?.kind === "ignore-window" ? fault : null;
      reply = await options.handle(request, platformFault);
    }

    entry.status = reply.status;
    outgoing.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    outgoing.end(reply.body);
  };

  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch((error: unknown) => {
      if (outgoing.headersSent || outgoing.destroyed) return;
      outgoing.writeHead(500, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ errors: `simulator failure: ${String(error)}` }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requestLog: () => log.map((entry) => ({ ...entry })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
