import { CartError } from "../cart-error.js";
import { describeUrl, MalformedBodyError, RetryLaterError } from "../../http/http-client.js";
import { type QueryCost, waitForPointsMs } from "./shopify-cost-bucket.js";
import { QueryCostTooHighError } from "./shopify-errors.js";

/** One entry of a GraphQL response's `errors`. */
export type GraphqlError = {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; cost?: unknown; maxCost?: unknown };
};

/**
 * Thrown for a GraphQL INTERNAL_SERVER_ERROR, which Shopify sends with HTTP
 * 200. It extends MalformedBodyError so that the HTTP client retries it with
 * backoff and counts it against the same bound as a 5xx response.
 */
export class GraphqlInternalError extends MalformedBodyError {}

/** Returns the names of the fields that ACCESS_DENIED errors point at below the query's root field. */
function deniedNestedFields(errors: GraphqlError[]): string[] {
  const fields = new Set<string>();
  for (const error of errors) {
    if (error.extensions?.code !== "ACCESS_DENIED" || !Array.isArray(error.path) || error.path.length < 2) continue;
    const field = [...error.path].reverse().find((part): part is string => typeof part === "string");
    if (field) fields.add(field);
  }
  return [...fields];
}

function accessDenied(errors: GraphqlError[], detail: string): CartError {
  const nested = deniedNestedFields(errors);
  if (nested.length === 0) {
    return new CartError(
      "permission-missing",
      "Shopify denied access to orders because the app lacks the read_orders access scope. Add read_orders (and read_all_orders for orders older than 60 days) to the app, install the new version, and test the connection again.",
      detail,
    );
  }
  return new CartError(
    "permission-missing",
    `Shopify withheld these order fields from the app: ${nested.join(", ")}. Without them no order can be imported completely. Customer names, e-mail addresses and addresses are protected customer data: give the app access to them in its settings on Shopify, install the new version, and test the connection again.`,
    detail,
  );
}

/**
 * Maps the `errors` of a GraphQL response to what the request ends with: a
 * wait for THROTTLED, a retry for INTERNAL_SERVER_ERROR, and a CartError
 * for everything else.
 */
export function errorForGraphqlErrors(errors: GraphqlError[], cost: QueryCost | null, url: URL): Error {
  const codes = errors.map((error) => String(error.extensions?.code ?? ""));
  const messages = errors.map((error) => String(error.message ?? "")).join("; ");
  const detail = `GraphQL ${codes.filter(Boolean).join(", ") || "error"} from ${describeUrl(url)}: ${messages}`;

  if (codes.includes("THROTTLED")) {
    if (cost && cost.requestedQueryCost > cost.throttleStatus.maximumAvailable) {
      return new CartError(
        "rate-limited",
        `Shopify's rate limit for this app allows at most ${cost.throttleStatus.maximumAvailable} points, less than the ${cost.requestedQueryCost} points of one request, so waiting would not help. Report this to Cart Cutover support.`,
        detail,
      );
    }
    let waitMs = cost
      ? waitForPointsMs(cost.requestedQueryCost, cost.throttleStatus.currentlyAvailable, cost.throttleStatus.restoreRate)
      : 1000;
    // A THROTTLED response that reports enough points still waits briefly, so retries cannot spin.
    if (waitMs <= 0) waitMs = 100;
    return new RetryLaterError(`Shopify throttled the query (THROTTLED, waiting ${waitMs} ms)`, waitMs);
  }
  if (codes.includes("INTERNAL_SERVER_ERROR")) return new GraphqlInternalError(detail);

  const tooCostly = errors.find((error) => error.extensions?.code === "MAX_COST_EXCEEDED");
  if (tooCostly) {
    return new QueryCostTooHighError(
      Number(tooCostly.extensions?.cost ?? cost?.requestedQueryCost ?? Number.NaN),
      Number(tooCostly.extensions?.maxCost ?? Number.NaN),
      detail,
    );
  }
  if (codes.includes("ACCESS_DENIED")) return accessDenied(errors, detail);
  return new CartError(
    "bad-response",
    "Shopify rejected the order query. Report this to Cart Cutover support with the detail below.",
    detail,
  );
}
