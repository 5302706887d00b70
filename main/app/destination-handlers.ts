import type { RequestOf } from "../../preload/contract.js";
import { parseIntakeEndpoint } from "../destinations/intake-endpoint.js";
import { createLogger } from "../logging/logger.js";
import type { AppContext } from "./app-context.js";
import { INTAKE_TOKEN_ACCOUNT } from "./destination-choice.js";
import { UserError } from "./user-error.js";

const log = createLogger("destination");

/**
 * Saves where documents go. The endpoint is checked before anything is
 * written, and its token goes to the keychain, never to the settings.
 */
export async function saveDestination(context: AppContext, request: RequestOf<"destination:save">): Promise<void> {
  if (context.settings.current.sync.state === "Running") {
    throw new UserError("sync-running", "Auto Sync is Running. Stop it before you change where orders go.");
  }
  if (request.kind === "order-book") {
    await context.settings.update((settings) => (settings.destination = { kind: "order-book" }));
    context.destination.forget();
    log.info("destination set", { kind: "order-book" });
    return;
  }

  const endpointUrl = parseIntakeEndpoint(request.endpointUrl).toString();
  const previous = context.settings.current.destination;
  let hasAccessToken = previous.kind === "http-intake" && previous.hasAccessToken;
  const keychain = context.options.keychain;
  if (request.accessToken === null) {
    if (hasAccessToken) await keychain.remove(INTAKE_TOKEN_ACCOUNT);
    hasAccessToken = false;
  } else if (request.accessToken.trim() !== "") {
    const status = await keychain.status();
    if (!status.available) throw new UserError("keychain-unavailable", status.message);
    await keychain.write(INTAKE_TOKEN_ACCOUNT, request.accessToken.trim());
    hasAccessToken = true;
  }
  await context.settings.update((settings) => (settings.destination = { kind: "http-intake", endpointUrl, hasAccessToken }));
  context.destination.forget();
  log.info("destination set", { kind: "http-intake", endpoint: `${new URL(endpointUrl).origin}${new URL(endpointUrl).pathname}` });
}
