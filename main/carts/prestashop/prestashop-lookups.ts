import { CartError } from "../cart-error.js";
import type { Logger } from "../../logging/logger.js";
import type { PrestaShopOrderState, PrestaShopValue } from "./prestashop-api.js";
import type { PrestaShopClient } from "./prestashop-client.js";
import { ResourceNotAllowedError } from "./prestashop-errors.js";

/** Ids per request in a filter[id]=[1|2|…] lookup, which keeps addresses short. */
const IDS_PER_REQUEST = 50;

type Identified = { id: PrestaShopValue };

export type ShopSettings = {
  shopName: string | null;
  timeZone: string | null;
  defaultCurrencyId: string | null;
  cancelledStateId: string | null;
  refundedStateId: string | null;
};

const SETTING_NAMES = [
  "PS_SHOP_NAME",
  "PS_TIMEZONE",
  "PS_CURRENCY_DEFAULT",
  "PS_OS_CANCELED",
  "PS_OS_REFUND",
];

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** True when the key may not read this one resource; a turned-off webservice is not such a case. */
function isNotAllowed(error: unknown, resource: string): error is ResourceNotAllowedError {
  return error instanceof ResourceNotAllowedError && error.resource === resource;
}

/**
 * Reference data of one run. Settings, currencies and order states are read
 * once. Customers, addresses and the like are read in batches by id and
 * cached, so each id is requested once per run unless a request fails. A
 * lookup the key may not use is fatal, or skipped with a warning when it is
 * optional.
 */
export class PrestaShopLookups {
  private spentAttempts = 0;
  private settingsRead: Promise<ShopSettings> | null = null;
  private currenciesRead: Promise<Map<string, string>> | null = null;
  private statesRead: Promise<Map<string, PrestaShopOrderState>> | null = null;
  private readonly byId = new Map<string, Map<string, unknown>>();
  private readonly unavailable = new Set<string>();

  constructor(
    private readonly client: PrestaShopClient,
    private readonly log: Logger,
    private readonly signal?: AbortSignal,
  ) {}

  /** Returns the requests spent since the last call and starts counting again. */
  takeAttempts(): number {
    const attempts = this.spentAttempts;
    this.spentAttempts = 0;
    return attempts;
  }

  private async list<T>(resource: string, params: [string, string][]): Promise<T[]> {
    const { rows, attempts } = await this.client.list<T>(resource, params, this.signal);
    this.spentAttempts += attempts;
    return rows;
  }

  settings(): Promise<ShopSettings> {
    this.settingsRead ??= this.list<{ name?: string; value?: string | null }>("configurations", [
      ["display", "[name,value]"],
      ["filter[name]", `[${SETTING_NAMES.join("|")}]`],
    ]).then((rows) => {
      const value = (name: string) =>
        rows.find((row) => row.name === name && row.value)?.value?.trim() || null;
      return {
        shopName: value("PS_SHOP_NAME"),
        timeZone: value("PS_TIMEZONE"),
        defaultCurrencyId: value("PS_CURRENCY_DEFAULT"),
        cancelledStateId: value("PS_OS_CANCELED"),
        refundedStateId: value("PS_OS_REFUND"),
      };
    });
    return this.settingsRead;
  }

  /** ISO codes by currency id; the table is small, so it is read whole. */
  currencies(): Promise<Map<string, string>> {
    this.currenciesRead ??= this.list<{ id: PrestaShopValue; iso_code?: string }>("currencies", [
      ["display", "[id,iso_code]"],
    ]).then((rows) => new Map(rows.map((row) => [String(row.id), (row.iso_code ?? "").toUpperCase()])));
    return this.currenciesRead;
  }

  /** Order states by id; their ids differ per shop, so flags and names are read, never assumed. */
  orderStates(): Promise<Map<string, PrestaShopOrderState>> {
    this.statesRead ??= this.list<PrestaShopOrderState>("order_states", [["display", "full"]]).then(
      (rows) => new Map(rows.map((row) => [String(row.id), row])),
    );
    return this.statesRead;
  }

  /**
   * Reads records by id, each id once per run; an id the shop no longer has
   * maps to null. An optional resource the key lacks gives an empty map.
   */
  async records<T extends Identified>(
    resource: string,
    ids: (string | null)[],
    display: string,
    optional: boolean,
  ): Promise<Map<string, T | null>> {
    const cache = this.byId.get(resource) ?? new Map<string, unknown>();
    this.byId.set(resource, cache);
    const known = ids.filter((id): id is string => id !== null);
    const missing = [...new Set(known)].filter((id) => !cache.has(id));

    if (missing.length > 0 && !this.unavailable.has(resource)) {
      try {
        for (const batch of chunks(missing, IDS_PER_REQUEST)) {
          const rows = await this.list<T>(resource, [
            ["display", display],
            ["filter[id]", `[${batch.join("|")}]`],
          ]);
          for (const row of rows) cache.set(String(row.id), row);
          for (const id of batch) if (!cache.has(id)) cache.set(id, null);
        }
      } catch (error) {
        if (!optional || !isNotAllowed(error, resource)) throw error;
        this.markUnavailable(resource, error);
      }
    }
    return cache as Map<string, T | null>;
  }

  /** Reads the records of a page's orders, grouped by order id; never cached, as they change. */
  async perOrder<T extends { id_order: PrestaShopValue }>(
    resource: string,
    orderIds: string[],
  ): Promise<Map<string, T[]>> {
    const grouped = new Map<string, T[]>();
    if (orderIds.length === 0 || this.unavailable.has(resource)) return grouped;
    try {
      for (const batch of chunks(orderIds, IDS_PER_REQUEST)) {
        const rows = await this.list<T>(resource, [
          ["display", "full"],
          ["filter[id_order]", `[${batch.join("|")}]`],
          ["sort", "[id_ASC]"],
        ]);
        for (const row of rows) {
          const orderId = String(row.id_order);
          grouped.set(orderId, [...(grouped.get(orderId) ?? []), row]);
        }
      }
    } catch (error) {
      if (!isNotAllowed(error, resource)) throw error;
      this.markUnavailable(resource, error);
      return new Map();
    }
    return grouped;
  }

  private markUnavailable(resource: string, error: CartError): void {
    this.unavailable.add(resource);
    this.log.warn("webservice key may not read an optional resource; continuing without it", {
      resource,
      detail: error.detail,
    });
  }
}
