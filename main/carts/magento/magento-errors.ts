import { CartError } from "../cart-error.js";
import { describeUrl, type HttpResponse } from "../../http/http-client.js";
import { redact } from "../../logging/logger.js";
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

/**
 * Phrases of Magento 2's OAuth check (its TokenProvider, NonceGenerator and
 * Oauth classes) by the problem they name. A REST call with bad OAuth
 * values gets one of them as its message, with status 400 or 401. Magento 2
 * throws no snake_case codes, but the simulators and Magento 1 use them.
 * "signatire" is how Magento 2.3 spells it.
 */
const OAUTH_PHRASES: [RegExp, OAuthProblem][] = [
  [/consumer key is not the correct length|consumer having the specified key does not exist/i, "consumer_key_rejected"],
  [/access token has been revoked/i, "token_revoked"],
  [
    /token length is invalid|specified token does not exist|token is not associated with the specified consumer|token is not an access token/i,
    "token_rejected",
  ],
  [/signature is invalid|signatire is invalid|^invalid signature/i, "signature_invalid"],
  [/incorrect timestamp value in the oauth_timestamp/i, "timestamp_refused"],
  [/nonce is already being used/i, "nonce_used"],
  [/signature method .* is not supported/i, "signature_method_rejected"],
];

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

/**
 * Fills Magento's %name and %1 placeholders, so the detail reads as Magento
 * meant it. Registered credentials are masked, because a proxy's error page
 * can echo the request, Authorization header included.
 */
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
  return redact(text);
}

function oauthProblemOf(response: HttpResponse, text: string): OAuthProblem | null {
  const match = /oauth_problem=([a-z_]+)/.exec(response.body);
  const code = match?.[1] ?? "";
  if ((OAUTH_PROBLEMS as readonly string[]).includes(code)) return code as OAuthProblem;
  if (response.status !== 400 && response.status !== 401) return null;
  return OAUTH_PHRASES.find(([phrase]) => phrase.test(text))?.[1] ?? null;
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
    case "token_rejected":
      return new CartError(
        "credentials-rejected",
        `Magento knows the consumer key but not this access token, so the access token is likely wrong. In ${INTEGRATIONS}, open the integration, copy the access token and access token secret again, and test again.`,
        detail,
      );
    case "token_revoked":
    case "token_expired":
      return new CartError(
        "credentials-rejected",
        `Magento no longer accepts the integration's access token; the integration may have been reauthorized or deleted. In ${INTEGRATIONS}, open the integration, copy the current access token and access token secret, and test again.`,
        detail,
      );
    case "consumer_key_rejected":
      return new CartError(
        "credentials-rejected",
        `Magento does not know this consumer key, so the consumer key is likely wrong. Copy the consumer key and secret again from ${INTEGRATIONS} › Edit › Integration Details and test again.`,
        detail,
      );
    case "signature_invalid":
      return new CartError(
        "credentials-rejected",
        `Magento knows the consumer key and access token but rejected the request signature, so the consumer secret or the access token secret is likely wrong. Copy both secrets again from ${INTEGRATIONS} and test again. If they are right, a proxy in front of the store may change the address Magento signs (for example from https to http).`,
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
 * user is shown. Magento can report an ACL failure and a failed OAuth check with
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
  const problem = oauthProblemOf(response, text);
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
      `No Magento REST API was found at ${url.origin}${url.pathname}. Enter the storefront address, such as https://shop.example.com with its folder if Magento runs in one (/shop), not an address from the admin, and check the store view code.`,
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
