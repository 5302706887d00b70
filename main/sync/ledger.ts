import { join } from "node:path";
import type { ChangedOrder, FailedOrder } from "../../preload/contract.js";
import { Journal } from "./journal.js";

export type OrderWindow = { fromUtc: string; toUtc: string };

/** The kind of change the cart made to an order after it was imported. */
export type OrderChange = ChangedOrder["change"];

/**
 * One line of the ledger. Orders are keyed by their document's sourceKey
 * (platform, store and cart order id), so two stores with overlapping order
 * ids never shadow each other.
 */
export type LedgerRecord =
  | {
      type: "imported";
      sourceKey: string;
      cartOrderId: string;
      orderNumber: string;
      documentId: string;
      createdAtUtc: string;
      updatedAtUtc: string;
      cancelled: boolean;
      runId: string;
      atUtc: string;
    }
  | {
      type: "failed";
      sourceKey: string;
      cartOrderId: string;
      orderNumber: string;
      createdAtUtc: string;
      reason: string;
      runId: string;
      atUtc: string;
    }
  /**
   * Documents about to be delivered. Until an "imported" or "failed" record
   * settles one, it is in doubt, because the destination may or may not have
   * it. The next run then delivers it again, whatever its state in the cart.
   */
  | { type: "delivering"; runId: string; sourceKeys: string[]; atUtc: string }
  /** A set-aside order that a retry found excluded by the filter, so it no longer waits for a retry. */
  | { type: "failure-resolved"; sourceKey: string; cartOrderId: string; outcome: string; atUtc: string }
  | {
      type: "changed";
      sourceKey: string;
      cartOrderId: string;
      orderNumber: string;
      change: OrderChange;
      updatedAtUtc: string;
      atUtc: string;
    }
  | { type: "checkpoint"; runId: string; window: OrderWindow; cursor: string | null; pageSize: number; atUtc: string }
  | { type: "window-done"; runId: string; window: OrderWindow; atUtc: string }
  /** Imported orders were checked for changes made in this modification window. */
  | { type: "changes-checked"; runId: string; window: OrderWindow; atUtc: string }
  /**
   * Orders written to the pre-cut-off export: the old system has them, so the
   * sync never imports them. Without storeId the ids count for every store.
   */
  | { type: "exported"; cartOrderIds: string[]; cutoffUtc: string; storeId?: string; atUtc: string }
  /** Last Order from set by the user, when Import Orders from is saved. */
  | { type: "mark"; markUtc: string; atUtc: string };

export type ImportedOrder = Extract<LedgerRecord, { type: "imported" }>;

export type OpenCheckpoint = { runId: string; window: OrderWindow; cursor: string | null; pageSize: number };

const ORDER_RECORD_TYPES = new Set<LedgerRecord["type"]>(["imported", "failed", "failure-resolved", "changed"]);

type StoredFailure = FailedOrder & { sourceKey: string; runId: string };
type StoredChange = ChangedOrder & { sourceKey: string; updatedAtUtc: string };

function laterOf(current: string | null, candidate: string): string {
  return current === null || Date.parse(candidate) > Date.parse(current) ? candidate : current;
}

/**
 * The sync's durable memory: which orders were imported, which failed, where
 * the last committed page ended, and the Last Order from mark. Every change
 * is one synced append, so a kill -9 at any instant keeps all that was
 * reported, and the cost of recording an order does not depend on how many
 * came before.
 */
export class Ledger {
  private readonly journal: Journal<LedgerRecord>;
  private readonly imported = new Map<string, ImportedOrder>();
  private readonly failed = new Map<string, StoredFailure>();
  private readonly changed = new Map<string, StoredChange>();
  private readonly inDoubt = new Set<string>();
  /** Cut-off per exported order, keyed "storeId:cartOrderId", or the bare id for records without a store. */
  private readonly exported = new Map<string, string>();
  private markUtc: string | null = null;
  private changesUntilUtc: string | null = null;
  private checkpoint: OpenCheckpoint | null = null;

  constructor(dataDir: string) {
    this.journal = Journal.open<LedgerRecord>(join(dataDir, "sync-ledger.jsonl"));
    for (const record of this.journal.records) this.apply(record);
  }

