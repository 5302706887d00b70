import { createHash } from "node:crypto";
import { CartError } from "../carts/cart-error.js";
import {
  header,
  HttpClient,
  type HttpResponse,
  MalformedBodyError,
  parseJsonBody,
  RetryLaterError,
  type RetryEvent,
} from "../http/http-client.js";
import { parseRetryAfterMs, type RetryPolicy } from "../http/retry-policy.js";
import { createLogger, registerSecret } from "../logging/logger.js";
import type { SalesDocument } from "../mapping/sales-document.js";
import type { Delivery, Destination } from "./destination.js";
import { parseIntakeEndpoint } from "./intake-endpoint.js";

const log = createLogger("intake");

/** Version of the request body, the `formatVersion` field; order-intake.schema.json describes version 1. */
export const INTAKE_FORMAT_VERSION = 1;

const DEFAULT_CONCURRENCY = 4;
/** Wait after a 409 without Retry-After: the other delivery of the key is usually done by then. */
const IN_PROGRESS_WAIT_MS = 500;

/** The JSON body POSTed for each document. */
export type IntakeRequestBody = { formatVersion: typeof INTAKE_FORMAT_VERSION; document: SalesDocument };

export type HttpIntakeOptions = {
  /** The address each document is POSTed to; https, or http on a loopback address. */
  endpointUrl: string;
  /** Sent as "Authorization: Bearer <token>" when set; never logged. */
  accessToken?: string | null;
  retryPolicy?: RetryPolicy;
  /** Documents in flight at once; each has its own key, so order does not matter to the receiver. */
  concurrency?: number;
  onRetry?: (event: RetryEvent) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/**
 * Returns the Idempotency-Key of an order's document: the SHA-256 of its
 * sourceKey (platform, store and cart order id) in lowercase hex. The same
 * order always gets the same key, whatever else in the document changed.
 */
export function idempotencyKeyOf(sourceKey: string): string {
  return createHash("sha256").update(sourceKey, "utf8").digest("hex");
}

type IntakeAnswer = { documentId: string; created: boolean } | { rejectedReason: string };

function reasonIn(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.body) as { error?: unknown };
    if (typeof body.error === "string" && body.error.trim()) return body.error.trim().slice(0, 500);
  } catch {
    // The status alone is the reason then.
  }
  return `HTTP ${response.status}`;
}

/** Reads the receiver's response to one POST, as the description in order-intake.schema.json sets out. */
function readAnswer(response: HttpResponse, url: URL): IntakeAnswer {
  const { status } = response;
  if (status === 200 || status === 201) {
    const body = parseJsonBody(response) as { documentId?: unknown } | null;
    const documentId = body && typeof body === "object" ? body.documentId : undefined;
    if (typeof documentId !== "string" || documentId === "") {
      throw new MalformedBodyError(`HTTP ${status} response without a documentId`);
    }
    return { documentId, created: status === 201 };
  }
  if (status === 409) {
    const waitMs = parseRetryAfterMs(header(response, "retry-after")) ?? IN_PROGRESS_WAIT_MS;
    throw new RetryLaterError("another delivery of this document is in progress (HTTP 409)", waitMs);
  }
  if (status === 400 || status === 413 || status === 422) return { rejectedReason: reasonIn(response) };
  if (status === 401 || status === 403) {
    throw new CartError(
      "credentials-rejected",
      `The order intake endpoint rejected the access token (HTTP ${status}). Enter a valid token for ${url.host} and run again; Last Order from did not move.`,
      `HTTP ${status} from ${url.origin}${url.pathname}`,
    );
  }
  throw new CartError(
    "bad-response",
    `The order intake endpoint answered HTTP ${status}, which is not an answer it may give to an order. Check the endpoint address and the receiver, then run again; Last Order from did not move.`,
    `HTTP ${status} from ${url.origin}${url.pathname}`,
  );
}

/**
 * The HTTP order intake: each document is POSTed as JSON to the endpoint the
 * user configured, with an Idempotency-Key derived from the order's
 * sourceKey. Because of the key, every failed attempt (5xx, stall, reset,
 * malformed response) is retried with the same key, and a receiver that
 * de-duplicates by it makes one document however often it is delivered.
 */
export class HttpIntake implements Destination {
  readonly label = "Order intake";
  private readonly url: URL;
  private readonly http: HttpClient;
  private readonly concurrency: number;

  constructor(private readonly options: HttpIntakeOptions) {
    this.url = parseIntakeEndpoint(options.endpointUrl);
    registerSecret(options.accessToken);
    this.http = new HttpClient({
      platformLabel: this.label,
      policy: options.retryPolicy,
      onRetry: options.onRetry,
      sleep: options.sleep,
    });
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  }

  async deliver(documents: readonly SalesDocument[]): Promise<Delivery[]> {
    const deliveries: Delivery[] = new Array(documents.length);
    let next = 0;
    let failure: unknown = null;
    const worker = async () => {
      // On the first hard failure no new document starts; those in flight finish.
      while (failure === null && next < documents.length) {
        const index = next++;
        try {
          deliveries[index] = await this.deliverOne(documents[index]!);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, documents.length) }, worker));
    if (failure !== null) throw failure;
    return deliveries;
  }

  private async deliverOne(document: SalesDocument): Promise<Delivery> {
    const body: IntakeRequestBody = { formatVersion: INTAKE_FORMAT_VERSION, document };
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    const { value, attempts } = await this.http.send(
      {
        method: "POST",
        url: this.url,
        headers,
        body: JSON.stringify(body),
        idempotencyKey: idempotencyKeyOf(document.sourceKey),
      },
      (response) => readAnswer(response, this.url),
    );
    if ("rejectedReason" in value) {
      log.warn("document rejected", { sourceKey: document.sourceKey, reason: value.rejectedReason, attempts });
      return { sourceKey: document.sourceKey, rejectedReason: value.rejectedReason };
    }
    return { sourceKey: document.sourceKey, documentId: value.documentId, created: value.created };
  }
}
