import { join } from "node:path";
import type { ChangedOrder, FailedOrder } from "../../preload/contract.js";
import { Journal } from "./journal.js";

export type OrderWindow = { fromUtc: string; toUtc: string };

export type LedgerRecord =
  | {
      type: "imported";
      cartOrderId: string;
      orderNumber: string;
      documentId: string;
      createdAtUtc: string;
      updatedAtUtc: string;
      cancelled: boolean;
      runId: string;
      atUtc: string;
    }
  | { type: "failed"; cartOrderId: string; orderNumber: string; createdAtUtc: string; reason: string; runId: string; atUtc: string }
  | { type: "changed"; cartOrderId: string; orderNumber: string; change: "cancelled" | "edited"; updatedAtUtc: string; atUtc: string }
  | { type: "checkpoint"; runId: string; window: OrderWindow; cursor: string | null; pageSize: number; atUtc: string }
  | { type: "window-done"; runId: string; window: OrderWindow; atUtc: string }
  /** Orders written to the pre-cut-off export: the old system has them, so the sync never imports them. */
  | { type: "exported"; cartOrderIds: string[]; cutoffUtc: string; atUtc: string }
  /** Last Order from set by the user, when Import Orders from is saved. */
  | { type: "mark"; markUtc: string; atUtc: string };

export type ImportedOrder = Extract<LedgerRecord, { type: "imported" }>;

export type OpenCheckpoint = { runId: string; window: OrderWindow; cursor: string | null; pageSize: number };

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
  private readonly failed = new Map<string, FailedOrder>();
  private readonly changed = new Map<string, ChangedOrder & { updatedAtUtc: string }>();
  private readonly exported = new Map<string, string>();
  private markUtc: string | null = null;
  private checkpoint: OpenCheckpoint | null = null;

  constructor(dataDir: string) {
    this.journal = Journal.open<LedgerRecord>(join(dataDir, "sync-ledger.jsonl"));
    for (const record of this.journal.records) this.apply(record);
  }

  private apply(record: LedgerRecord): void {
    switch (record.type) {
      case "imported":
        this.imported.set(record.cartOrderId, record);
        this.failed.delete(record.cartOrderId);
        break;
      case "failed":
        if (!this.imported.has(record.cartOrderId)) {
          this.failed.set(record.cartOrderId, {
            cartOrderId: record.cartOrderId,
            orderNumber: record.orderNumber,
            createdAtUtc: record.createdAtUtc,
            reason: record.reason,
            failedAtUtc: record.atUtc,
          });
        }
        break;
      case "changed":
        this.changed.set(record.cartOrderId, {
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
        if (!this.markUtc || record.window.toUtc > this.markUtc) this.markUtc = record.window.toUtc;
        break;
      case "exported":
        for (const cartOrderId of record.cartOrderIds) this.exported.set(cartOrderId, record.cutoffUtc);
        break;
      case "mark":
        this.markUtc = record.markUtc;
        this.checkpoint = null;
        break;
    }
  }

  /** Appends records in one synced write and applies them. */
  commit(records: LedgerRecord[]): void {
    this.journal.append(records);
    for (const record of records) this.apply(record);
  }

  importedOrder(cartOrderId: string): ImportedOrder | undefined {
    return this.imported.get(cartOrderId);
  }

  /** Returns the cut-off of the export that holds this order, if any. */
  exportedFor(cartOrderId: string): string | undefined {
    return this.exported.get(cartOrderId);
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
    return [...this.failed.values()];
  }

  failedOrder(cartOrderId: string): FailedOrder | undefined {
    return this.failed.get(cartOrderId);
  }

  changedOrders(): ChangedOrder[] {
    return [...this.changed.values()].map(({ updatedAtUtc: _updatedAtUtc, ...change }) => change);
  }

  lastChangeSeen(cartOrderId: string): string | undefined {
    return this.changed.get(cartOrderId)?.updatedAtUtc;
  }

  /** Last Order from: where the next run's window starts, before the overlap. */
  get lastOrderFromUtc(): string | null {
    return this.markUtc;
  }

  /** The window a run was paging through when it stopped, if it did not finish. */
  get openCheckpoint(): OpenCheckpoint | null {
    return this.checkpoint;
  }

  close(): void {
    this.journal.close();
  }
}
