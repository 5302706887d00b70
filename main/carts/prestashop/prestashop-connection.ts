import { CartError } from "../cart-error.js";
import type { ConnectionReport } from "../connector.js";
import type { Logger } from "../../logging/logger.js";
import type { PrestaShopClient } from "./prestashop-client.js";
import { shopTimeZone } from "./prestashop-listing.js";
import { PrestaShopLookups } from "./prestashop-lookups.js";

/** Resources a run reads; without the first ones orders cannot be read correctly. */
export const REQUIRED_RESOURCES = [
  "orders",
  "customers",
  "addresses",
  "countries",
  "currencies",
  "order_states",
  "configurations",
];
const OPTIONAL_RESOURCES: Record<string, string> = {
  order_details: "line taxes are computed from unit prices",
  order_slip: "refunds are not imported",
  order_histories: "cancellation times fall back to the order's last change",
  order_cart_rules: "discounts are imported without their names",
  carriers: "shipping lines are named \"Shipping\"",
  states: "addresses are imported without their region",
};

/**
 * Reads the resource names the key may GET from the index. The JSON form of
 * the index is {"api":{"orders":{"get":"true",…},…}}.
 * NOTE: that shape is inferred from the XML index, where each resource is
 * an element with get="true" attributes; it is not confirmed on a live shop.
 */
function readableResources(index: unknown): Set<string> {
  const root = (index as { api?: unknown } | null)?.api ?? index;
  const names = new Set<string>();
  if (!root || typeof root !== "object") return names;
  for (const [name, value] of Object.entries(root)) {
    if (!value || typeof value !== "object") continue;
    const get = (value as { get?: unknown }).get;
    if (get === undefined || get === true || get === "true") names.add(name);
  }
  return names;
}

/**
 * Tests the key against the webservice index, then reads the shop's name,
 * time zone and default currency from its configuration.
 */
export async function testPrestaShopConnection(
  client: PrestaShopClient,
  configuredZone: string | null,
  log: Logger,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const index = (await client.index(signal)).value;

  const readable = readableResources(index);
  if (!readable.has("orders")) {
    throw new CartError(
      "permission-missing",
      "The PrestaShop webservice key may not read orders. In Advanced Parameters › Webservice, edit the key, tick View (GET) for orders, save, and test again.",
      `index lists ${[...readable].join(", ") || "no resources"}`,
    );
  }
  const missingRequired = REQUIRED_RESOURCES.filter((name) => !readable.has(name));
  if (missingRequired.length > 0) {
    throw new CartError(
      "permission-missing",
      `The PrestaShop webservice key may not read ${missingRequired.join(", ")}, which the import needs. In Advanced Parameters › Webservice, edit the key, tick View (GET) for them, save, and test again.`,
      `missing GET on ${missingRequired.join(", ")}`,
    );
  }

  const warnings: string[] = [];
  if (client.usesQueryKey) {
    warnings.push(
      "The shop's web server removes the Authorization header, so the key is sent in the address (ws_key) instead, where server logs can record it. To fix this, add \"CGIPassAuth On\" to the shop's .htaccess file or ask the host to pass the header on.",
    );
  }
  for (const [name, effect] of Object.entries(OPTIONAL_RESOURCES)) {
    if (readable.has(name)) continue;
    warnings.push(`The key may not read ${name}, so ${effect}. Tick View (GET) for ${name} to fix this.`);
  }

  const lookups = new PrestaShopLookups(client, log, signal);
  const timeZone = await shopTimeZone(lookups, configuredZone);
  const settings = await lookups.settings();
  const currencies = await lookups.currencies();
  const currency = currencies.get(settings.defaultCurrencyId ?? "") ?? "";
  if (!currency) warnings.push("The shop's default currency could not be read from PS_CURRENCY_DEFAULT.");

  return {
    platform: "prestashop",
    storeName: settings.shopName ?? client.storeUrl.host,
    timeZone,
    currency,
    grantedScopes: [...readable].sort(),
    warnings,
    // PrestaShop's webservice has no order count.
    orderCount: null,
    visibleSinceUtc: null,
  };
}
