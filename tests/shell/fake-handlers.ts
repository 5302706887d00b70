import {
  CHANNELS,
  type Channel,
  type ChannelHandlers,
} from "../../preload/contract.js";

type FakeHandler = (request: unknown) => Promise<unknown>;

/** One call a fake handler received. */
export type HandlerCall = { channel: Channel; request: unknown };

/**
 * Creates ChannelHandlers whose every handler records its call and resolves
 * to `{ answeredBy: channel, request }`, except where `overrides` gives
 * another handler. It replaces the real services, so that the glue is
 * tested on its own.
 */
export function createFakeHandlers(
  overrides: Partial<Record<Channel, FakeHandler>> = {},
): { handlers: ChannelHandlers; calls: HandlerCall[] } {
  const calls: HandlerCall[] = [];
  const entries = CHANNELS.map((channel) => {
    const override = overrides[channel];
    const handler = async (request: unknown) => {
      calls.push({ channel, request });
      return override ? override(request) : { answeredBy: channel, request };
    };
    return [channel, handler] as const;
  });
  // The fake values do not have each channel's response type, which the
  // glue under test never looks at.
  const handlers = Object.fromEntries(entries) as unknown as ChannelHandlers;
  return { handlers, calls };
}

/** Returns a sync:status handler that reports Auto Sync in `state`. */
export function syncStatusIn(state: "Running" | "Stopped") {
  return async () => ({ state });
}
