import { CartError } from "../cart-error.js";
import {
  describeUrl,
  HttpClient,
  type HttpResponse,
  MalformedBodyError,
  type RetryEvent,
  sleep as sleepFor,
} from "../../http/http-client.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../http/retry-policy.js";
import { createLogger } from "../../logging/logger.js";
import type { BigCommerceApiBase } from "./bigcommerce-credentials.js";
import { bigCommerceErrorToCartError } from "./bigcommerce-errors.js";

const log = createLogger("bigcommerce");

export type BcAnswer<T> = {
  /** Null for 204 No Content, which BigCommerce sends for an empty page. */
  body: T | null;
  attempts: number;
};

export type BigCommerceClientOptions = {
  base: BigCommerceApiBase;
  accessToken: string;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

type ParsedAnswer =
  | { ok: true; body: unknown }
  | { ok: false; status: number; body: string };

/** The store's request quota as the last answer's X-Rate-Limit-* headers gave it. */
type Quota = {
  left: number;
  resetAtMs: number;
  quota: number | null;
  windowMs: number | null;
};

function headerOf(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends GET requests with X-Auth-Token. The request quota is shared by every
 * app of the store and refills per window. When the headers show it spent,
 * the next request waits for the reset instead of drawing 429s, because
 * BigCommerce counts repeated 429s against a client.
 */
export class BigCommerceClient {
  private readonly http: HttpClient;
  private readonly now: () => number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly maxWaitMs: number;
  private quota: Quota | null = null;
  /** Requests still waiting for a response, which the quota headers of other responses may not count yet. */
  private inFlight = 0;

  constructor(private readonly options: BigCommerceClientOptions) {
    this.http = new HttpClient({
      platformLabel: "BigCommerce",
      policy: options.retryPolicy,
      onRetry: options.onRetry,
      sleep: options.sleep,
      // A 429 caused by another app on the store carries the time until the quota refills.
      retryAfterOf: (response) => {
        const resetMs = Number(headerOf(response, "x-rate-limit-time-reset-ms"));
        return Number.isFinite(resetMs) && resetMs >= 0 ? resetMs : null;
      },
    });
    this.now = options.now ?? Date.now;
    this.wait = options.sleep ?? sleepFor;
    this.maxWaitMs = (options.retryPolicy ?? DEFAULT_RETRY_POLICY).maxRetryAfterMs;
  }

  get storeHash(): string {
    return this.options.base.storeHash;
  }

  /** Builds a URL below the V2 or V3 base, percent-encoding every value (RFC 2822 dates carry "+" and spaces). */
  url(version: "v2" | "v3", path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path.replace(/^\//, ""), this.options.base[version]);
    url.search = Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join("&");
    return url;
  }

  async get<T>(
    version: "v2" | "v3",
    path: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<BcAnswer<T>> {
    await this.waitForQuota(signal);
    const url = this.url(version, path, query);
    let result;
    this.inFlight += 1;
    try {
      result = await this.http.send(
        { url, headers: { "x-auth-token": this.options.accessToken }, signal },
        (response) => this.parse(response),
      );
    } catch (error) {
      throw explainUnavailable(error);
    } finally {
      this.inFlight -= 1;
    }
    const answer = result.value;
    if (!answer.ok) throw bigCommerceErrorToCartError(answer.status, answer.body, describeUrl(url));
    return { body: answer.body as T | null, attempts: result.attempts };
  }

  /**
   * Takes one request from the quota, waiting for the reset when it is
   * spent. Requests that wait together wake one by one, so after a reset
   * they share the new window's quota instead of all going out at once.
   */
  private async waitForQuota(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const quota = this.quota;
      if (!quota) return;
      if (quota.left > 0) {
        // Counted down here so that requests sent in parallel do not all spend the last one.
        quota.left -= 1;
        return;
      }
      const waitMs = quota.resetAtMs - this.now();
      if (waitMs > 0) {
        const cappedMs = Math.min(waitMs, this.maxWaitMs);
        log.info("request quota spent; waiting for its reset", { waitMs: cappedMs, quota: quota.quota });
        await this.wait(cappedMs, signal);
        // Another request that waited too may have begun the new window.
        if (this.quota !== quota) continue;
      }
      // The window has reset, or the wait was cut to its cap. The new
      // window's full quota is assumed until a response reports it, and is
      // unknown when the headers never gave the quota.
      this.quota =
        quota.quota !== null && quota.windowMs !== null
          ? { ...quota, left: quota.quota, resetAtMs: this.now() + quota.windowMs }
          : null;
    }
  }

  private parse(response: HttpResponse): ParsedAnswer {
    this.readQuota(response);
    if (response.status === 204) return { ok: true, body: null };
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, status: response.status, body: response.body };
    }
    try {
      return { ok: true, body: JSON.parse(response.body) };
    } catch {
      throw new MalformedBodyError(`HTTP ${response.status} body is not JSON (${response.body.length} bytes)`);
    }
  }

  private readQuota(response: HttpResponse): void {
    const left = Number(headerOf(response, "x-rate-limit-requests-left"));
    const resetMs = Number(headerOf(response, "x-rate-limit-time-reset-ms"));
    if (!Number.isFinite(left) || !Number.isFinite(resetMs)) return;
    const quota = Number(headerOf(response, "x-rate-limit-requests-quota"));
    const windowMs = Number(headerOf(response, "x-rate-limit-time-window-ms"));
    const resetAtMs = this.now() + resetMs;
    let known = left - (this.inFlight - 1);
    // Responses to parallel requests can arrive out of order, so within one
    // window an older response must not raise the count again.
    const previous = this.quota;
    const sameWindow =
      previous !== null &&
      Number.isFinite(windowMs) &&
      Math.abs(resetAtMs - previous.resetAtMs) < windowMs / 2;
    if (sameWindow) known = Math.min(known, previous.left);
    this.quota = {
      left: known,
      resetAtMs,
      quota: Number.isFinite(quota) ? quota : null,
      windowMs: Number.isFinite(windowMs) ? windowMs : null,
    };
  }
}

/** Replaces the generic message for HTTP 503, which BigCommerce sends for a store that is down or suspended. */
function explainUnavailable(error: unknown): unknown {
  if (!(error instanceof CartError) || error.kind !== "server-error") return error;
  if (!error.detail?.startsWith("HTTP 503")) return error;
  return new CartError(
    "server-error",
    "BigCommerce reports the store as unavailable (HTTP 503): it is down for maintenance or suspended. Check the store's status in the control panel, then try again.",
    error.detail,
  );
}
