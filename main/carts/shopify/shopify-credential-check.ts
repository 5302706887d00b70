import { CartError } from "../cart-error.js";
import type { ShopifyCredentials } from "./shopify-api.js";

/** Shopify tokens, client IDs and secrets are printable ASCII without spaces. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

function rejected(message: string, detail: string): CartError {
  return new CartError("credentials-rejected", message, detail);
}

/**
 * Trims a pasted value and checks that it can be one. A value copied with a
 * line break or a neighbouring word would otherwise reach the HTTP header,
 * where Node refuses it as a network failure that names no cause.
 */
function cleanValue(value: string, label: string, where: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw rejected(`The Shopify ${label} is empty. ${where}, then test the connection again.`, `${label} empty`);
  }
  if (!TOKEN_CHARACTERS.test(trimmed)) {
    throw rejected(
      `The Shopify ${label} contains a space, a line break or a character that never occurs in one, so it was probably copied together with other text. ${where} once more, then test the connection again.`,
      `${label} has characters outside printable ASCII`,
    );
  }
  return trimmed;
}

/**
 * Returns the credentials with surrounding whitespace removed, or throws a
 * CartError that names the wrong field. No message contains a value.
 */
export function cleanShopifyCredentials(credentials: ShopifyCredentials): ShopifyCredentials {
  if (credentials.kind === "access-token") {
    const accessToken = cleanValue(
      credentials.accessToken,
      "access token",
      "Copy the Admin API access token (it starts with shpat_) from the app's API credentials",
    );
    if (accessToken.startsWith("shpss_")) {
      throw rejected(
        "The value in the access token field is a client secret (it starts with shpss_), not an access token. Enter it in the client secret field together with the client ID, or paste the Admin API access token, which starts with shpat_.",
        "client secret entered as access token",
      );
    }
    return { kind: "access-token", accessToken };
  }
  return {
    kind: "client-credentials",
    clientId: cleanValue(credentials.clientId, "client ID", "Copy the client ID from the app's settings"),
    clientSecret: cleanValue(credentials.clientSecret, "client secret", "Copy the client secret from the app's settings"),
  };
}
