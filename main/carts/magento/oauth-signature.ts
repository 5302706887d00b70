import { createHmac, randomBytes } from "node:crypto";

/** The four values an activated Magento integration shows. */
export type OAuthCredentials = {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
};

export type SignatureInput = {
  method: string;
  url: URL;
  credentials: OAuthCredentials;
  timestampSeconds: number;
  nonce: string;
};

/**
 * Percent-encodes a string as OAuth 1.0a requires (RFC 5849, section 3.6):
 * every byte except the RFC 3986 unreserved characters. encodeURIComponent
 * leaves !'()* as they are, so those are encoded here.
 */
export function oauthPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Returns scheme, host, the port when it is not the default, and path. */
export function baseStringUri(url: URL): string {
  return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${url.pathname}`;
}

/**
 * Builds the signature base string: the method, the base URI and every
 * query and oauth_ parameter, encoded, sorted by name and then by value.
 */
export function signatureBaseString(
  method: string,
  url: URL,
  oauthParameters: Record<string, string>,
): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    pairs.push([oauthPercentEncode(name), oauthPercentEncode(value)]);
  }
  for (const [name, value] of Object.entries(oauthParameters)) {
    pairs.push([oauthPercentEncode(name), oauthPercentEncode(value)]);
  }
  pairs.sort(([nameA, valueA], [nameB, valueB]) => {
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
    if (valueA === valueB) return 0;
    return valueA < valueB ? -1 : 1;
  });
  const normalized = pairs.map(([name, value]) => `${name}=${value}`).join("&");

  return [
    method.toUpperCase(),
    oauthPercentEncode(baseStringUri(url)),
    oauthPercentEncode(normalized),
  ].join("&");
}

/** Computes the HMAC-SHA256 signature of a base string, as base64. */
export function hmacSha256Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const key = `${oauthPercentEncode(consumerSecret)}&${oauthPercentEncode(tokenSecret)}`;
  return createHmac("sha256", key).update(baseString).digest("base64");
}

/** Returns a random nonce of 32 hexadecimal characters. */
export function createNonce(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Signs one request with OAuth 1.0a HMAC-SHA256 and returns the value of its
 * Authorization header. Only query parameters are signed, because every
 * request Cart Cutover sends to Magento is a GET without a body.
 */
export function oauthAuthorizationHeader(input: SignatureInput): string {
  const oauthParameters: Record<string, string> = {
    oauth_consumer_key: input.credentials.consumerKey,
    oauth_nonce: input.nonce,
    oauth_signature_method: "HMAC-SHA256",
    oauth_timestamp: String(input.timestampSeconds),
    oauth_token: input.credentials.accessToken,
    oauth_version: "1.0",
  };
  const baseString = signatureBaseString(input.method, input.url, oauthParameters);
  const signature = hmacSha256Signature(
    baseString,
    input.credentials.consumerSecret,
    input.credentials.accessTokenSecret,
  );

  const fields = { ...oauthParameters, oauth_signature: signature };
  const rendered = Object.entries(fields)
    .map(([name, value]) => `${name}="${oauthPercentEncode(value)}"`)
    .join(", ");
  return `OAuth ${rendered}`;
}
