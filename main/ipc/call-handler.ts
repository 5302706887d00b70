import type { z } from "zod";
import {
  requestSchemas,
  type Channel,
  type ChannelHandlers,
  type Envelope,
} from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";
import { isCartError } from "../carts/cart-error.js";
import { createLogger } from "../logging/logger.js";
import { errorText } from "./error-text.js";

const log = createLogger("ipc");

/** Calls one channel's handler; resolves to an Envelope and never rejects. */
export type HandlerCaller = (
  channel: Channel,
  request: unknown,
) => Promise<Envelope<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requestSchemas, name);
}

/**
 * Creates the one path every request takes, from IPC and from browser mode:
 * validate the request against its channel's zod schema, call the handler
 * with the parsed request, and wrap the result or the failure in an
 * Envelope. `currentLogFile` names the file where unexpected errors are
 * logged, for the error message shown to the user.
 */
export function createHandlerCaller(options: {
  handlers: ChannelHandlers;
  currentLogFile: () => string;
}): HandlerCaller {
  const { handlers, currentLogFile } = options;

  return async (channel, request) => {
    const parsed = requestSchemas[channel].safeParse(request);
    if (!parsed.success) {
      log.warn("request rejected as invalid", { channel });
      const message = invalidRequestMessage(channel, parsed.error);
      return failure("invalid-request", message);
    }

    // The schema above has checked the request, so the cast only widens the
    // handler's parameter from one channel's request type to the union.
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return failureOf(channel, error, currentLogFile());
    }
  };
}

function failureOf(
  channel: Channel,
  error: unknown,
  logFile: string,
): Envelope<never> {
  if (isCartError(error)) {
    log.warn("request failed", {
      channel,
      kind: error.kind,
      detail: error.detail,
    });
    return failure(error.kind, error.message);
  }
  if (error instanceof UserError) {
    log.warn("request failed", { channel, kind: error.kind });
    return failure(error.kind, error.message);
  }

  // Anything else is a bug: the user gets no internal text, only where to
  // find it.
  log.error("request failed unexpectedly", {
    channel,
    error: errorText(error),
  });
  return failure(
    "internal",
    `Something went wrong inside Cart Cutover; the details are in the log file at ${logFile}.`,
  );
}

function invalidRequestMessage(channel: Channel, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "request";
    return `${field}: ${issue.message}`;
  });
  return `The request ${channel} was invalid: ${problems.join("; ")}.`;
}

function failure(kind: string, message: string): Envelope<never> {
  return { ok: false, error: { kind, message } };
}
