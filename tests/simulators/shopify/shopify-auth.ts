import { randomBytes } from "node:crypto";
import type { SimulatorReply, SimulatorRequest } from "../common/simulator-server.js";

export const INVALID_TOKEN_BODY = JSON.stringify({
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
});

export type AuthOptions = {
  /** Lifetime of tokens from the client credentials grant, in seconds (about 24 h on Shopify). */
  tokenLifetimeSeconds: number;
  /** Clock for token expiry, in ms since the epoch. */
  now: () => number;
};

type IssuedToken = { value: string; expiresAtMs: number };

/**
 * The store's credentials: one pasted Admin API token, one app with a client
 * ID and secret, and the tokens issued to that app by the client credentials
 * grant.
 */
export class SimulatedAuth {
  pastedToken = `shpat_${randomBytes(16).toString("hex")}`;
  readonly clientId = randomBytes(16).toString("hex");
  clientSecret = `shpss_${randomBytes(16).toString("hex")}`;
  private issued: IssuedToken[] = [];
  /** Instants of every granted token, for tests of renewal. */
  readonly grants: number[] = [];
  /** Every token and client secret this store ever issued, for tests that look for leaks. */
  readonly issuedSecrets: string[] = [this.pastedToken, this.clientSecret];

  constructor(
    private readonly options: AuthOptions,
    private readonly scopes: () => string[],
  ) {}

  isValidToken(token: string | undefined): boolean {
    if (!token) return false;
    if (token === this.pastedToken) return true;
    const nowMs = this.options.now();
    return this.issued.some((issued) => issued.value === token && issued.expiresAtMs > nowMs);
  }

  /** Expires every issued token now; the client secret still works. */
  expireIssuedTokens(): void {
    this.issued = [];
  }

  /** Makes the pasted token, every issued token and the client secret invalid. */
  revokeAll(): void {
    this.pastedToken = `shpat_${randomBytes(16).toString("hex")}`;
    this.clientSecret = `shpss_${randomBytes(16).toString("hex")}`;
    this.issuedSecrets.push(this.pastedToken, this.clientSecret);
    this.issued = [];
  }

  /**
   * Handles POST /admin/oauth/access_token. Shopify does not document the
   * body of a rejected grant, so the simulator uses the OAuth 2.0 error
   * shape: 400 with error "invalid_client".
   */
  grant(request: SimulatorRequest): SimulatorReply {
    const form = request.headers["content-type"]?.includes("json")
      ? new URLSearchParams(JSON.parse(request.body || "{}") as Record<string, string>)
      : new URLSearchParams(request.body);
    if (form.get("grant_type") !== "client_credentials") {
      return { status: 400, body: JSON.stringify({ error: "unsupported_grant_type" }) };
    }
    if (form.get("client_id") !== this.clientId || form.get("client_secret") !== this.clientSecret) {
      return {
        status: 400,
        body: JSON.stringify({ error: "invalid_client", error_description: "Client authentication failed." }),
      };
    }
    const value = `shpat_${randomBytes(16).toString("hex")}`;
    this.issuedSecrets.push(value);
    const nowMs = this.options.now();
    this.issued.push({ value, expiresAtMs: nowMs + this.options.tokenLifetimeSeconds * 1000 });
    this.grants.push(nowMs);
    return {
      status: 200,
      body: JSON.stringify({
        access_token: value,
        scope: this.scopes().join(","),
        expires_in: this.options.tokenLifetimeSeconds,
      }),
    };
  }
}

/** Masks the client secret in a grant request body for the request log. */
export function maskGrantBody(body: string): string {
  return body.replace(/(client_secret=)[^&]*/g, "$1[present]").replace(/("client_secret"\s*:\s*)"[^"]*"/g, '$1"[present]"');
}
