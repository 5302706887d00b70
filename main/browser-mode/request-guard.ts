import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The reason a request was rejected, and its status (sent with no body). */
export type Rejection = { status: 403 | 404; reason: string };

/**
 * The target of a request that passed the checks: the path after
 * "/<token>/" ("" for the page itself), or a redirect for "/<token>"
 * without its final slash, because the page's relative URLs would then
 * resolve one folder too high.
 */
export type CheckedRequest = { path: string } | { redirectTo: string };

const TOKEN_WITHOUT_SLASH = Symbol("token without slash");

/**
 * Returns the request's target, or a rejection. Only a Host of
 * 127.0.0.1:<port> or localhost:<port> is accepted, because a page on
 * another site can point its own host name at 127.0.0.1 (DNS rebinding).
 * Browsers send Origin on cross-origin requests and on every POST, and only
 * the server's own origins pass. Requests without Origin come from the
 * address bar or from programs other than a browser, and they still need
 * the token.
 */
export function checkRequest(
  request: IncomingMessage,
  options: { port: number; token: string },
): CheckedRequest | Rejection {
  const allowedHosts = [
    `127.0.0.1:${options.port}`,
    `localhost:${options.port}`,
  ];
  const host = (request.headers.host ?? "").toLowerCase();
  if (!allowedHosts.includes(host)) {
    return { status: 403, reason: "host not allowed" };
  }

  const path = pathAfterToken(request.url ?? "", options.token);
  if (path === null) {
    return { status: 404, reason: "path without the token" };
  }

  const origin = request.headers.origin;
  const sameOrigin = allowedHosts.some(
    (allowed) => origin === `http://${allowed}`,
  );
  if (origin !== undefined && !sameOrigin) {
    return { status: 403, reason: "origin not allowed" };
  }

  if (path === TOKEN_WITHOUT_SLASH) {
    return { redirectTo: `/${options.token}/` };
  }
  return { path };
}

/** Returns the path after "/<token>/", or null when it does not start so. */
function pathAfterToken(
  requestUrl: string,
  token: string,
): string | typeof TOKEN_WITHOUT_SLASH | null {
  if (!requestUrl.startsWith("/")) return null;

  const pathname = requestUrl.split("?")[0] ?? "";
  const slashIndex = pathname.indexOf("/", 1);
  const pathToken =
    slashIndex === -1 ? pathname.slice(1) : pathname.slice(1, slashIndex);
  if (!sameToken(pathToken, token)) return null;

  if (slashIndex === -1) return TOKEN_WITHOUT_SLASH;
  return pathname.slice(slashIndex + 1);
}

/**
 * Compares in constant time, so that response times do not show how much of
 * a guess matched.
 */
function sameToken(candidate: string, token: string): boolean {
  const candidateBytes = Buffer.from(candidate);
  const tokenBytes = Buffer.from(token);
  return (
    candidateBytes.length === tokenBytes.length &&
    timingSafeEqual(candidateBytes, tokenBytes)
  );
}
