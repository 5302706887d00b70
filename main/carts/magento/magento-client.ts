import { CartError } from "../cart-error.js";
import {
  header,
  HttpClient,
  MalformedBodyError,
  parseJsonBody,
  type HttpResponse,
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

function isWebPage(response: HttpResponse): boolean {
  const type = header(response, "content-type") ?? "";
  return /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(response.body);
}

/**
 * Builds the error for a web page where JSON was expected. Magento's REST
 * API responds in JSON, so the address leads somewhere else, or a plugin or
 * firewall responds in its place. Retrying would not help.
 */
function webPageError(url: URL): CartError {
  return new CartError(
    "invalid-address",
    `The address ${url.origin}${url.pathname} answered with a web page instead of Magento's REST API. Check the store address; if it is right, a security plugin or firewall in front of the store may be answering in Magento's place.`,
    `HTML answer from ${url.origin}${url.pathname}`,
  );
}

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

  /**
   * Sends one GET. A 2xx body that fails isExpected counts as unreadable and
   * is retried like a malformed one.
   */
  async get<T>(
    resource: string,
    query: [string, string][],
    signal?: AbortSignal,
    isExpected: (value: unknown) => boolean = () => true,
  ): Promise<SendResult<T>> {
    const url = magentoRestUrl(this.options.storeUrl, this.options.storeCode, resource);
    for (const [name, value] of query) url.searchParams.append(name, value);

    return this.http.send({ url, headers: this.authorizationHeaders(url), signal }, (response) => {
      if (response.status >= 200 && response.status < 300) {
        if (isWebPage(response)) throw webPageError(url);
        const value = parseJsonBody(response);
        if (!isExpected(value)) {
          throw new MalformedBodyError(
            `HTTP ${response.status} body is not the expected ${resource} result (${response.body.length} bytes)`,
          );
        }
        return value as T;
      }
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
