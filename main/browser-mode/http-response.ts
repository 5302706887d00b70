import type { ServerResponse } from "node:http";
import { CONTENT_SECURITY_POLICY } from "../ipc/content-security-policy.js";

/**
 * Headers on every response: the renderer's Content-Security-Policy, no
 * caching, no MIME sniffing, no framing, no reading by other origins, and
 * no Referer, because the page's URL contains the token.
 */
const SECURITY_HEADERS = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
};

/** Sends a status with no body, so that a rejection gives no detail. */
export function sendEmpty(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    "Content-Length": "0",
  });
  response.end();
}

export function sendBody(
  response: ServerResponse,
  status: number,
  body: Buffer,
  contentType: string,
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": contentType,
    "Content-Length": String(body.length),
  });
  response.end(body);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
): void {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  sendBody(response, status, body, "application/json; charset=utf-8");
}
