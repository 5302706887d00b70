import { randomUUID } from "node:crypto";
import { CartError } from "../cart-error.js";
import {
  describeUrl,
  type HttpClient,
  type HttpResponse,
  MalformedBodyError,
  parseJsonBody,
  RetryLaterError,
  sleep,
} from "../../http/http-client.js";
import { createLogger } from "../../logging/logger.js";
import { graphqlUrl, type ShopifyCredentials } from "./shopify-api.js";
import type { ShopifyAccessTokens } from "./shopify-access-token.js";
import {
  CostBucket,
  type QueryCost,
  readQueryCost,
  waitForPointsMs,
} from "./shopify-cost-bucket.js";
import {
  AccessTokenRejectedError,
  errorForStatus,
  explainTlsFailure,
  QueryCostTooHighError,
} from "./shopify-errors.js";

const log = createLogger("shopify");

/** A wait for the cost bucket before a request, reported to the onThrottleWait hook. */
export type ThrottleWait = { waitMs: number; expectedCost: number };

export type GraphqlResult<T> = { data: T; cost: QueryCost | null; attempts: number };

export type GraphqlRequestOptions = {
  signal?: AbortSignal;
  /** Expected query cost in points. The client waits until the bucket contains that many. */
  expectedCost?: number;
};

type GraphqlError = { message?: unknown; extensions?: { code?: unknown; cost?: unknown; maxCost?: unknown } };

export type ShopifyGraphqlClientOptions = {
  storeUrl: URL;
  credentials: ShopifyCredentials["kind"];
  http: HttpClient;
  tokens: ShopifyAccessTokens;
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
  private readonly sleepFor: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: ShopifyGraphqlClientOptions) {
    this.url = graphqlUrl(options.storeUrl);
    this.sleepFor = options.sleep ?? sleep;
  }

  async request<T>(
    document: string,
    variables: Record<string, unknown>,
    requestOptions: GraphqlRequestOptions = {},
  ): Promise<GraphqlResult<T>> {
    const { signal, expectedCost } = requestOptions;
    await this.waitForBucket(expectedCost, signal);

    let attempts = 0;
    let renewedAfterRejection = false;
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
          (response) => this.parse<T>(response),
        );
        return { ...result.value, attempts: attempts + result.attempts };
      } catch (error) {
        attempts++;
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

  private async waitForBucket(expectedCost: number | undefined, signal?: AbortSignal): Promise<void> {
    if (expectedCost === undefined) return;
    const waitMs = this.bucket.waitBeforeMs(expectedCost);
    if (waitMs <= 0) return;
    log.info("waiting for the query cost bucket", {
      waitMs,
      expectedCost,
      ...this.bucket.describe(),
    });
    this.options.onThrottleWait?.({ waitMs, expectedCost });
    await this.sleepFor(waitMs, signal);
  }

  private parse<T>(response: HttpResponse): { data: T; cost: QueryCost | null } {
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
      throw this.errorForGraphqlErrors(body.errors as GraphqlError[], cost);
    }
    if (!body.data || typeof body.data !== "object") {
      throw new MalformedBodyError(`GraphQL response has no data (HTTP ${response.status})`);
    }
    return { data: body.data as T, cost };
  }

  private errorForGraphqlErrors(errors: GraphqlError[], cost: QueryCost | null): Error {
    const codes = errors.map((error) => String(error.extensions?.code ?? ""));
    const messages = errors.map((error) => String(error.message ?? "")).join("; ");
    const detail = `GraphQL ${codes.filter(Boolean).join(", ") || "error"} from ${describeUrl(this.url)}: ${messages}`;

    if (codes.includes("THROTTLED")) {
      let waitMs = cost
        ? waitForPointsMs(
            cost.requestedQueryCost,
            cost.throttleStatus.currentlyAvailable,
            cost.throttleStatus.restoreRate,
          )
        : 1000;
      // A THROTTLED response that reports enough points still waits briefly, so retries cannot spin.
      if (waitMs <= 0) waitMs = 100;
      return new RetryLaterError(`Shopify throttled the query (THROTTLED, waiting ${waitMs} ms)`, waitMs);
    }
    const tooCostly = errors.find((error) => error.extensions?.code === "MAX_COST_EXCEEDED");
    if (tooCostly) {
      return new QueryCostTooHighError(
        Number(tooCostly.extensions?.cost ?? cost?.requestedQueryCost ?? Number.NaN),
        Number(tooCostly.extensions?.maxCost ?? Number.NaN),
        detail,
      );
    }
    if (codes.includes("ACCESS_DENIED")) {
      return new CartError(
        "permission-missing",
        "Shopify denied access to orders because the app lacks the read_orders access scope. Add read_orders (and read_all_orders for orders older than 60 days) to the app, install the new version, and test the connection again.",
        detail,
      );
    }
    return new CartError(
      "bad-response",
      "Shopify rejected the order query. Report this to Cart Cutover support with the detail below.",
      detail,
    );
  }
}
