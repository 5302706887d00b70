import { CartError } from "../cart-error.js";
import { describeUrl, type HttpResponse } from "../../http/http-client.js";
import { redact } from "../../logging/logger.js";

const WEBSERVICE = "Advanced Parameters › Webservice";

/** The first error of a webservice response, with its code and message, from JSON or XML. */
export type PrestaShopProblem = { code: number | null; message: string };

export function problemOf(body: string): PrestaShopProblem {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = parsed.errors?.[0];
    if (first) return { code: Number(first.code ?? NaN) || null, message: String(first.message ?? "") };
  } catch {
    // The store responded in XML, or with an HTML error page.
  }
  const code = /<code>\s*(?:<!\[CDATA\[)?\s*(\d+)/.exec(body)?.[1];
  const message = /<message>\s*(?:<!\[CDATA\[)?([^\]<]*)/.exec(body)?.[1] ?? body.slice(0, 160);
  return { code: code ? Number(code) : null, message: message.trim() };
}

/**
 * Error for a key that may not read one resource (codes 21, 25 and 26). It
 * is a class of its own so that a run can continue without an optional
 * resource, while other permission failures, such as a turned-off
 * webservice, still stop it.
 */
export class ResourceNotAllowedError extends CartError {
  constructor(
    readonly resource: string,
    message: string,
    detail: string,
  ) {
    super("permission-missing", message, detail);
  }
}

/** Builds the error for a disabled webservice, which PrestaShop reports as 503 with code 22. */
export function webserviceDisabled(detail: string): CartError {
  return new CartError(
    "permission-missing",
    `The PrestaShop webservice is turned off. In the back office, open ${WEBSERVICE}, set "Enable PrestaShop's webservice" to Yes, save, and test again.`,
    detail,
  );
}

/**
 * Maps a webservice response other than 2xx, 429 and 5xx to the CartError
 * shown to the user. The resource argument names the list that was requested.
 */
export function prestaShopErrorFor(response: HttpResponse, url: URL, resource: string): CartError {
  const problem = problemOf(response.body);
  const code = problem.code;
  // A proxy's error page can echo the request address, ws_key included.
  const message = redact(problem.message);
  const where = describeUrl(url);
  const detail = `HTTP ${response.status} code ${code ?? "none"} from ${where}: ${message.slice(0, 200)}`;
  const resourceName = resource || "the webservice index";

  // Since 1.7 PrestaShop returns code 20 both for a disabled key and for one
  // that does not exist, so the message names both.
  if (response.status === 401 && code === 20) {
    return new CartError(
      "credentials-rejected",
      `PrestaShop does not accept this webservice key: it is disabled, or no key with this value exists. In ${WEBSERVICE}, find the key in the list, set its status to Yes, copy the key again, save, and test again.`,
      detail,
    );
  }
  if ((response.status === 401 && (code === 21 || code === 26)) || (response.status === 405 && code === 25)) {
    return new ResourceNotAllowedError(
      resourceName,
      `The PrestaShop webservice key may not read ${resourceName}. In ${WEBSERVICE}, edit the key, tick View (GET) for ${resourceName}, save, and test again.`,
      detail,
    );
  }
  if (response.status === 401 && code === 16) {
    return new CartError(
      "credentials-rejected",
      "The store received no webservice key, even in the address. A proxy or firewall in front of the shop may remove it; check the shop's server settings and test again.",
      detail,
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new CartError(
      "credentials-rejected",
      `PrestaShop does not accept this webservice key. Copy the 32-character key again from ${WEBSERVICE} and test again.`,
      detail,
    );
  }
  if (response.status === 404) {
    return new CartError(
      "invalid-address",
      `No PrestaShop webservice was found at ${url.origin}${url.pathname}. Check the store address (include a folder such as /shop if PrestaShop runs in one) and that URL rewriting is on.`,
      detail,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    return new CartError(
      "invalid-address",
      `The store at ${url.host} redirected the webservice request elsewhere. Enter the address the store redirects to, starting with https://.`,
      detail,
    );
  }
  return new CartError(
    "bad-response",
    `PrestaShop refused the request for ${resourceName} (HTTP ${response.status}, code ${code ?? "none"}: ${message.slice(0, 120)}). Report this to Cart Cutover support.`,
    detail,
  );
}
