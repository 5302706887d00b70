import { CartError } from "../cart-error.js";
import type { ConnectionReport } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { isValidTimeZone } from "../../time/zoned-time.js";
import type { BigCommerceClient } from "./bigcommerce-client.js";
import type { BcOrder, BcStore } from "./bigcommerce-payload.js";

const log = createLogger("bigcommerce");

type ZoneReading = { timeZone: string; warning: string | null };

/**
 * Reads the store's zone. When BigCommerce's name for it is not an IANA
 * zone, a whole-hour raw_offset (seconds) maps to Etc/GMT, whose sign is
 * inverted by POSIX convention.
 */
export function zoneOfStore(store: BcStore): ZoneReading {
  const name = store.timezone?.name?.trim();
  if (name && isValidTimeZone(name)) return { timeZone: name, warning: null };
  const hours = (store.timezone?.raw_offset ?? 0) / 3600;
  if (hours === 0) return { timeZone: "UTC", warning: null };
  if (Number.isInteger(hours)) {
    return { timeZone: `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`, warning: null };
  }
  return {
    timeZone: "UTC",
    warning: `The store's time zone "${name ?? ""}" has no IANA name, so local times are shown in UTC.`,
  };
}

async function readStore(client: BigCommerceClient, warnings: string[], signal?: AbortSignal): Promise<BcStore | null> {
  try {
    return (await client.get<BcStore>("v2", "store", {}, signal)).body;
  } catch (error) {
    if (!(error instanceof CartError) || error.kind !== "permission-missing") throw error;
    warnings.push(
      "The API account may not read the store information, so the store name, time zone and currency come from the orders. Add read-only Information & Settings access to the account to see them.",
    );
    log.warn("store information not readable", { detail: error.detail });
    return null;
  }
}

/**
 * Runs the connection test: store information, then the order count, which
 * proves read access to orders. A missing Orders scope is an error, and a
 * missing Information & Settings scope only a warning.
 */
export async function testBigCommerceConnection(client: BigCommerceClient, signal?: AbortSignal): Promise<ConnectionReport> {
  const warnings: string[] = [];
  const store = await readStore(client, warnings, signal);
  const grantedScopes = store ? ["store_v2_information_read_only"] : [];

  let count: { count?: number } | null;
  try {
    count = (await client.get<{ count?: number }>("v2", "orders/count", {}, signal)).body;
  } catch (error) {
    if (error instanceof CartError && error.kind === "permission-missing" && !store) {
      throw new CartError(
        "permission-missing",
        "BigCommerce refused both the store information and the orders. The API path probably names another store, or the account has neither scope: copy the API path again, check the store hash in it, and give the account read-only Orders access.",
        error.detail,
      );
    }
    if (error instanceof CartError && error.kind === "permission-missing") {
      throw new CartError(
        "permission-missing",
        "The API account may not read orders. Edit it under Settings › Store-level API accounts and set Orders to read-only, then test again.",
        error.detail,
      );
    }
    throw error;
  }
  grantedScopes.push("store_v2_orders_read_only");

  let currency = store?.currency?.toUpperCase() ?? "";
  if (!currency) {
    const newest = await client.get<BcOrder[]>("v2", "orders", { sort: "id:desc", limit: "1" }, signal);
    currency = (newest.body?.[0]?.store_default_currency_code ?? newest.body?.[0]?.default_currency_code ?? "").toUpperCase();
  }
  const zone = store ? zoneOfStore(store) : { timeZone: "UTC", warning: null };
  if (zone.warning) warnings.push(zone.warning);

  log.info("connection tested", { storeHash: client.storeHash, orders: count?.count ?? null });
  return {
    platform: "bigcommerce",
    storeName: store?.name?.trim() || `BigCommerce store ${client.storeHash}`,
    timeZone: zone.timeZone,
    currency,
    grantedScopes,
    warnings,
    orderCount: typeof count?.count === "number" ? count.count : null,
    visibleSinceUtc: null,
  };
}
