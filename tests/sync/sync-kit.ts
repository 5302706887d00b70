import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CartConnector } from "../../main/carts/connector.js";
import type { Destination } from "../../main/destinations/destination.js";
import { OrderBook } from "../../main/destinations/order-book.js";
import { FAST_RETRY_POLICY, type RetryPolicy } from "../../main/http/retry-policy.js";
import type { MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { Ledger } from "../../main/sync/ledger.js";
import { retryFailedOrder } from "../../main/sync/retry-order.js";
import type { SyncRunSummary } from "../../main/sync/run-tally.js";
import { runSync, type SyncRunContext } from "../../main/sync/sync-engine.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";

/** Short waits and a short attempt timeout, so that stalls and retries cost milliseconds. */
export const SUITE_RETRY_POLICY: RetryPolicy = { ...FAST_RETRY_POLICY, attemptTimeoutMs: 600, maxFailureAttempts: 4 };

export const SUITE_STORE_ID = "suite-store";

/**
 * A Shopify cost bucket too large to make the connector wait, for suites
 * about the sync rather than about pacing. Each query still stays within
 * Shopify's single-query limit, which the connector applies itself.
 */
export const ROOMY_SHOPIFY_BUCKET = { maximumAvailable: 1_000_000, restoreRate: 1_000_000 };

export const SUITE_MAPPING: MappingOptions = {
  storeId: SUITE_STORE_ID,
  documentKind: "sales-order",
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer",
  shopCurrency: "EUR",
};

/** A clock a test moves by hand; the sync reads windows from it. */
export type ManualClock = { now: () => number; set(atUtc: string): void; advance(ms: number): void };

export function manualClock(startUtc: string): ManualClock {
  let nowMs = Date.parse(startUtc);
  return {
    now: () => nowMs,
    set: (atUtc) => void (nowMs = Date.parse(atUtc)),
    advance: (ms) => void (nowMs += ms),
  };
}

/** A data folder with a ledger and an order book, reopened from disk as after a restart. */
export type SyncSetup = {
  dataDir: string;
  ledger: Ledger;
  orderBook: OrderBook;
  clock: ManualClock;
  run(overrides?: Partial<SyncRunContext>): Promise<SyncRunSummary>;
  retry(cartOrderId: string, overrides?: Partial<SyncRunContext>): Promise<SyncRunSummary>;
  /** Closes the files and opens them again, as a restarted app would. */
  reopen(): void;
  close(): Promise<void>;
};

export type SyncSetupOptions = {
  connector: () => CartConnector;
  importFromUtc: string;
  clock: ManualClock;
  pageSize?: number;
  overlapMs?: number;
  destination?: Destination;
};

export async function openSyncSetup(options: SyncSetupOptions): Promise<SyncSetup> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-sync-"));
  let ledger = new Ledger(dataDir);
  let orderBook = new OrderBook(dataDir, options.clock.now);
  const contextOf = (overrides: Partial<SyncRunContext>): SyncRunContext => ({
    connector: options.connector(),
    destination: options.destination ?? orderBook,
    ledger,
    mapping: SUITE_MAPPING,
    importFromUtc: options.importFromUtc,
    pageSize: options.pageSize ?? 10,
    overlapMs: options.overlapMs ?? 15 * 60_000,
    now: options.clock.now,
    ...overrides,
  });
  const setup: SyncSetup = {
    dataDir,
    get ledger() {
      return ledger;
    },
    get orderBook() {
      return orderBook;
    },
    clock: options.clock,
    run: (overrides = {}) => runSync(contextOf(overrides), "manual"),
    retry: (cartOrderId, overrides = {}) => retryFailedOrder(contextOf(overrides), cartOrderId),
    reopen() {
      ledger.close();
      orderBook.close();
      ledger = new Ledger(dataDir);
      orderBook = new OrderBook(dataDir, options.clock.now);
    },
    async close() {
      ledger.close();
      orderBook.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return setup;
}

/** Returns true when the default filter imports the order in its current state in the store. */
export function qualifies(seed: SeedOrder): boolean {
  return (
    seed.status !== "draft" &&
    seed.status !== "cancelled" &&
    seed.cancelledAtUtc === null &&
    !seed.isTest &&
    seed.fulfillment !== "fulfilled"
  );
}

/** The ids of orders the sync must import: qualifying and created in [fromUtc, toUtc). */
export function expectedIds(seeds: readonly SeedOrder[], fromUtc: string, toUtc: string): string[] {
  const fromMs = Date.parse(fromUtc);
  const toMs = Date.parse(toUtc);
  return seeds
    .filter((seed) => qualifies(seed) && Date.parse(seed.createdAtUtc) >= fromMs && Date.parse(seed.createdAtUtc) < toMs)
    .map((seed) => seed.id)
    .sort(byNumber);
}

export function byNumber(left: string, right: string): number {
  return Number(left) - Number(right);
}

/** Returns the cart order ids of the documents, sorted, with any duplicate kept so that a test catches it. */
export function documentIds(documents: readonly { cartOrderId: string }[]): string[] {
  return documents.map((document) => document.cartOrderId).sort(byNumber);
}

/** Orders created one every stepMs from startUtc, with consecutive ids. */
export function seeds(count: number, firstId: number, startUtc: string, stepMs = 60_000): SeedOrder[] {
  return generateSeedOrders({ count, firstId, startUtc, stepMs, seed: firstId });
}

/** Returns the seed with a total that its lines cannot explain, which the mapping sets aside. */
export function withBrokenTotal(seed: SeedOrder): SeedOrder {
  return { ...seed, total: "9999.99", presentmentTotal: "9999.99" };
}
