import { randomUUID } from "node:crypto";
import { CartError } from "../cart-error.js";
import {
  type HttpClient,
  type HttpResponse,
  MalformedBodyError,
  parseJsonBody,
  RetriesExhaustedError,
  sleep,
} from "../../http/http-client.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../http/retry-policy.js";
import { createLogger } from "../../logging/logger.js";
import { graphqlUrl, type ShopifyCredentials } from "./shopify-api.js";
import type { ShopifyAccessTokens } from "./shopify-access-token.js";
import { CostBucket, type QueryCost, readQueryCost } from "./shopify-cost-bucket.js";
import { AccessTokenRejectedError, errorForStatus, explainTlsFailure } from "./shopify-errors.js";
import { errorForGraphqlErrors, type GraphqlError, GraphqlInternalError } from "./shopify-graphql-errors.js";

const log = createLogger("shopify");

function describeWait(ms: number): string {
  return ms < 120_000 ? `${Math.ceil(ms / 1000)} seconds` : `${Math.ceil(ms / 60_000)} minutes`;
}

/** A wait for the cost bucket before a request, reported to the onThrottleWait hook. */
export type ThrottleWait = { waitMs: number; expectedCost: number };

export type GraphqlResult<T> = { data: T; cost: QueryCost | null; attempts: number };

export type GraphqlRequestOptions = {
  signal?: AbortSignal;
  /** Expected query cost in points. The client waits until the bucket contains that many. */
  expectedCost?: number;
  /**
   * Checks the shape of `data` and returns what is missing, or null when it
   * is complete. A response that fails the check is retried like a body that
   * could not be read.
   */
  validate?: (data: unknown) => string | null;
};

export type ShopifyGraphqlClientOptions = {
  storeUrl: URL;
  credentials: ShopifyCredentials["kind"];
  http: HttpClient;
  tokens: ShopifyAccessTokens;
  /** Bounds the wait for the cost bucket; the HTTP client bounds every other wait. */
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onThrottleWait?: (wait: ThrottleWait) => void;
};

/**
 * Sends GraphQL Admin API requests. It adds the token, paces requests by the
 * cost bucket, and turns THROTTLED responses into waits and HTTP statuses
 * into CartErrors.
 */
export class ShopifyGraphqlClient {
  readonly bucket = new CostBucket();
  private readonly url: URL;
  private readonly policy: RetryPolicy;
  private readonly sleepFor: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: ShopifyGraphqlClientOptions) {
    this.url = graphqlUrl(options.storeUrl);
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.sleepFor = options.sleep ?? sleep;
  }

  async request<T>(
    document: string,
    variables: Record<string, unknown>,
    requestOptions: GraphqlRequestOptions = {},
  ): Promise<GraphqlResult<T>> {
    const { signal, expectedCost, validate } = requestOptions;
    await this.waitForBucket(expectedCost, signal);

    let attempts = 0;
    let renewedAfterRejection = false;
    // The failure of the last attempt, so that retries used up on internal errors are reported as such.
    const failure: { last: unknown } = { last: null };
    for (;;) {
      try {
        const token = await this.options.tokens.current(signal);
        const result = await this.options.http.send(
          {
            method: "POST",
            url: this.url,
            headers: { "content-type": "application/json", "x-shopify-access-token": token },
            body: JSON.stringify({ query: document, variables }),
            // NOTE: a GraphQL query changes nothing, but the HTTP client retries a POST
            // only when it carries an idempotency key. Shopify does not document the header.
            idempotencyKey: randomUUID(),
            signal,
          },
          (response) => {
            try {
              return this.parse<T>(response, validate);
            } catch (error) {
              failure.last = error;
              throw error;
            }
          },
        );
        return { ...result.value, attempts: attempts + result.attempts };
      } catch (error) {
        attempts++;
        if (
          error instanceof RetriesExhaustedError &&
          error.repeatedFailure === "malformed" &&
          failure.last instanceof GraphqlInternalError
        ) {
          throw new RetriesExhaustedError(
            "server-error",
            `Shopify reported an internal error (INTERNAL_SERVER_ERROR) ${error.attempts} times in a row. Try again later; nothing was imported from the unfinished page.`,
            error.detail ?? failure.last.message,
            "server-error",
            error.attempts,
          );
        }
        const rejected = error instanceof AccessTokenRejectedError;
        if (rejected && this.options.tokens.canRenew && !renewedAfterRejection) {
          renewedAfterRejection = true;
          log.warn("access token rejected, requesting a new one", { detail: error.detail });
          await this.options.tokens.renewAfterRejection(signal);
          continue;
        }
        throw explainTlsFailure(error, this.options.storeUrl);
      }
    }
  }

  /**
   * Waits until the bucket should contain the expected cost. A wait longer
   * than the rate-limit budget fails at once instead of sleeping for it. A
   * shorter one is cut to maxRetryAfterMs, because the estimate is the
   * client's own and a THROTTLED response then waits by Shopify's figures.
   */
  private async waitForBucket(expectedCost: number | undefined, signal?: AbortSignal): Promise<void> {
    if (expectedCost === undefined) return;
    const estimateMs = this.bucket.waitBeforeMs(expectedCost);
    if (estimateMs <= 0) return;
    const status = this.bucket.describe();
    if (estimateMs > this.policy.rateLimitBudgetMs) {
      throw new CartError(
        "rate-limited",
        `Shopify's rate limit for this app is used up and refills at only ${status?.restoreRate ?? "?"} points per second, so the next request would have to wait about ${describeWait(estimateMs)}. Try again later; nothing was imported from the unfinished page.`,
        `cost bucket wait of ${estimateMs} ms for ${expectedCost} points exceeds the budget of ${this.policy.rateLimitBudgetMs} ms`,
      );
    }
    const waitMs = Math.min(estimateMs, this.policy.maxRetryAfterMs);
    log.info("waiting for the query cost bucket", { waitMs, expectedCost, ...status });
    this.options.onThrottleWait?.({ waitMs, expectedCost });
    await this.sleepFor(waitMs, signal);
  }

  private parse<T>(
    response: HttpResponse,
    validate: ((data: unknown) => string | null) | undefined,
  ): { data: T; cost: QueryCost | null } {
    if (response.status < 200 || response.status >= 300) {
      throw errorForStatus(response, this.url, this.options.credentials);
    }
    const body = parseJsonBody(response) as { data?: unknown; errors?: unknown } | null;
    if (!body || typeof body !== "object") {
      throw new MalformedBodyError(`GraphQL response is not an object (HTTP ${response.status})`);
    }

    const cost = readQueryCost(body);
    if (cost) this.bucket.record(cost.throttleStatus);

    if (Array.isArray(body.errors) && body.errors.length > 0) {
      throw errorForGraphqlErrors(body.errors as GraphqlError[], cost, this.url);
    }
    if (!body.data || typeof body.data !== "object") {
      throw new MalformedBodyError(`GraphQL response has no data (HTTP ${response.status})`);
    }
    const problem = validate?.(body.data);
    if (problem) throw new MalformedBodyError(`GraphQL response ${problem} (HTTP ${response.status})`);
    return { data: body.data as T, cost };
  }
}
