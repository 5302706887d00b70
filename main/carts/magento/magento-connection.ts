import { CartError } from "../cart-error.js";
import type { ConnectionReport } from "../connector.js";
import { isValidTimeZone } from "../../time/zoned-time.js";
import type {
  MagentoCreditMemo,
  MagentoOrder,
  MagentoSearchResult,
  MagentoStoreConfig,
  MagentoStoreGroup,
  MagentoStoreView,
} from "./magento-api.js";
import type { MagentoClient } from "./magento-client.js";
import { searchCriteriaParams } from "./magento-search.js";

const ONE_ROW = searchCriteriaParams({
  filterGroups: [],
  sortOrders: [{ field: "entity_id", direction: "ASC" }],
  pageSize: 1,
  currentPage: 1,
});

/**
 * Runs a request whose rejection only limits the report. Returns null when
 * Magento rejects it for lack of an ACL resource or lacks the endpoint, and
 * rethrows every other failure.
 */
async function optional<T>(request: () => Promise<{ value: T }>): Promise<T | null> {
  try {
    return (await request()).value;
  } catch (error) {
    const isLimit =
      error instanceof CartError &&
      (error.kind === "permission-missing" || error.kind === "invalid-address");
    if (isLimit) return null;
    throw error;
  }
}

function storeNameOf(
  storeCode: string,
  views: MagentoStoreView[] | null,
  groups: MagentoStoreGroup[] | null,
  fallback: string,
): string {
  const view = views?.find((candidate) => candidate.code === storeCode) ?? views?.[0];
  const group = groups?.find((candidate) => String(candidate.id) === String(view?.store_group_id));
  return group?.name?.trim() || view?.name?.trim() || fallback;
}

/**
 * Tests the connection with the request the importer depends on, a one-row
 * order search, then reads the store's settings for the report. Settings
 * need the ACL resource Stores › Settings › All Stores. Without it the
 * report carries a warning and falls back to UTC and an order's currency.
 */
export async function testMagentoConnection(
  client: MagentoClient,
  storeCode: string,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const probe = await client.get<MagentoSearchResult<MagentoOrder>>("orders", ONE_ROW, signal);
  const warnings: string[] = [];
  const grantedScopes = ["Magento_Sales::actions_view"];

  const configs = await optional(() => client.get<MagentoStoreConfig[]>("store/storeConfigs", [], signal));
  const views = await optional(() => client.get<MagentoStoreView[]>("store/storeViews", [], signal));
  const groups = await optional(() => client.get<MagentoStoreGroup[]>("store/storeGroups", [], signal));
  const config = configs?.find((candidate) => candidate.code === storeCode) ?? configs?.[0] ?? null;
  if (config) grantedScopes.push("Magento_Backend::store");

  let timeZone = config?.timezone?.trim() ?? "";
  if (!config) {
    warnings.push(
      "The integration cannot read the store settings, so the store's time zone is unknown and UTC is shown. Orders are still read correctly, because Magento dates are in UTC. To show local times, allow Stores › Settings › All Stores in System › Extensions › Integrations.",
    );
    timeZone = "UTC";
  } else if (!isValidTimeZone(timeZone)) {
    warnings.push(
      `The store's time zone "${timeZone}" is not a known IANA zone, so UTC is shown. Orders are still read correctly, because Magento dates are in UTC.`,
    );
    timeZone = "UTC";
  }

  const sampleCurrency = probe.value.items?.[0]?.base_currency_code ?? "";
  const currency = (config?.base_currency_code || sampleCurrency).toUpperCase();
  if (!currency) {
    warnings.push(
      "The store's base currency could not be read because the integration cannot read the store settings and the store has no orders yet. Allow Stores › Settings › All Stores for the integration.",
    );
  }

  const memos = await optional(() =>
    client.get<MagentoSearchResult<MagentoCreditMemo>>("creditmemos", ONE_ROW, signal),
  );
  if (memos) {
    grantedScopes.push("Magento_Sales::sales_creditmemo");
  } else {
    warnings.push(
      "The integration cannot read credit memos, so refunds are imported with the date of the order's last change instead of their own. Allow Sales › Operations › Credit Memos for the integration to fix this.",
    );
  }

  return {
    platform: "magento",
    storeName: storeNameOf(storeCode, views, groups, client.storeUrl.host),
    timeZone,
    currency,
    grantedScopes,
    warnings,
    orderCount: Number(probe.value.total_count ?? 0),
    visibleSinceUtc: null,
  };
}
