import type { CartConnector } from "../carts/connector.js";
import { createConnector } from "../carts/connector-factory.js";
import { OrderBook } from "../destinations/order-book.js";
import type { RetryPolicy } from "../http/retry-policy.js";
import { DEFAULT_ORDER_FILTER } from "../mapping/order-filter.js";
import type { MappingOptions } from "../mapping/map-order.js";
import { accountFor, type Keychain } from "../secrets/keychain.js";
import { SettingsStore } from "../settings/settings-store.js";
import { Ledger } from "../sync/ledger.js";
import { SyncService } from "../sync/sync-service.js";
import { ChosenDestination } from "./destination-choice.js";
import { UserError } from "./user-error.js";

export type AppOptions = {
  dataDir: string;
  keychain: Keychain;
  now?: () => number;
  retryPolicy?: RetryPolicy;
  /** Shorter scheduler ticks and overlap, for tests. */
  schedulerTickMs?: number;
  overlapMs?: number;
  pageSize?: number;
};

/** Everything the handlers share: the open stores and the services built on them. */
export type AppContext = {
  options: AppOptions;
  now: () => number;
  settings: SettingsStore;
  ledger: Ledger;
  orderBook: OrderBook;
  sync: SyncService;
  destination: ChosenDestination;
  connector(): Promise<CartConnector>;
  mappingOptions(): MappingOptions;
};

export async function openAppContext(options: AppOptions): Promise<AppContext> {
  const now = options.now ?? Date.now;
  const settings = await SettingsStore.open(options.dataDir);
  if (settings.current.demoOpenedAtMs === null) {
    await settings.update((current) => (current.demoOpenedAtMs = now()));
  }
  const ledger = new Ledger(options.dataDir);
  const orderBook = new OrderBook(options.dataDir, now);

  const connector = async () => {
    const store = settings.current.store;
    if (!store) throw new UserError("store-missing", "No cart is connected yet. Choose a platform and save the Connect step first.");
    return createConnector(store, {
      readCredential: (field) => options.keychain.read(accountFor(store.storeId, field)),
      demoOpenedAtMs: settings.current.demoOpenedAtMs ?? now(),
      retryPolicy: options.retryPolicy,
      now,
    });
  };

  let knownSkus: { list: string[]; set: ReadonlySet<string> } | null = null;
  const knownSkuSet = (list: string[] | null) => {
    if (!list) return null;
    if (knownSkus?.list !== list) knownSkus = { list, set: new Set(list) };
    return knownSkus.set;
  };

  const mappingOptions = (): MappingOptions => {
    const current = settings.current;
    return {
      knownSkus: knownSkuSet(current.mapping.knownSkus),
      storeId: current.store?.storeId ?? "none",
      documentKind: current.goLive?.documentKind ?? "sales-order",
      filter: current.goLive?.filter ?? DEFAULT_ORDER_FILTER,
      guestPolicy: current.mapping.guestPolicy,
      shopCurrency: current.connection?.report.currency ?? "EUR",
    };
  };

  const destination = new ChosenDestination(settings, orderBook, options.keychain, options.retryPolicy);
  const sync = new SyncService({
    settings,
    ledger,
    destination,
    connector,
    mapping: mappingOptions,
    now,
    overlapMs: options.overlapMs,
    pageSize: options.pageSize,
    schedulerTickMs: options.schedulerTickMs,
  });

  return { options, now, settings, ledger, orderBook, sync, destination, connector, mappingOptions };
}
