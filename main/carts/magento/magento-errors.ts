import { CartError } from "../cart-error.js";
import { describeUrl, type HttpResponse } from "../../http/http-client.js";
import type { MagentoAuthMode } from "./magento-credentials.js";

const INTEGRATIONS = "System › Extensions › Integrations";

/** OAuth problem codes that Magento names in a 400 or 401 body. */
const OAUTH_PROBLEMS = [
  "timestamp_refused",
  "nonce_used",
  "signature_invalid",
  "signature_method_rejected",
  "consumer_key_rejected",
  "token_rejected",
  "token_revoked",
  "token_expired",
  "parameter_absent",
] as const;

type OAuthProblem = (typeof OAUTH_PROBLEMS)[number];

/** A Magento error body: a phrase with %placeholders and their values. */
type MagentoErrorBody = {
  message?: string;
  parameters?: Record<string, unknown> | unknown[];
};

function readErrorBody(response: HttpResponse): MagentoErrorBody {
  try {
    const parsed: unknown = JSON.parse(response.body);
    return parsed && typeof parsed === "object" ? (parsed as MagentoErrorBody) : {};
  } catch {
    return {};
  }
}

/** Fills Magento's %name and %1 placeholders, so the detail reads as Magento meant it. */
export function magentoErrorText(response: HttpResponse): string {
  const body = readErrorBody(response);
  let text = body.message ?? response.body.slice(0, 200);
  const parameters = body.parameters;
  if (Array.isArray(parameters)) {
    parameters.forEach((value, index) => {
      text = text.replace(`%${index + 1}`, String(value));
    });
  } else if (parameters) {
    for (const [name, value] of Object.entries(parameters)) {
      text = text.replace(`%${name}`, String(value));
    }
  }
  return text;
}

function oauthProblemOf(response: HttpResponse): OAuthProblem | null {
  const match = /oauth_problem=([a-z_]+)/.exec(response.body);
  const code = match?.[1] ?? "";
  return (OAUTH_PROBLEMS as readonly string[]).includes(code) ? (code as OAuthProblem) : null;
}

/**
 * Returns the page size a store with input limiting allows, read from its
 * 400 response "Maximum SearchCriteria pageSize is %1", or null otherwise.
 */
export function pageSizeLimitOf(response: HttpResponse): number | null {
  if (response.status !== 400) return null;
  const text = magentoErrorText(response);
  const match = /maximum searchcriteria pagesize is (\d+)/i.exec(text);
  return match ? Number(match[1]) : null;
}

function oauthError(problem: OAuthProblem, detail: string): CartError {
  switch (problem) {
    case "timestamp_refused":
      return new CartError(
        "credentials-rejected",
        "Magento refused the request because this computer's clock differs too much from the store's. Set the clock to the correct time (or turn on automatic time) and test again.",
        detail,
      );
    case "token_revoked":
    case "token_expired":
    case "token_rejected":
      return new CartError(
        "credentials-rejected",
        `Magento no longer accepts the integration's access token; the integration may have been reauthorized or deleted. In ${INTEGRATIONS}, open the integration, copy the current access token and access token secret, and test again.`,
        detail,
      );
    case "consumer_key_rejected":
      return new CartError(
        "credentials-rejected",
        `Magento does not know this consumer key. Copy the consumer key and secret again from ${INTEGRATIONS} › Edit › Integration Details and test again.`,
        detail,
      );
    default:
      return new CartError(
        "credentials-rejected",
        `Magento rejected the request signature, so one of the four integration values is wrong. Copy the consumer key and secret and the access token and secret again from ${INTEGRATIONS} and test again.`,
        detail,
      );
  }
}

/**
 * Maps a Magento response other than 2xx, 429 and 5xx to the CartError the
 * user sees. Magento can report an ACL failure and a failed OAuth check with
 * the same 401 "The consumer isn't authorized to access %resources", so that
 * message names both causes.
 */
export function magentoErrorFor(
  response: HttpResponse,
  url: URL,
  mode: MagentoAuthMode,
): CartError {
  const text = magentoErrorText(response);
  const detail = `HTTP ${response.status} from ${describeUrl(url)}: ${text.slice(0, 300)}`;
  const problem = oauthProblemOf(response);
  if (problem) return oauthError(problem, detail);

  if (response.status === 401 || response.status === 403) {
    const resource = /authorized to access (.+?)\.?$/.exec(text)?.[1] ?? "Magento_Sales::actions_view";
    if (mode === "bearer") {
      return new CartError(
        "credentials-rejected",
        `Magento refused the access token sent as a bearer token (${resource}). Since 2.4.4 Magento accepts that only when "Allow OAuth Access Tokens to be used as standalone Bearer tokens" is on; switch Cart Cutover to signed requests with all four integration values instead.`,
        detail,
      );
    }
    return new CartError(
      "permission-missing",
      `Magento refused access to ${resource}. Either the integration lacks that API resource or its four values do not match: in ${INTEGRATIONS}, check that the integration is active and allows Sales › Operations › Orders, copy its values again, and test again.`,
      detail,
    );
  }
  if (response.status === 404) {
    return new CartError(
      "invalid-address",
      `No Magento REST API was found at ${url.origin}${url.pathname}. Check the store address (include a folder such as /shop if Magento runs in one) and the store view code.`,
      detail,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    return new CartError(
      "invalid-address",
      `The store at ${url.host} redirected the API request elsewhere. Enter the address the store redirects to, starting with https://.`,
      detail,
    );
  }
  return new CartError(
    "bad-response",
    `Magento answered with an unexpected status (HTTP ${response.status}): ${text.slice(0, 120)}. Try again later; if it persists, report it to Cart Cutover support.`,
    detail,
  );
}
