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

/** A Magento REST error body: a phrase with %placeholders and their values. */
export type MagentoRestError = { status: number; message: string; parameters?: unknown[] };

/** Integration keys and tokens are 32 characters; Magento checks the length before looking them up. */
const KEY_LENGTH = 32;

/**
 * Renders an OAuth problem as Magento 2.4 returns it to a REST call: status
 * 400 for malformed input, 401 otherwise, with the phrase that its
 * TokenProvider, NonceGenerator or Oauth class throws as the message. Those
 * classes throw phrases, not the snake_case codes of Magento 1.
 */
export function restErrorOf(problem: Exclude<OAuthProblem, "parameter_absent">, header: string | undefined): MagentoRestError {
  const oauth = parseOAuthHeader(header) ?? {};
  switch (problem) {
    case "consumer_key_rejected":
      return (oauth.oauth_consumer_key ?? "").length === KEY_LENGTH
        ? { status: 401, message: "A consumer having the specified key does not exist" }
        : { status: 401, message: "Consumer key is not the correct length" };
    case "token_rejected":
      return (oauth.oauth_token ?? "").length === KEY_LENGTH
        ? { status: 401, message: "Specified token does not exist" }
        : { status: 400, message: "The token length is invalid. Check the length and try again." };
    case "token_revoked":
      return { status: 401, message: "Access token has been revoked" };
    case "timestamp_refused":
      return { status: 400, message: "Incorrect timestamp value in the oauth_timestamp parameter" };
    case "nonce_used":
      return { status: 401, message: "The nonce is already being used by the consumer with ID %1", parameters: ["1"] };
    case "signature_method_rejected":
      return { status: 400, message: "Signature method %1 is not supported", parameters: [oauth.oauth_signature_method ?? ""] };
    case "signature_invalid":
      return { status: 401, message: "The signature is invalid. Verify and try again." };
  }
}
