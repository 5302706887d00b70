import type { IncomingMessage, ServerResponse } from "node:http";
import { isChannel, type HandlerCaller } from "../ipc/call-handler.js";
import { createLogger } from "../logging/logger.js";
import { sendEmpty, sendJson } from "./http-response.js";

const log = createLogger("browser-mode");

/** The largest request body the API reads: 1 MiB, far above any request. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * How much of a body that is too large is read and dropped, in multiples of
 * the limit.
 */
const DRAIN_FACTOR = 16;

/**
 * Handles POST api/<channel>: the JSON body goes through the same schema
 * check and handler call as an IPC request, and the Envelope is sent back
 * with status 200. A body that is not JSON gets an Envelope with status 400.
 */
export async function answerApiCall(
  request: IncomingMessage,
  response: ServerResponse,
  channelName: string,
  callHandler: HandlerCaller,
): Promise<void> {
  if (!isChannel(channelName)) {
    return rejectRequest(response, 404, "unknown channel", channelName);
  }
  if (request.method !== "POST") {
    return rejectRequest(response, 405, "method not POST", channelName, {
      Allow: "POST",
    });
  }
  if (!isJsonContentType(request.headers["content-type"])) {
    return rejectRequest(response, 415, "content type not JSON", channelName);
  }

  const body = await readBody(request, MAX_REQUEST_BODY_BYTES);
  if (body === null) {
    return rejectRequest(response, 413, "body too large", channelName, {
      Connection: "close",
    });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    log.warn("API request rejected", {
      status: 400,
      reason: "body not JSON",
      channel: channelName,
    });
    return sendJson(response, 400, {
      ok: false,
      error: {
        kind: "invalid-request",
        message: `The request ${channelName} was invalid: its body is not JSON.`,
      },
    });
  }

  const envelope = await callHandler(channelName, parsed);
  // JSON has no undefined, and the bridge needs the "value" key.
  const sent = envelope.ok
    ? { ok: true, value: envelope.value ?? null }
    : envelope;
  sendJson(response, 200, sent);
}

function rejectRequest(
  response: ServerResponse,
  status: number,
  reason: string,
  channelName: string,
  headers: Record<string, string> = {},
): void {
  // Only a client that has the token gets this far, so these lines need no
  // rate limit. The channel name is cut short because it is the client's text.
  log.warn("API request rejected", {
    status,
    reason,
    channel: channelName.slice(0, 60),
  });
  sendEmpty(response, status, headers);
}

function isJsonContentType(header: string | undefined): boolean {
  const mediaType = (header ?? "").split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

/**
 * Reads the whole body, or resolves to null as soon as it is larger than
 * `maxBytes`, by its Content-Length or by the bytes received. The rest of a
 * body that is too large is read and dropped, so that the client receives
 * the 413 instead of a reset connection. Past DRAIN_FACTOR times `maxBytes`
 * the connection is destroyed.
 */
function readBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(request.headers["content-length"] ?? "0") > maxBytes;
    if (tooLarge) resolve(null);

    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_FACTOR * maxBytes) {
        request.destroy();
        return;
      }
      if (tooLarge) return;
      if (received > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on("error", reject);
    request.on("close", () => {
      if (!request.complete) reject(new Error("the request body was cut off"));
    });
  });
}
