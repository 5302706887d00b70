import got from "got";
import { CartError } from "../cart-error.js";
import {
  describeUrl,
  header,
  HttpClient,
  MalformedBodyError,
  parseJsonBody,
  type HttpResponse,
  type RetryEvent,
} from "../../http/http-client.js";
import type { RetryPolicy } from "../../http/retry-policy.js";
import type { Logger } from "../../logging/logger.js";
import { prestaShopApiUrl } from "./prestashop-api.js";
import type { PrestaShopKeyTransport } from "./prestashop-credentials.js";
import { prestaShopErrorFor, problemOf, webserviceDisabled } from "./prestashop-errors.js";

export type PrestaShopClientOptions = {
  storeUrl: URL;
  webserviceKey: string;
  keyTransport: PrestaShopKeyTransport;
  retryPolicy?: RetryPolicy;
  onRetry?: (event: RetryEvent) => void;
  log: Logger;
};

export type ListResult<T> = { rows: T[]; attempts: number };

/**
 * Thrown by the parser when the store saw no key although it was sent as a
 * header. It is a CartError so that HttpClient passes it on without retrying.
 */
class KeyHeaderStrippedError extends CartError {
  constructor(detail: string) {
    super("credentials-rejected", "The web server removed the Authorization header.", detail);
  }
}

/**
 * Reads the rows of a JSON list response. PrestaShop wraps them as
 * {"orders":[…]}, but before 1.7.7 it returns an empty list as a bare [].
 */
function rowsOf(value: unknown, response: HttpResponse): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const list = Object.values(value).find(Array.isArray);
    if (list) return list as unknown[];
    if (Object.keys(value).length === 0) return [];
  }
  throw new MalformedBodyError(
    `HTTP ${response.status} body is not a webservice list (${response.body.length} bytes)`,
  );
}

function isWebPage(response: HttpResponse): boolean {
  const type = header(response, "content-type") ?? "";
  return /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(response.body);
}

/**
 * Builds the error for a web page where JSON was requested. The webservice
 * responds in JSON or XML, so the address leads to the shop's pages, or a
 * module or firewall responds in its place. Retrying would not help.
 */
function webPageError(url: URL): CartError {
  return new CartError(
    "invalid-address",
    `The address ${describeUrl(url)} answered with a web page instead of the PrestaShop webservice. Check the shop address and that URL rewriting (friendly URLs) is on; if both are right, a module or firewall in front of the shop may be answering in its place.`,
    `HTML answer from ${describeUrl(url)}`,
  );
}

/** Sends GET requests to one shop's webservice with its key, always asking for JSON. */
export class PrestaShopClient {
  private readonly http: HttpClient;
  private keyInQuery: boolean;

  constructor(private readonly options: PrestaShopClientOptions) {
    this.http = new HttpClient({
      platformLabel: "PrestaShop",
      policy: options.retryPolicy,
      onRetry: options.onRetry,
    });
    this.keyInQuery = options.keyTransport === "query";
  }

  /** True once the key travels as ws_key because the server dropped the header. */
  get usesQueryKey(): boolean {
    return this.keyInQuery;
  }

  get storeUrl(): URL {
    return this.options.storeUrl;
  }

  async list<T>(resource: string, params: [string, string][], signal?: AbortSignal): Promise<ListResult<T>> {
    const { value, attempts } = await this.request(resource, params, signal);
    return { rows: value as T[], attempts };
  }

  /** Reads the webservice index, which lists the resources the key may use. */
  async index(signal?: AbortSignal): Promise<{ value: unknown; attempts: number }> {
    return this.request("", [], signal);
  }

  private async request(
    resource: string,
    params: [string, string][],
    signal: AbortSignal | undefined,
  ): Promise<{ value: unknown; attempts: number }> {
    try {
      return await this.sendWithKeyFallback(resource, params, signal);
    } catch (error) {
      // A turned-off webservice returns 503, which looks like an outage until
      // its body is read.
      if (error instanceof CartError) throw await this.explainServerError(error, signal);
      throw error;
    }
  }

  private async sendWithKeyFallback(
    resource: string,
    params: [string, string][],
    signal: AbortSignal | undefined,
  ): Promise<{ value: unknown; attempts: number }> {
    try {
      return await this.send(resource, params, signal);
    } catch (error) {
      if (!(error instanceof KeyHeaderStrippedError)) throw error;
      this.keyInQuery = true;
      this.options.log.warn("the web server removed the Authorization header; sending the key as ws_key");
      return this.send(resource, params, signal);
    }
  }

  private urlFor(resource: string, params: [string, string][]): URL {
    const url = prestaShopApiUrl(this.options.storeUrl, resource);
    for (const [name, value] of params) url.searchParams.append(name, value);
    url.searchParams.set("output_format", "JSON");
    if (this.keyInQuery) url.searchParams.set("ws_key", this.options.webserviceKey);
    return url;
  }

  private headers(): Record<string, string> {
    if (this.keyInQuery) return {};
    const basic = Buffer.from(`${this.options.webserviceKey}:`).toString("base64");
    return { authorization: `Basic ${basic}` };
  }

  private async send(
    resource: string,
    params: [string, string][],
    signal: AbortSignal | undefined,
  ): Promise<{ value: unknown; attempts: number }> {
    const url = this.urlFor(resource, params);
    const canFallBack = !this.keyInQuery && this.options.keyTransport === "auto";
    return this.http.send({ url, headers: this.headers(), signal }, (response) => {
      if (response.status >= 200 && response.status < 300) {
        if (isWebPage(response)) throw webPageError(url);
        const parsed = parseJsonBody(response);
        return resource === "" ? parsed : rowsOf(parsed, response);
      }
      if (response.status === 401 && canFallBack && problemOf(response.body).code === 16) {
        throw new KeyHeaderStrippedError(`HTTP 401 code 16 from ${describeUrl(url)}`);
      }
      throw prestaShopErrorFor(response, url, resource);
    });
  }

  /**
   * Sends one request without retries to explain a server error. HttpClient
   * reports 5xx responses without their body, but a 503 with code 22 means
   * the merchant turned the webservice off.
   */
  private async explainServerError(error: CartError, signal?: AbortSignal): Promise<CartError> {
    if (error.kind !== "server-error") return error;
    const url = this.urlFor("", []);
    try {
      const response = await got(url, {
        headers: this.headers(),
        throwHttpErrors: false,
        retry: { limit: 0 },
        followRedirect: false,
        timeout: { request: 10_000 },
        signal,
      });
      if (response.statusCode === 503 && problemOf(response.body).code === 22) {
        return webserviceDisabled(`HTTP 503 code 22 from ${describeUrl(url)}`);
      }
    } catch {
      // The diagnosis is best effort, so the original error is returned.
    }
    return error;
  }
}
