import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifies OAuth 1.0a HMAC-SHA256 signatures the way a Magento store does.
 * Written apart from the connector's signer, byte by byte from the raw
 * request target, so that a mistake in the signer cannot hide here.
 */

export type OAuthSecrets = {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
};

export type OAuthProblem =
  | "parameter_absent"
  | "signature_method_rejected"
  | "consumer_key_rejected"
  | "token_rejected"
  | "token_revoked"
  | "timestamp_refused"
  | "nonce_used"
  | "signature_invalid";

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function encode(text: string): string {
  let result = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const character = String.fromCharCode(byte);
    result += byte < 0x80 && UNRESERVED.test(character)
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return result;
}

function decodeFormComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

/** Reads the parameters of an "OAuth k="v", …" header, or null when it is not one. */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | null {
  if (!header || !/^OAuth\s/i.test(header)) return null;
  const fields: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/gi)) {
    fields[match[1]!] = decodeURIComponent(match[2]!);
  }
  return fields;
}

function expectedSignature(
  method: string,
  host: string,
  target: string,
  oauth: Record<string, string>,
  secrets: OAuthSecrets,
): string {
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? "" : target.slice(queryStart + 1);

  const pairs: [string, string][] = [];
  for (const piece of rawQuery.split("&")) {
    if (!piece) continue;
    const equals = piece.indexOf("=");
    const name = decodeFormComponent(equals < 0 ? piece : piece.slice(0, equals));
    const value = equals < 0 ? "" : decodeFormComponent(piece.slice(equals + 1));
    pairs.push([encode(name), encode(value)]);
  }
  for (const [name, value] of Object.entries(oauth)) {
    if (name !== "oauth_signature" && name !== "realm") pairs.push([encode(name), encode(value)]);
  }
  // A newline sorts below every character of an encoded name, so comparing
  // "name\nvalue" orders by name and then by value, byte by byte.
  pairs.sort((a, b) => Buffer.compare(Buffer.from(a.join("\n")), Buffer.from(b.join("\n"))));
  const normalized = pairs.map(([name, value]) => `${name}=${value}`).join("&");

  const base = `${method.toUpperCase()}&${encode(`http://${host.toLowerCase()}${path}`)}&${encode(normalized)}`;
  const key = `${encode(secrets.consumerSecret)}&${encode(secrets.accessTokenSecret)}`;
  return createHmac("sha256", key).update(base).digest("base64");
}

export type OAuthCheckInput = {
  method: string;
  host: string;
  /** The raw request target: path and query exactly as sent. */
  target: string;
  header: string | undefined;
  secrets: OAuthSecrets;
  revoked: boolean;
  nowSeconds: number;
  toleranceSeconds: number;
  seenNonces: Set<string>;
};

/** Checks one request; returns null when it is correctly signed, or the OAuth problem. */
export function checkOAuthRequest(input: OAuthCheckInput): OAuthProblem | null {
  const oauth = parseOAuthHeader(input.header);
  if (!oauth) return "parameter_absent";
  const required = ["oauth_consumer_key", "oauth_token", "oauth_signature", "oauth_nonce", "oauth_timestamp"];
  if (required.some((name) => !oauth[name])) return "parameter_absent";
  if (oauth.oauth_signature_method !== "HMAC-SHA256") return "signature_method_rejected";
  if (oauth.oauth_consumer_key !== input.secrets.consumerKey) return "consumer_key_rejected";
  if (oauth.oauth_token !== input.secrets.accessToken) return "token_rejected";
  if (input.revoked) return "token_revoked";

  const timestamp = Number(oauth.oauth_timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(timestamp - input.nowSeconds) > input.toleranceSeconds) {
    return "timestamp_refused";
  }
  const nonceKey = `${oauth.oauth_consumer_key}:${oauth.oauth_nonce}`;
  if (input.seenNonces.has(nonceKey)) return "nonce_used";

  const expected = Buffer.from(expectedSignature(input.method, input.host, input.target, oauth, input.secrets));
  const received = Buffer.from(oauth.oauth_signature!);
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return "signature_invalid";

  input.seenNonces.add(nonceKey);
  return null;
}
