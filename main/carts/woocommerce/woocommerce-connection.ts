import { CartError } from "../cart-error.js";
import type { ConnectionReport } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { isValidTimeZone, offsetMsAt } from "../../time/zoned-time.js";
import { readHeader, type WooCommerceClient } from "./woocommerce-client.js";
import { gmtToUtcIso } from "./woocommerce-normalize.js";
import type { WooOrder, WordPressIndex } from "./woocommerce-payload.js";
import { ALL_STATUSES } from "./woocommerce-window.js";

const log = createLogger("woocommerce");

type ZoneReading = {
  timeZone: string;
  warning: string | null;
  /** The site's fixed offset where timeZone cannot express it, such as UTC+5:30, or null. */
  fixedOffsetMs: number | null;
};

/**
 * Reads the site's zone from the WordPress index. A site set to a fixed
 * offset has no IANA name, so whole hours map to the Etc/GMT zones. Their
 * sign is inverted by POSIX convention (UTC+2 is Etc/GMT-2).
 */
export function zoneOfIndex(index: WordPressIndex): ZoneReading {
  const name = index.timezone_string?.trim();
  const named = (timeZone: string): ZoneReading => ({ timeZone, warning: null, fixedOffsetMs: null });
  if (name && isValidTimeZone(name)) return named(name);

  const hours = Number(index.gmt_offset ?? 0);
  if (!Number.isFinite(hours) || hours === 0) return named("UTC");
  if (Number.isInteger(hours)) return named(`Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`);
  return {
    timeZone: "UTC",
    fixedOffsetMs: hours * 3_600_000,
    warning: `The site is set to a fixed offset of UTC${hours > 0 ? "+" : ""}${hours}, which has no time zone name; local times are shown in UTC. Choose a city as the time zone under Settings › General in WordPress to see local times.`,
  };
}

/**
 * Compares the site's zone with the offset of its newest order. They differ
 * when the zone setting changed after the order. Filters on local dates
 * would then skip orders, which is why this connector filters on GMT dates.
 */
function zoneMismatchWarning(order: WooOrder | undefined, zone: ZoneReading): string | null {
  const stored = storedOffsetOf(order);
  if (!stored) return null;
  const siteOffsetMs = zone.fixedOffsetMs ?? offsetMsAt(stored.createdMs, zone.timeZone);
  if (stored.offsetMs === siteOffsetMs) return null;
  const hours = stored.offsetMs / 3_600_000;
  return `The newest order was stored at UTC${hours >= 0 ? "+" : ""}${hours}, which does not match the site's time zone ${zone.timeZone}. The time zone setting may have changed; Cart Cutover compares UTC times, so no order is skipped, but check the zone under Settings › General in WordPress.`;
}

type StoredOffset = { createdMs: number; offsetMs: number };

/** Reads an order's creation instant and how far its site time is from GMT, or null when a date is missing. */
function storedOffsetOf(order: WooOrder | undefined): StoredOffset | null {
  const gmt = gmtToUtcIso(order?.date_created_gmt);
  if (!order || !gmt) return null;
  const localAsUtcMs = Date.parse(`${order.date_created}Z`);
  if (Number.isNaN(localAsUtcMs)) return null;
  const createdMs = Date.parse(gmt);
  return { createdMs, offsetMs: localAsUtcMs - createdMs };
}

/**
 * Checks that the store compares date filters with GMT when asked to. A
 * store from before dates_are_gmt ignores the parameter and compares with
 * site time, which would cut the last hours off every window east of UTC
 * and the first hours west of it. The check requests the sample order with
 * a one-second GMT window around its creation. A store that reads the
 * window as site time leaves the order out.
 * NOTE: a sample stored at offset zero, such as in a winter on UTC+0,
 * cannot tell the two apart, so the check passes then.
 */
