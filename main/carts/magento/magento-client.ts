import { CartError } from "../cart-error.js";
import {
  HttpClient,
  parseJsonBody,
  type RetryEvent,
  type SendResult,
} from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import { magentoRestUrl } from "./magento-api.js";
import type { MagentoAuthMode, MagentoCredentials } from "./magento-credentials.js";
import { magentoErrorFor, pageSizeLimitOf } from "./magento-errors.js";
import { createNonce, oauthAuthorizationHeader } from "./oauth-signature.js";

/** Thrown when a store with input limiting rejects the requested page size. */
export class PageSizeLimitError extends CartError {
  constructor(
    readonly maxPageSize: number,
    detail: string,
  ) {
    super(
      "bad-response",
      `Magento allows at most ${maxPageSize} orders per request.`,
      detail,
    );
  }
}

export type MagentoClientOptions = {
  storeUrl: URL;
  storeCode: string;
  credentials: MagentoCredentials;
  authMode: MagentoAuthMode;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  /** Current time in milliseconds since the epoch; OAuth timestamps use it. */
  now: () => number;
};

/** Sends authenticated GET requests to one Magento store's REST API. */
export class MagentoClient {
  private readonly http: HttpClient;

  constructor(private readonly options: MagentoClientOptions) {
    this.http = new HttpClient({
      platformLabel: "Magento",
      policy: options.retryPolicy,
      onRetry: options.onRetry,
    });
  }

  get storeUrl(): URL {
    return this.options.storeUrl;
  }

  async get<T>(
    resource: string,
    query: [string, string][],
    signal?: AbortSignal,
  ): Promise<SendResult<T>> {
    const url = magentoRestUrl(this.options.storeUrl, this.options.storeCode, resource);
    for (const [name, value] of query) url.searchParams.append(name, value);

    return this.http.send({ url, headers: this.authorizationHeaders(url), signal }, (response) => {
      if (response.status >= 200 && response.status < 300) return parseJsonBody(response) as T;
      const limit = pageSizeLimitOf(response);
      if (limit !== null) {
        throw new PageSizeLimitError(limit, `HTTP 400 from ${url.pathname}: page size limit ${limit}`);
      }
      throw magentoErrorFor(response, url, this.options.authMode);
    });
  }

  /**
   * Returns headers whose Authorization value is computed when read.
   * Magento stores every nonce it has seen and rejects a request that repeats
   * one, so each retry needs a fresh nonce and timestamp. HttpClient copies
   * the headers once per attempt, which evaluates the getter each time.
   * NOTE: that copy is how HttpClient works today, not a documented contract;
   * a test over a simulator that rejects reused nonces guards it.
   */
  private authorizationHeaders(url: URL): Record<string, string> {
    const { credentials, authMode, now } = this.options;
    if (authMode === "bearer") return { authorization: `Bearer ${credentials.accessToken}` };

    const headers: Record<string, string> = {};
    Object.defineProperty(headers, "authorization", {
      enumerable: true,
      get: () =>
        oauthAuthorizationHeader({
          method: "GET",
          url,
          credentials,
          timestampSeconds: Math.floor(now() / 1000),
          nonce: createNonce(),
        }),
    });
    return headers;
  }
}
