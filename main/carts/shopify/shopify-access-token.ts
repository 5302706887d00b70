import { randomUUID } from "node:crypto";
import { CartError } from "../cart-error.js";
import {
  describeUrl,
  type HttpClient,
  type HttpResponse,
  MalformedBodyError,
  parseJsonBody,
} from "../../http/http-client.js";
import { createLogger, registerSecret } from "../../logging/logger.js";
import { accessTokenUrl, type ShopifyCredentials } from "./shopify-api.js";
import { redirectedAddress } from "./shopify-errors.js";

const log = createLogger("shopify");

/**
 * Lifetime assumed when a grant response has no expires_in. NOTE: about 24
 * hours is what client libraries report for these tokens, not a documented
 * guarantee.
 */
const ASSUMED_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * A token is renewed when less than five minutes or a tenth of its lifetime
 * is left, whichever is shorter, so that short-lived tokens are not renewed
 * on every request.
 */
const RENEW_SHARE = 0.1;
const RENEW_MARGIN_MS = 5 * 60_000;

type IssuedToken = { value: string; renewAtMs: number };

export type RenewReason = "first use" | "expiring" | "rejected";

/**
 * The access token for Admin API requests. A pasted token is used as it is.
 * With client credentials, a token is requested from the store and renewed
 * before it runs out, and once more when Shopify rejects it mid-run.
 */
export class ShopifyAccessTokens {
  private issued: IssuedToken | null = null;
  private pending: Promise<IssuedToken> | null = null;
  private scopesOfGrant: string[] | null = null;

  constructor(
    private readonly storeUrl: URL,
    private readonly credentials: ShopifyCredentials,
    private readonly http: HttpClient,
    private readonly nowMs: () => number,
  ) {
    if (credentials.kind === "access-token") {
      registerSecret(credentials.accessToken);
    } else {
      registerSecret(credentials.clientSecret);
    }
  }

  /** Scopes named by the last grant response, or null for a pasted token. */
  get grantedScopes(): string[] | null {
    return this.scopesOfGrant;
  }

  /** True when a rejected token can be replaced by asking the store for a new one. */
  get canRenew(): boolean {
    return this.credentials.kind === "client-credentials";
  }

  /** Returns a token that is not about to expire, requesting one when needed. */
  async current(signal?: AbortSignal): Promise<string> {
    if (this.credentials.kind === "access-token") return this.credentials.accessToken;
    if (this.issued && this.nowMs() < this.issued.renewAtMs) return this.issued.value;
    const reason: RenewReason = this.issued ? "expiring" : "first use";
    return (await this.renew(reason, signal)).value;
  }

  /** Replaces the current token after a 401 by requesting a new one. */
  async renewAfterRejection(signal?: AbortSignal): Promise<void> {
    this.issued = null;
    await this.renew("rejected", signal);
  }

  private renew(reason: RenewReason, signal?: AbortSignal): Promise<IssuedToken> {
    // Concurrent callers share one grant request instead of each asking for a token.
    this.pending ??= this.requestToken(reason, signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async requestToken(reason: RenewReason, signal?: AbortSignal): Promise<IssuedToken> {
    if (this.credentials.kind !== "client-credentials") {
      throw new Error("A pasted access token is never renewed");
    }
    const url = accessTokenUrl(this.storeUrl);
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    }).toString();

    const requestedAtMs = this.nowMs();
    const { value } = await this.http.send(
      {
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        // A repeated grant only issues another token, so retrying it is safe.
        idempotencyKey: randomUUID(),
        signal,
      },
      (response) => parseGrant(response, url),
    );

    registerSecret(value.accessToken);
    this.scopesOfGrant = value.scopes;
    const lifetimeMs = value.expiresInSeconds * 1000;
    const marginMs = Math.min(RENEW_MARGIN_MS, lifetimeMs * RENEW_SHARE);
    this.issued = {
      value: value.accessToken,
      renewAtMs: requestedAtMs + lifetimeMs - marginMs,
    };
    log.info("access token renewed", {
      reason,
      expiresInSeconds: value.expiresInSeconds,
    });
    return this.issued;
  }
}

type Grant = { accessToken: string; scopes: string[]; expiresInSeconds: number };

function parseGrant(response: HttpResponse, url: URL): Grant {
  if (response.status >= 300 && response.status < 400) throw redirectedAddress(response, url);
  if (response.status === 404) {
    return failGrant(
      "invalid-address",
      `No Shopify store was found at ${url.origin}. Check the store address: use the store's myshopify.com address, such as https://your-store.myshopify.com.`,
      `HTTP 404 from ${describeUrl(url)}`,
    );
  }
  if (response.status !== 200) {
    const code = grantErrorCode(response.body);
    const detail = `HTTP ${response.status} ${code} from ${describeUrl(url)}`;
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      return failGrant(
        "credentials-rejected",
        "Shopify rejected the client ID or client secret. Copy both again from the app's settings and test the connection again. This kind of access works only for an app that belongs to the same organization as the store.",
        detail,
      );
    }
    return failGrant(
      "bad-response",
      `Shopify did not issue an access token (HTTP ${response.status}). Try again later; if it persists, report it to Cart Cutover support.`,
      detail,
    );
  }

  const body = parseJsonBody(response) as Record<string, unknown> | null;
  const accessToken = body?.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new MalformedBodyError(`access token response without access_token from ${describeUrl(url)}`);
  }
  const scope = typeof body?.scope === "string" ? body.scope : "";
  const expiresIn = Number(body?.expires_in);
  return {
    accessToken,
    scopes: scope.split(",").map((handle) => handle.trim()).filter(Boolean),
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : ASSUMED_LIFETIME_SECONDS,
  };
}

/** Returns the OAuth error code of a refused grant, such as "invalid_client". */
function grantErrorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown } | null;
    return typeof parsed?.error === "string" ? parsed.error : "no error code";
  } catch {
    return "no error code";
  }
}

function failGrant(kind: CartError["kind"], message: string, detail: string): never {
  throw new CartError(kind, message, detail);
}
