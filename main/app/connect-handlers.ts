import { createHash } from "node:crypto";
import type { ConnectionState, RequestOf } from "../../preload/contract.js";
import { allCredentialFields, completeFieldSet, PLATFORM_LABELS } from "../carts/credential-fields.js";
import type { PlatformId } from "../carts/cart-order.js";
import { resolveShopifyStoreUrl } from "../carts/shopify/shopify-store-address.js";
import { parseStoreAddress } from "../carts/store-address.js";
import { createLogger } from "../logging/logger.js";
import { accountFor } from "../secrets/keychain.js";
import type { StoredStore } from "../settings/settings-store.js";
import type { AppContext } from "./app-context.js";
import { UserError } from "./user-error.js";

const log = createLogger("connect");

/** Returns the one address under which a store is saved, however the user pasted it. */
function canonicalStoreUrl(platform: PlatformId, input: string): string {
  const parsed = parseStoreAddress(input);
  const resolved = platform === "shopify" ? resolveShopifyStoreUrl(parsed) : parsed;
  return resolved.toString().replace(/\/$/, "");
}

function storeIdOf(platform: string, storeUrl: string): string {
  if (platform === "demo") return "demo";
  return `${platform}-${createHash("sha256").update(storeUrl).digest("hex").slice(0, 12)}`;
}

/**
 * Saves the cart connection: the address and platform to settings, the
 * credentials to the keychain. Input is checked before anything is written,
 * and a changed store must be tested and dry-run again.
 */
export async function saveConnection(context: AppContext, request: RequestOf<"connect:save">): Promise<void> {
  if (context.settings.current.sync.state === "Running") {
    throw new UserError("sync-running", "Auto Sync is Running. Stop it before you change the cart connection.");
  }
  const platform = request.platform;
  const storeUrl = platform === "demo" ? "demo://store" : canonicalStoreUrl(platform, request.storeUrl);
  const storeId = storeIdOf(platform, storeUrl);
  const previous = context.settings.current.store;
  const sameStore = previous?.storeId === storeId;

  const entered = Object.fromEntries(
    Object.entries(request.credentials)
      .filter(([field, value]) => allCredentialFields(platform).includes(field) && value.trim() !== "")
      .map(([field, value]) => [field, value.trim()]),
  );
  const storedFields = sameStore ? previous.credentialFields : [];
  // A set the user filled in now wins, so switching from a pasted Shopify token
  // to a client ID and secret takes effect. Re-entering part of the stored set keeps it.
  const chosenNow = completeFieldSet(platform, (field) => field in entered);
  const keepsStored = storedFields.length > 0 && Object.keys(entered).every((field) => storedFields.includes(field));
  const fields = chosenNow ?? (keepsStored ? storedFields : null);
  if (!fields) {
    const sets = PLATFORM_LABELS[platform] === "Shopify" ? "an Admin API access token, or a client ID and client secret" : allCredentialFields(platform).join(", ");
    throw new UserError("credentials-missing", `${PLATFORM_LABELS[platform]} needs ${sets}. Fill in the missing fields and save again.`);
  }

  if (Object.keys(entered).length > 0) {
    const status = await context.options.keychain.status();
    if (!status.available) throw new UserError("keychain-unavailable", status.message);
    for (const [field, value] of Object.entries(entered)) {
      await context.options.keychain.write(accountFor(storeId, field), value);
    }
  }

  for (const abandoned of storedFields.filter((field) => !fields.includes(field))) {
    await context.options.keychain.remove(accountFor(storeId, abandoned));
  }

  const store: StoredStore = { storeId, platform, storeUrl, credentialFields: fields };
  await context.settings.update((settings) => {
    settings.store = store;
    settings.connection = null;
    settings.dryRun = null;
    if (!sameStore) {
      settings.cutoff = null;
      settings.exportSummary = null;
      settings.goLive = null;
    }
  });
  log.info("connection saved", { platform, storeId, fields: fields.join(",") });
}

/** Tests the saved connection and records what it found. */
export async function testConnection(context: AppContext): Promise<ConnectionState> {
  const connector = await context.connector();
  const report = await connector.testConnection();
  const state: ConnectionState = { testedAtUtc: new Date(context.now()).toISOString(), report };
  await context.settings.update((settings) => (settings.connection = state));
  log.info("connection tested", { platform: report.platform, store: report.storeName, warnings: report.warnings.length });
  return state;
}
