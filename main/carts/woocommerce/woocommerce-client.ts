import {
  describeUrl,
  HttpClient,
  type HttpResponse,
  MalformedBodyError,
  type RetryEvent,
} from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import type { CartError } from "../cart-error.js";
import { createLogger, registerSecret } from "../../logging/logger.js";
import {
  isAnonymousRejection,
  notWordPressError,
  redirectError,
  wooErrorToCartError,
} from "./woocommerce-errors.js";
import type { WooCommerceCredentials } from "./woocommerce-credentials.js";
import type { WooErrorBody } from "./woocommerce-payload.js";

const log = createLogger("woocommerce");

/**
 * The way the keys travel. WooCommerce reads Basic credentials only when PHP
 * reports the request as HTTPS, so behind a TLS-terminating proxy the header
 * is ignored without an error. The keys then go in the query.
 */
export type WooAuthMode = "basic-header" | "query-parameters";

export type WooAnswer<T> = {
  body: T;
  headers: HttpResponse["headers"];
  attempts: number;
};

type ParsedAnswer =
  | { ok: true; body: unknown; headers: HttpResponse["headers"] }
  | {
      ok: false;
      status: number;
      error: WooErrorBody;
      headers: HttpResponse["headers"];
    };

type FailedAnswer = Extract<ParsedAnswer, { ok: false }>;

export type WooClientOptions = {
  storeUrl: URL;
  credentials: WooCommerceCredentials;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Sends authenticated GET requests to one store's /wp-json routes. */
export class WooCommerceClient {
  private readonly http: HttpClient;
  private readonly basicHeader: string;
  private mode: WooAuthMode = "basic-header";

  constructor(private readonly options: WooClientOptions) {
    this.http = new HttpClient({
      platformLabel: "WooCommerce",
      policy: options.retryPolicy,
      onRetry: options.onRetry,
      sleep: options.sleep,
    });
    const { consumerKey, consumerSecret } = options.credentials;
    this.basicHeader = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString("base64")}`;
    registerSecret(this.basicHeader.slice("Basic ".length));
  }

  get authMode(): WooAuthMode {
    return this.mode;
  }

  /** Builds the URL of a route below /wp-json, keeping a site that lives in a sub-folder. */
  routeUrl(route: string, query: Record<string, string> = {}): URL {
    const url = new URL(this.options.storeUrl.href);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/wp-json${route}`;
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /** Reads a route that needs no credentials, such as the WordPress index. */
  async getPublic<T>(route: string, signal?: AbortSignal): Promise<WooAnswer<T>> {
    const url = this.routeUrl(route);
    const result = await this.http.send({ url, signal }, (response) => {
      // A web page in place of the index is the site's response, not a
      // network fault, so it is not retried like a cut-off body.
      if (isWebPage(response)) {
        throw notWordPressError(this.options.storeUrl, describeUrl(url));
      }
      return parseAnswer(response);
    });
    const answer = result.value;
    if (!answer.ok) throw this.failure(answer, url, describeUrl(url));
    return { body: answer.body as T, headers: answer.headers, attempts: result.attempts };
  }

  /**
   * Reads a route with the keys. When the Authorization header is ignored,
   * the request is repeated once with the keys in the query, and every later
   * request of this client sends them there too.
   */
  async get<T>(
    route: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<WooAnswer<T>> {
    const first = await this.send(route, query, this.mode, signal);
    if (first.answer.ok) return this.success<T>(first.answer, first.attempts);

    const { status, error } = first.answer;
    if (this.mode === "basic-header" && isAnonymousRejection(status, error)) {
      const second = await this.send(route, query, "query-parameters", signal);
      const attempts = first.attempts + second.attempts;
      if (second.answer.ok) {
        this.mode = "query-parameters";
        log.warn("store ignored the Authorization header; sending the keys as query parameters", {
          store: this.options.storeUrl.host,
        });
        return this.success<T>(second.answer, attempts);
      }
      throw this.failure(second.answer, this.routeUrl(route), route);
    }
    throw this.failure(first.answer, this.routeUrl(route), route);
  }

  /**
   * Turns a failed response into a CartError. `url` and `where` name the
   * route without its query, because the query can carry the keys.
   */
  private failure(answer: FailedAnswer, url: URL, where: string): CartError {
    if (answer.status >= 300 && answer.status < 400) {
      const location = readHeader(answer.headers, "location");
      return redirectError(answer.status, location, url, this.options.storeUrl);
    }
    return wooErrorToCartError(answer.status, answer.error, where);
  }

  private async send(
    route: string,
    query: Record<string, string>,
    mode: WooAuthMode,
    signal?: AbortSignal,
  ): Promise<{ answer: ParsedAnswer; attempts: number }> {
    const { consumerKey, consumerSecret } = this.options.credentials;
    const withKeys =
      mode === "query-parameters"
        ? { ...query, consumer_key: consumerKey, consumer_secret: consumerSecret }
        : query;
    const headers: Record<string, string> =
      mode === "basic-header" ? { authorization: this.basicHeader } : {};
    const result = await this.http.send(
      { url: this.routeUrl(route, withKeys), headers, signal },
      parseAnswer,
    );
    return { answer: result.value, attempts: result.attempts };
  }

  private success<T>(
    answer: Extract<ParsedAnswer, { ok: true }>,
    attempts: number,
  ): WooAnswer<T> {
    return { body: answer.body as T, headers: answer.headers, attempts };
  }
}

/** Reads a response header by its lower-case name. */
export function readHeader(headers: HttpResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    // An HTML page in place of JSON usually comes from a firewall, a
    // maintenance plugin or a PHP error, and is retried like a reset.
    throw new MalformedBodyError(
      `HTTP ${response.status} body is not JSON (${response.body.length} bytes)`,
    );
  }
}

/** True for a successful response that is an HTML page rather than JSON. */
function isWebPage(response: HttpResponse): boolean {
  const type = readHeader(response.headers, "content-type") ?? "";
  const succeeded = response.status >= 200 && response.status < 300;
  return succeeded && /text\/html/i.test(type) && !/^\s*[[{]/.test(response.body);
}

function parseAnswer(response: HttpResponse): ParsedAnswer {
  if (response.status >= 200 && response.status < 300) {
    return { ok: true, body: parseJson(response), headers: response.headers };
  }
  // Error responses are not retried, so an HTML error page counts as an
  // error without a code instead of a malformed body.
  let error: WooErrorBody = {};
  try {
    const body: unknown = JSON.parse(response.body);
    if (body && typeof body === "object") error = body as WooErrorBody;
  } catch {
    error = {};
  }
  return { ok: false, status: response.status, error, headers: response.headers };
}
