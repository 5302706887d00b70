import type { IncomingMessage, ServerResponse } from "node:http";

/** Requests a script applies to: order lists, or any request. */
export type PrestaShopScriptTarget = "orders" | "any";

/** A reply as the simulator is about to send it. */
export type PrestaShopReply = { status: number; headers: Record<string, string>; body: string };

/**
 * Rewrites one reply, for responses that no generic fault produces: rows
 * in another order, an HTML page with status 200, an error that echoes the
 * request. "cut-mid-body" sends the status, the headers with the full
 * Content-Length and half the body, then drops the connection.
 */
export type PrestaShopReplyScript = (reply: PrestaShopReply, request: IncomingMessage) => PrestaShopReply | "cut-mid-body";

type ScheduledScript = { target: PrestaShopScriptTarget; script: PrestaShopReplyScript; times: number };

/** A queue of reply scripts, each used up after `times` replies. */
export class PrestaShopReplyScripts {
  private readonly scheduled: ScheduledScript[] = [];

  add(target: PrestaShopScriptTarget, script: PrestaShopReplyScript, times: number): void {
    this.scheduled.push({ target, script, times });
  }

  /** Takes the next script for a request to the given route, if any. */
  take(route: PrestaShopScriptTarget): PrestaShopReplyScript | null {
    const index = this.scheduled.findIndex((entry) => entry.target === "any" || entry.target === route);
    if (index < 0) return null;
    const entry = this.scheduled[index]!;
    entry.times -= 1;
    if (entry.times <= 0) this.scheduled.splice(index, 1);
    return entry.script;
  }
}

/** Sends a reply, after the script if one applies. */
export function sendScripted(
  request: IncomingMessage,
  response: ServerResponse,
  reply: PrestaShopReply,
  script: PrestaShopReplyScript | null,
): void {
  const outcome = script ? script(reply, request) : reply;
  if (outcome === "cut-mid-body") {
    const body = Buffer.from(reply.body, "utf8");
    response.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) });
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => request.socket.destroy());
    return;
  }
  response.writeHead(outcome.status, outcome.headers);
  response.end(outcome.body);
}