async function checkGmtDateFilter(
  client: WooCommerceClient,
  sample: WooOrder | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const stored = storedOffsetOf(sample);
  if (!sample || !stored || stored.offsetMs === 0) return;
  const answer = await client.get<WooOrder[]>(
    "/wc/v3/orders",
    {
      include: String(sample.id),
      after: new Date(stored.createdMs - 1000).toISOString().slice(0, 19),
      before: new Date(stored.createdMs + 1000).toISOString().slice(0, 19),
      dates_are_gmt: "true",
      status: ALL_STATUSES,
      per_page: "1",
    },
    signal,
  );
  const orders = Array.isArray(answer.body) ? answer.body : [];
  if (orders.some((order) => order.id === sample.id)) return;
  throw new CartError(
    "bad-response",
    "This WooCommerce version ignores the dates_are_gmt parameter and compares date filters with the site's local time, so a listing would miss the orders at one end of every window. Update WooCommerce, then test again.",
    `order ${sample.id} not returned for a GMT window around its date_created_gmt`,
  );
}

async function readShopCurrency(
  client: WooCommerceClient,
  sample: WooOrder | undefined,
  warnings: string[],
  signal?: AbortSignal,
): Promise<string> {
  try {
    const answer = await client.get<{ code?: string }>("/wc/v3/data/currencies/current", {}, signal);
    if (answer.body.code) return answer.body.code.toUpperCase();
  } catch (error) {
    if (!(error instanceof CartError) || error.kind === "cancelled") throw error;
    log.warn("shop currency not readable", { detail: error.detail });
  }
  if (sample) {
    warnings.push(
      `The shop currency could not be read with this key, so the currency of the newest order (${sample.currency}) is shown.`,
    );
    return sample.currency.toUpperCase();
  }
  warnings.push("The shop currency could not be read with this key and the store has no orders yet.");
  return "";
}

/**
 * Runs the connection test: the public WordPress index for name and zone,
 * then one authenticated order read. That read is the cheapest call that
 * proves the keys may read orders, because the /wc/v3 index responds
 * without credentials.
 */
export async function testWooCommerceConnection(
  client: WooCommerceClient,
  nowMs: number,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const index = (await client.getPublic<WordPressIndex>("/", signal)).body;
  if (Array.isArray(index.namespaces) && !index.namespaces.includes("wc/v3")) {
    throw new CartError(
      "invalid-address",
      "This WordPress site does not offer the WooCommerce REST API (wc/v3). Check that WooCommerce is installed and active, then test again.",
      `namespaces: ${index.namespaces.join(", ")}`,
    );
  }

  const orders = await client.get<WooOrder[]>(
    "/wc/v3/orders",
    { per_page: "1", status: ALL_STATUSES },
    signal,
  );
  const sample = Array.isArray(orders.body) ? orders.body[0] : undefined;
  const total = Number(readHeader(orders.headers, "x-wp-total") ?? Number.NaN);
  await checkGmtDateFilter(client, sample, signal);

  const warnings: string[] = [];
  if (client.authMode === "query-parameters") {
    warnings.push(
      "The store ignored the keys in the Authorization header, as it does when a proxy hides that the connection is HTTPS. Cart Cutover sends the keys as query parameters instead, which works, but ask the host to pass the HTTPS flag on to WordPress.",
    );
  }
  const zone = zoneOfIndex(index);
  if (zone.warning) warnings.push(zone.warning);
  const mismatch = zoneMismatchWarning(sample, zone);
  if (mismatch) warnings.push(mismatch);
  const currency = await readShopCurrency(client, sample, warnings, signal);

  log.info("connection tested", {
    store: client.routeUrl("/").host,
    orders: total,
    authMode: client.authMode,
    zoneOffsetMinutes: offsetMsAt(nowMs, zone.timeZone) / 60_000,
  });
  return {
    platform: "woocommerce",
    storeName: index.name?.trim() || client.routeUrl("/").host,
    timeZone: zone.timeZone,
    currency,
    grantedScopes: ["read"],
    warnings,
    orderCount: Number.isFinite(total) ? total : null,
    visibleSinceUtc: null,
  };
}
