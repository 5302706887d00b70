import { CartError } from "../cart-error.js";
import type { ConnectionReport } from "../connector.js";
import { createLogger } from "../../logging/logger.js";
import { isValidTimeZone } from "../../time/zoned-time.js";
import type { ShopifyGraphqlClient } from "./shopify-graphql-client.js";
import { ORDER_COUNT_QUERY, SHOP_QUERY } from "./shopify-queries.js";

const log = createLogger("shopify");

/** Number of days of orders that a token without read_all_orders can read. */
export const RECENT_ORDERS_DAYS = 60;

type ShopQueryData = {
  shop: { name: string; ianaTimezone: string; currencyCode: string };
  currentAppInstallation: { accessScopes: { handle: string }[] } | null;
};

type CountQueryData = { ordersCount: { count: number; precision: string } | null };

/** Returns the scope handles of an app installation, sorted. */
export function scopeHandlesOf(data: Pick<ShopQueryData, "currentAppInstallation">): string[] {
  return (data.currentAppInstallation?.accessScopes ?? []).map((scope) => scope.handle).sort();
}

/** True when the scopes allow reading orders; write_orders includes read access. */
export function canReadOrders(scopes: string[]): boolean {
  return scopes.includes("read_orders") || scopes.includes("write_orders");
}

/**
 * Returns the earliest visible creation instant for these scopes, or null
 * when every order is visible. NOTE: Shopify does not say whether its 60 days
 * end at this instant or at a day boundary.
 */
export function visibleSinceFor(scopes: string[], nowMs: number): string | null {
  if (scopes.includes("read_all_orders")) return null;
  return new Date(nowMs - RECENT_ORDERS_DAYS * 86_400_000).toISOString();
}

export function missingReadOrders(scopes: string[]): CartError {
  return new CartError(
    "permission-missing",
    "This Shopify app lacks the read_orders access scope, so no order can be read. Add read_orders (and read_all_orders for orders older than 60 days) to the app's access scopes, install the new version, and test the connection again.",
    `granted scopes: ${scopes.join(", ") || "none"}`,
  );
}

/**
 * Tests the connection: reads the shop's name, zone and currency and the
 * app's access scopes, then the order count. A missing read_orders scope is
 * an error; a missing read_all_orders scope is a warning with the date from
 * which orders are visible.
 */
export async function testShopifyConnection(
  client: ShopifyGraphqlClient,
  nowMs: number,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const { data } = await client.request<ShopQueryData>(SHOP_QUERY, {}, { signal, expectedCost: 2 });
  const scopes = scopeHandlesOf(data);
  if (!canReadOrders(scopes)) throw missingReadOrders(scopes);

  const warnings: string[] = [];
  const visibleSinceUtc = visibleSinceFor(scopes, nowMs);
  if (visibleSinceUtc) {
    warnings.push(
      `This app lacks the read_all_orders access scope, so Shopify shows only orders created in the last ${RECENT_ORDERS_DAYS} days (since ${visibleSinceUtc}). Older orders are left out without any error. Add read_all_orders to the app if the cut-over needs older orders.`,
    );
  }
  if (!isValidTimeZone(data.shop.ianaTimezone)) {
    warnings.push(
      `Shopify reports the time zone "${data.shop.ianaTimezone}", which this computer does not know, so local times may be shown wrongly. Times stored in UTC are not affected.`,
    );
  }

  const orderCount = await readOrderCount(client, warnings, signal);
  log.info("connection tested", { scopes: scopes.length, orderCount, limited: visibleSinceUtc !== null });
  return {
    platform: "shopify",
    storeName: data.shop.name,
    timeZone: data.shop.ianaTimezone,
    currency: data.shop.currencyCode,
    grantedScopes: scopes,
    warnings,
    orderCount,
    visibleSinceUtc,
  };
}

async function readOrderCount(
  client: ShopifyGraphqlClient,
  warnings: string[],
  signal?: AbortSignal,
): Promise<number | null> {
  try {
    const { data } = await client.request<CountQueryData>(ORDER_COUNT_QUERY, {}, { signal, expectedCost: 2 });
    if (!data.ordersCount) return null;
    if (data.ordersCount.precision === "AT_LEAST") {
      warnings.push(`The store has at least ${data.ordersCount.count} orders; Shopify counts no further.`);
    }
    return data.ordersCount.count;
  } catch (error) {
    // The count is informative only; a store that refuses it can still be read.
    if (!(error instanceof CartError) || error.kind !== "bad-response") throw error;
    log.warn("order count not available", { detail: error.detail });
    return null;
  }
}
