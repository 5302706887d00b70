import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import { idempotencyKeyOf, type IntakeRequestBody } from "../../main/destinations/http-intake.js";
import { Journal } from "../../main/sync/journal.js";

const SCHEMA_URL = new URL("../../main/destinations/order-intake.schema.json", import.meta.url);
const validateBody = new Ajv2020({ strict: true, allErrors: false }).compile<IntakeRequestBody>(
  JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as object,
);

/** One document the receiver holds, with the key it was first delivered under. */
export type StoredDocument = {
  documentId: string;
  idempotencyKey: string;
  receivedAtMs: number;
  body: IntakeRequestBody;
};

/** A fault for the next `times` deliveries. The "after-store" kinds store the document, then break the response. */
export type ReceiverFault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; times: number }
  | { kind: "reset-after-store"; times: number }
  | { kind: "stall-after-store"; delayMs: number; times: number }
  | { kind: "malformed-after-store"; times: number };

export type ReceiverOptions = {
  /** Bearer token the receiver requires; none when absent. */
  accessToken?: string;
  /** Time a delivery takes between arriving and being stored, which widens the window in which two deliveries of one key meet. */
  processingMs?: number;
  /** The response to a delivery while another of its key is in progress: 200 after waiting for it, or 409 at once. */
  whileInProgress?: "wait" | "conflict";
  /** Journal file that keeps the documents across a restart of the receiver; in memory only when absent. */
  dataFile?: string;
};

export type ReferenceReceiver = {
  /** The intake endpoint, http://127.0.0.1:<port>/orders. */
  readonly url: string;
  documents(): StoredDocument[];
  /** Every POST that reached the receiver, repeats included. */
  deliveryCount(): number;
  injectFault(fault: ReceiverFault): void;
  close(): Promise<void>;
};

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the reference order intake receiver on 127.0.0.1 at a port the OS
 * picks. It validates each body against order-intake.schema.json, checks
 * that the Idempotency-Key is the one derived from the document's
 * sourceKey, and keeps one document per key. Two deliveries of one key that
 * arrive together are settled before either is stored: the second waits for
 * the first (or gets 409), so no race can store a key twice.
 */
export async function startReferenceReceiver(options: ReceiverOptions = {}): Promise<ReferenceReceiver> {
  const journal = options.dataFile ? Journal.open<StoredDocument>(options.dataFile) : null;
  const byKey = new Map<string, StoredDocument>();
  for (const stored of journal?.records ?? []) byKey.set(stored.idempotencyKey, stored);
  const inProgress = new Map<string, Promise<StoredDocument>>();
  const faults: ReceiverFault[] = [];
  let deliveries = 0;

  const takeFault = (): ReceiverFault | null => {
    const fault = faults[0];
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) faults.shift();
    return fault;
  };

  const store = async (key: string, body: IntakeRequestBody): Promise<StoredDocument> => {
    if (options.processingMs) await pause(options.processingMs);
    const stored: StoredDocument = {
      documentId: `DOC-${String(byKey.size + 1).padStart(6, "0")}`,
      idempotencyKey: key,
      receivedAtMs: Date.now(),
      body,
    };
    journal?.append([stored]);
    byKey.set(key, stored);
    return stored;
  };

  /** Stores the document once per key; returns it with whether this delivery stored it. */
  const settle = async (key: string, body: IntakeRequestBody): Promise<{ stored: StoredDocument; created: boolean } | "conflict"> => {
    const existing = byKey.get(key);
    if (existing) return { stored: existing, created: false };
    const running = inProgress.get(key);
    if (running) {
      if (options.whileInProgress === "conflict") return "conflict";
      return { stored: await running, created: false };
    }
    // Nothing awaits between the two checks above and this set, so a second
    // delivery of the key always finds one or the other.
    const pending = store(key, body).finally(() => inProgress.delete(key));
    inProgress.set(key, pending);
    return { stored: await pending, created: true };
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    if (request.method !== "POST" || new URL(request.url ?? "/", "http://127.0.0.1").pathname !== "/orders") {
      return send(response, 404, { error: "not found" });
    }
    deliveries++;
    if (options.accessToken && request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return send(response, 401, { error: "missing or wrong access token" });
    }
    const fault = takeFault();
    if (fault?.kind === "status") {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      return send(response, fault.status, { error: `injected HTTP ${fault.status}` }, headers);
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return send(response, 400, { error: "the body is not JSON" });
    }
    if (!validateBody(parsed)) {
      const first = validateBody.errors?.[0];
      return send(response, 422, { error: `the body does not match the schema: ${first?.instancePath || "/"} ${first?.message ?? ""}`.trim() });
    }
    const key = request.headers["idempotency-key"];
    if (typeof key !== "string" || key === "") return send(response, 400, { error: "the Idempotency-Key header is missing" });
    if (key !== idempotencyKeyOf(parsed.document.sourceKey)) {
      return send(response, 422, { error: "the Idempotency-Key is not the SHA-256 of document.sourceKey" });
    }

    const outcome = await settle(key, parsed);
    if (outcome === "conflict") return send(response, 409, { error: "a delivery with this key is in progress" }, { "retry-after": "0.05" });

    if (fault?.kind === "reset-after-store") return void request.socket.destroy();
    if (fault?.kind === "stall-after-store") await pause(fault.delayMs);
    if (response.destroyed) return;
    if (fault?.kind === "malformed-after-store") {
      response.writeHead(200, { "content-type": "application/json" });
      return void response.end('{"documentId":');
    }
    send(response, outcome.created ? 201 : 200, { documentId: outcome.stored.documentId });
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) send(response, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/orders`,
    documents: () => [...byKey.values()],
    deliveryCount: () => deliveries,
    injectFault: (fault) => void faults.push({ ...fault }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          journal?.close();
          resolve();
        });
      }),
  };
}