  private apply(record: LedgerRecord): void {
    // Order records written before orders were keyed by sourceKey lack it.
    // They are skipped, so their orders are delivered again once, and the
    // order book, which has always keyed by sourceKey, returns the existing
    // document.
    if (ORDER_RECORD_TYPES.has(record.type) && !(record as { sourceKey?: unknown }).sourceKey) return;
    switch (record.type) {
      case "imported":
        this.imported.set(record.sourceKey, record);
        this.failed.delete(record.sourceKey);
        this.inDoubt.delete(record.sourceKey);
        break;
      case "delivering":
        for (const sourceKey of record.sourceKeys) {
          if (!this.imported.has(sourceKey)) this.inDoubt.add(sourceKey);
        }
        break;
      case "failed":
        this.inDoubt.delete(record.sourceKey);
        if (!this.imported.has(record.sourceKey)) {
          this.failed.set(record.sourceKey, {
            sourceKey: record.sourceKey,
            cartOrderId: record.cartOrderId,
            orderNumber: record.orderNumber,
            createdAtUtc: record.createdAtUtc,
            reason: record.reason,
            failedAtUtc: record.atUtc,
            runId: record.runId,
          });
        }
        break;
      case "failure-resolved":
        this.failed.delete(record.sourceKey);
        break;
      case "changed":
        this.changed.set(record.sourceKey, {
          sourceKey: record.sourceKey,
          cartOrderId: record.cartOrderId,
          orderNumber: record.orderNumber,
          change: record.change,
          detectedAtUtc: record.atUtc,
          updatedAtUtc: record.updatedAtUtc,
        });
        break;
      case "checkpoint":
        this.checkpoint = { runId: record.runId, window: record.window, cursor: record.cursor, pageSize: record.pageSize };
        break;
      case "window-done":
        this.checkpoint = null;
        this.markUtc = laterOf(this.markUtc, record.window.toUtc);
        break;
      case "changes-checked":
        this.changesUntilUtc = laterOf(this.changesUntilUtc, record.window.toUtc);
        break;
      case "exported":
        for (const cartOrderId of record.cartOrderIds) {
          this.exported.set(record.storeId ? `${record.storeId}:${cartOrderId}` : cartOrderId, record.cutoffUtc);
        }
        break;
      case "mark":
        this.markUtc = record.markUtc;
        this.changesUntilUtc = null;
        this.checkpoint = null;
        break;
    }
  }

  /** Appends records in one synced write and applies them once they are on disk. */
  commit(records: LedgerRecord[]): void {
    this.journal.append(records);
    for (const record of records) this.apply(record);
  }

  importedOrder(sourceKey: string): ImportedOrder | undefined {
    return this.imported.get(sourceKey);
  }

  /** True when a delivery of this document started and its outcome was never recorded. */
  isInDoubt(sourceKey: string): boolean {
    return this.inDoubt.has(sourceKey);
  }

  /** Returns the cut-off of the export that contains this order of the store, if any. */
  exportedFor(cartOrderId: string, storeId?: string): string | undefined {
    return (storeId ? this.exported.get(`${storeId}:${cartOrderId}`) : undefined) ?? this.exported.get(cartOrderId);
  }

  /** Returns the cut-offs that a store's exports, and exports recorded without a store, were made for. */
  exportCutoffsOf(storeId: string): string[] {
    const cutoffs = new Set<string>();
    for (const [key, cutoffUtc] of this.exported) {
      if (key.startsWith(`${storeId}:`) || !key.includes(":")) cutoffs.add(cutoffUtc);
    }
    return [...cutoffs];
  }

  get exportedCount(): number {
    return this.exported.size;
  }

  get importedCount(): number {
    return this.imported.size;
  }

  importedOrders(): IterableIterator<ImportedOrder> {
    return this.imported.values();
  }

  failedOrders(): FailedOrder[] {
    return [...this.failed.values()].map(({ sourceKey: _sourceKey, runId: _runId, ...failure }) => failure);
  }

  /** Returns the set-aside order of this sourceKey, with the id of the run that set it aside. */
  failedOrder(sourceKey: string): (FailedOrder & { runId: string }) | undefined {
    return this.failed.get(sourceKey);
  }

  /** Finds a set-aside order by its cart order id, as the monitor's retry button names it. */
  failedOrderById(cartOrderId: string): (FailedOrder & { sourceKey: string }) | undefined {
    for (const failure of this.failed.values()) {
      if (failure.cartOrderId === cartOrderId) return failure;
    }
    return undefined;
  }

  changedOrders(): ChangedOrder[] {
    return [...this.changed.values()].map(({ sourceKey: _sourceKey, updatedAtUtc: _updatedAtUtc, ...change }) => change);
  }

  /** Returns the cart's update instant of the last change flagged for this order. */
  lastChangeSeen(sourceKey: string): string | undefined {
    return this.changed.get(sourceKey)?.updatedAtUtc;
  }

  /** Last Order from: where the next run's window starts, before the overlap. */
  get lastOrderFromUtc(): string | null {
    return this.markUtc;
  }

  /** End of the last modification window checked for changes, or null before the first check. */
  get changesCheckedUntilUtc(): string | null {
    return this.changesUntilUtc;
  }

  /** The window a run was paging through when it stopped, if it did not finish. */
  get openCheckpoint(): OpenCheckpoint | null {
    return this.checkpoint;
  }

  /** Bytes in the ledger file, for benchmarks and support. */
  get sizeBytes(): number {
    return this.journal.size;
  }

  close(): void {
    this.journal.close();
  }
}
