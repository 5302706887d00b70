import type {
  CartCutoverApi,
  Channel,
  Envelope,
} from "../../preload/contract.js";

/**
 * Every channel of the contract. The renderer may import only types from the
 * contract (its values would bundle zod into the page), so the list is
 * repeated here, and `satisfies` makes the compiler reject a missing or an
 * unknown channel.
 */
const CHANNEL_LIST = {
  "app:get-state": true,
  "connect:save": true,
  "connect:test": true,
  "dry-run:run": true,
  "dry-run:open": true,
  "dry-run:choose-file": true,
  "dry-run:detail": true,
  "cutoff:set": true,
  "export:start": true,
  "export:status": true,
  "export:cancel": true,
  "go-live:save": true,
  "destination:save": true,
  "sync:start": true,
  "sync:stop": true,
  "sync:run-now": true,
  "sync:status": true,
  "sync:retry-order": true,
  "order-book:list": true,
  "proof:run": true,
  "proof:latest": true,
} satisfies Record<Channel, true>;

type FetchFunction = (url: URL, init: RequestInit) => Promise<Response>;

/**
 * Creates the API over HTTP, for browser mode: each method POSTs its request
 * as JSON to `api/<channel>` relative to the page's URL (which carries the
 * per-launch token), and unwraps the Envelope that comes back the way the
 * preload does. `fetchFunction` is replaced only in tests.
 */
export function createHttpBridge(
  location: { href: string },
  fetchFunction: FetchFunction = (url, init) => fetch(url, init),
): CartCutoverApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of Object.keys(CHANNEL_LIST) as Channel[]) {
    const url = new URL(`api/${channel}`, location.href);
    api[camelCaseOf(channel)] = (request) =>
      postRequest(fetchFunction, url, channel, request);
  }
  // The keys above follow the contract's camel-case rule for every channel,
  // which is how CartCutoverApi is defined; a test compares them with
  // methodNameOf.
  return Object.freeze(api) as unknown as CartCutoverApi;
}

async function postRequest(
  fetchFunction: FetchFunction,
  url: URL,
  channel: Channel,
  request: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFunction(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    throw new Error(
      "Cart Cutover's local server did not respond. Check that the terminal running browser mode is still open, then reload this page.",
    );
  }

  const reply = await envelopeOf(response);
  if (reply === null) {
    throw new Error(
      `Cart Cutover's local server rejected the request ${channel} (HTTP ${response.status}). Open the address that browser mode printed in the terminal, and try again.`,
    );
  }
  if (reply.ok) return reply.value;
  throw new Error(reply.error.message);
}

async function envelopeOf(
  response: Response,
): Promise<Envelope<unknown> | null> {
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/json")) return null;

  let reply: unknown;
  try {
    reply = await response.json();
  } catch {
    return null;
  }
  if (typeof reply !== "object" || reply === null) return null;
  const candidate = reply as { ok?: unknown; error?: { message?: unknown } };
  if (candidate.ok === true && "value" in candidate) {
    return reply as Envelope<unknown>;
  }
  if (candidate.ok === false && typeof candidate.error?.message === "string") {
    return reply as Envelope<unknown>;
  }
  return null;
}

/** Returns the method name of a channel: "dry-run:run" becomes "dryRunRun". */
function camelCaseOf(channel: Channel): string {
  return channel
    .split(/[:-]/)
    .map((part, index) =>
      index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1),
    )
    .join("");
}
