import got, { type Method, RequestError } from "got";
import { CartError, type CartErrorKind } from "../carts/cart-error.js";
import { createLogger } from "../logging/logger.js";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
  type RetryPolicy,
} from "./retry-policy.js";

const log = createLogger("http");

export type HttpRequest = {
  method?: Method;
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /** Calls that change something are retried only when they carry an idempotency key. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

export type HttpResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** Thrown by a response parser when a body is malformed, so that the request is retried. */
export class MalformedBodyError extends Error {
  override readonly name = "MalformedBodyError";
}

/** Thrown by a response parser to wait and retry, such as on a GraphQL throttle response. */
export class RetryLaterError extends Error {
  override readonly name = "RetryLaterError";

  constructor(
    message: string,
    readonly waitMs: number,
  ) {
    super(message);
  }
}

export type RetryEvent = { attempt: number; cause: string; delayMs: number };

/** The kind of failure that repeated until a request's retries were used up. */
export type RepeatedFailure = "server-error" | "timeout" | "reset" | "malformed" | "network";

/**
 * The CartError a request ends with once its failure retries are used up.
 * Its repeatedFailure names the failure that repeated, so that a sync can
 * retry a page that keeps timing out or failing on the server with fewer orders.
 */
export class RetriesExhaustedError extends CartError {
  constructor(
    kind: CartErrorKind,
    message: string,
    detail: string,
    readonly repeatedFailure: RepeatedFailure,
    readonly attempts: number,
  ) {
    super(kind, message, detail);
  }
}

export type HttpClientOptions = {
  policy?: RetryPolicy;
  /** Platform name used in messages, such as "Shopify". */
  platformLabel: string;
  onRetry?: (event: RetryEvent) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Reads a platform's own wait from a 429 without Retry-After, such as BigCommerce's reset header. */
  retryAfterOf?: (response: HttpResponse) => number | null;
};

export type SendResult<T> = { value: T; attempts: number };

/** Describes a URL for logs and messages without its query, which can carry keys. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CartError("cancelled", "The request was cancelled."));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CartError("cancelled", "The request was cancelled."));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const NETWORK_CODES_UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH"]);

/**
 * Sends one logical request with the project's retry rules. 429 responses wait
 * for Retry-After, within a time budget rather than a fixed count; 5xx
 * responses, stalls, resets and malformed bodies back off with jitter up to
 * maxFailureAttempts. Other statuses go to the parser, which maps them.
 */
export class HttpClient {
  private readonly policy: RetryPolicy;
  private readonly sleepFor: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.sleepFor = options.sleep ?? sleep;
  }

  async send<T>(request: HttpRequest, parse: (response: HttpResponse) => T): Promise<SendResult<T>> {
    const method = request.method ?? "GET";
    const mayRetryFailures = method === "GET" || method === "HEAD" || Boolean(request.idempotencyKey);
    const startedAt = Date.now();
    let failures = 0;
    let attempts = 0;

    for (;;) {
      attempts++;
      let delayMs: number;
      let cause: string;
      let retryable = mayRetryFailures;
      try {
        const response = await this.attempt(request, method);
        if (response.status === 429) {
          const waitMs =
            parseRetryAfterMs(header(response, "retry-after")) ??
            this.options.retryAfterOf?.(response) ??
            backoffDelayMs(this.policy, attempts);
          delayMs = Math.min(waitMs, this.policy.maxRetryAfterMs);
          cause = "HTTP 429";
          retryable = true;
          if (Date.now() + delayMs - startedAt > this.policy.rateLimitBudgetMs) {
            throw new CartError(
              "rate-limited",
              `${this.options.platformLabel} kept answering "too many requests" for ${Math.round((Date.now() - startedAt) / 1000)} s. Try again later; nothing was imported from the unfinished page.`,
              `HTTP 429 from ${describeUrl(request.url)}`,
            );
          }
        } else if (response.status >= 500) {
          failures++;
          cause = `HTTP ${response.status}`;
          delayMs = backoffDelayMs(this.policy, failures);
          if (!retryable || failures >= this.policy.maxFailureAttempts) {
            throw new RetriesExhaustedError(
              "server-error",
              `${this.options.platformLabel} answered with a server error (HTTP ${response.status}) ${failures} times in a row. Try again later; nothing was imported from the unfinished page.`,
              `HTTP ${response.status} from ${describeUrl(request.url)}`,
              "server-error",
              attempts,
            );
          }
        } else {
          return { value: parse(response), attempts };
        }
      } catch (error) {
        if (error instanceof CartError) throw error;
        if (request.signal?.aborted) throw new CartError("cancelled", "The request was cancelled.");
        if (error instanceof RetryLaterError) {
          cause = error.message;
          delayMs = Math.min(error.waitMs, this.policy.maxRetryAfterMs);
          retryable = true;
          if (Date.now() + delayMs - startedAt > this.policy.rateLimitBudgetMs) {
            throw new CartError(
              "rate-limited",
              `${this.options.platformLabel} kept throttling requests. Try again later; nothing was imported from the unfinished page.`,
              error.message,
            );
          }
        } else {
          failures++;
          cause = describeFailure(error);
          delayMs = backoffDelayMs(this.policy, failures);
          if (error instanceof RequestError && NETWORK_CODES_UNREACHABLE.has(error.code) && failures >= 2) {
            throw unreachable(this.options.platformLabel, request.url, error.code);
          }
          if (!retryable || failures >= this.policy.maxFailureAttempts) {
            if (error instanceof MalformedBodyError) {
              throw new RetriesExhaustedError(
                "bad-response",
                `${this.options.platformLabel} sent an answer that could not be read ${failures} times in a row. Try again later; if it persists, the store's API may be blocked by a plugin or proxy.`,
                `${error.message} from ${describeUrl(request.url)}`,
                "malformed",
                attempts,
              );
            }
            if (error instanceof RequestError && NETWORK_CODES_UNREACHABLE.has(error.code)) {
              throw unreachable(this.options.platformLabel, request.url, error.code);
            }
            throw new RetriesExhaustedError(
              "unreachable",
              `The connection to ${this.options.platformLabel} at ${request.url.host} failed ${failures} times (${cause}). Check the network and try again.`,
              `${cause} from ${describeUrl(request.url)}`,
              repeatedFailureOf(error),
              attempts,
            );
          }
        }
      }

      log.warn("retrying request", { url: describeUrl(request.url), attempt: attempts, cause, delayMs });
      this.options.onRetry?.({ attempt: attempts, cause, delayMs });
      await this.sleepFor(delayMs, request.signal);
    }
  }

  private async attempt(request: HttpRequest, method: Method): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
    const response = await got(request.url, {
      method,
      headers,
      body: request.body,
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      responseType: "text",
      decompress: true,
      signal: request.signal,
      timeout: { lookup: 5_000, connect: 10_000, request: this.policy.attemptTimeoutMs },
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }
}

function unreachable(platformLabel: string, url: URL, code: string): CartError {
  return new CartError(
    "unreachable",
    `The store at ${url.host} could not be reached (${code}). Check the store address and the network connection, then test again.`,
    `${code} for ${describeUrl(url)} (${platformLabel})`,
  );
}

export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function repeatedFailureOf(error: unknown): RepeatedFailure {
  if (!(error instanceof RequestError)) return "network";
  if (error.code === "ETIMEDOUT" || error.name === "TimeoutError") return "timeout";
  if (error.code === "ECONNRESET" || error.code === "EPIPE") return "reset";
  return "network";
}

function describeFailure(error: unknown): string {
  if (error instanceof MalformedBodyError) return `malformed body: ${error.message}`;
  if (error instanceof RequestError) return error.code || error.name;
  if (error instanceof Error && error.name === "AbortError") return "cancelled";
  return error instanceof Error ? error.name : "unknown failure";
}

/** Parses a JSON body, turning a syntax error into a retryable MalformedBodyError. */
export function parseJsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    throw new MalformedBodyError(`HTTP ${response.status} body is not valid JSON (${response.body.length} bytes)`);
  }
}
