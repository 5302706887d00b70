/**
 * The sandboxed preload, bundled by scripts/build.ts into one CommonJS file.
 * It exposes window.cartCutover with one function per contract channel and
 * nothing else: the page gets no ipcRenderer and no way to name a channel.
 */
import { contextBridge, ipcRenderer } from "electron";
import {
  CHANNELS,
  methodNameOf,
  type CartCutoverApi,
  type Channel,
  type Envelope,
} from "./contract.js";

/** Sends one request to the main process and resolves to its raw reply. */
export type InvokeChannel = (
  channel: Channel,
  request: unknown,
) => Promise<unknown>;

/**
 * Builds the API object: each method sends its request on its channel and
 * resolves to the Envelope's value, or rejects with an Error whose message is
 * the Envelope's error message, written for the user.
 */
export function buildCartCutoverApi(invoke: InvokeChannel): CartCutoverApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    api[methodNameOf(channel)] = async (request) =>
      unwrapEnvelope(await invoke(channel, request));
  }
  // The keys above are methodNameOf(channel) for every channel, which is how
  // CartCutoverApi is defined.
  return Object.freeze(api) as unknown as CartCutoverApi;
}

function unwrapEnvelope(reply: unknown): unknown {
  if (!isEnvelope(reply)) {
    throw new Error(
      "Cart Cutover's main process sent a reply the window cannot read. Restart the app, and if it happens again, send the log file to support.",
    );
  }
  if (reply.ok) return reply.value;
  throw new Error(reply.error.message);
}

function isEnvelope(reply: unknown): reply is Envelope<unknown> {
  if (typeof reply !== "object" || reply === null) return false;
  const candidate = reply as { ok?: unknown; error?: { message?: unknown } };
  if (candidate.ok === true) return "value" in candidate;
  return candidate.ok === false && typeof candidate.error?.message === "string";
}

contextBridge.exposeInMainWorld(
  "cartCutover",
  buildCartCutoverApi((channel, request) =>
    ipcRenderer.invoke(channel, request),
  ),
);
