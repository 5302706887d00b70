import { CartError } from "../cart-error.js";

const ACCOUNTS_PAGE = "Settings › Store-level API accounts";

/**
 * Reads the message of an error body: V3 sends {status, title}, V2 a list of
 * {status, message}. The V2 shape on 401 is not documented, so both are tried.
 */
function messageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (first && typeof first === "object") {
      const fields = first as { title?: unknown; message?: unknown };
      const text = fields.title ?? fields.message;
      if (typeof text === "string") return text;
    }
  } catch {
    // An HTML or empty body has no message.
  }
  return "";
}

/** Turns a BigCommerce error response into a CartError; the detail carries the status and message. */
export function bigCommerceErrorToCartError(status: number, body: string, where: string): CartError {
  const message = messageOf(body);
  const detail = `HTTP ${status}${message ? ` "${message}"` : ""} from ${where}`;

  switch (status) {
    case 401:
      return new CartError(
        "credentials-rejected",
        `BigCommerce did not accept the access token. Check that the API account still exists under ${ACCOUNTS_PAGE} and enter its access token again, not its client ID or client secret; a deleted account's token stops working.`,
        detail,
      );
    case 403:
      return new CartError(
        "permission-missing",
        `BigCommerce refused the request: the API account lacks the scope for it, or the API path names another store. Give the account read-only access to Orders and Information & Settings under ${ACCOUNTS_PAGE}, and check the store hash in the API path.`,
        detail,
      );
    case 404:
      return new CartError(
        "invalid-address",
        "BigCommerce found nothing at this API path. Copy the API path of the store-level API account again, then test again.",
        detail,
      );
    case 413:
      return new CartError(
        "bad-response",
        "BigCommerce found the requested page too large. Try again with a smaller page size.",
        detail,
      );
    default:
      return new CartError(
        "bad-response",
        `BigCommerce answered HTTP ${status}${message ? ` ("${message}")` : ""}. Try again; if it persists, contact support with this message.`,
        detail,
      );
  }
}

/** True for the response BigCommerce sends to a page larger than it allows. */
export function isPageTooLarge(error: unknown): boolean {
  return error instanceof CartError && (error.detail ?? "").startsWith("HTTP 413");
}
