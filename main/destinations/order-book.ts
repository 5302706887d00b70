import { join } from "node:path";
import type { OrderBookEntry } from "../../preload/contract.js";
import type { SalesDocument } from "../mapping/sales-document.js";
import { Journal } from "../sync/journal.js";
import type { AcceptedDelivery, Destination } from "./destination.js";

type OrderBookRecord = {
  documentId: string;
  importedAtUtc: string;
  document: SalesDocument;
};

const KIND_PREFIX = { "sales-order": "SO", "cash-sale": "CS", "sales-invoice": "SI" } as const;

/**
 * The local order book: PENDING documents kept in the data folder, one per
 * cart order. Each batch is one append and one disk sync.
 */
export class OrderBook implements Destination {
  readonly label = "Local order book";
  private readonly byKey = new Map<string, OrderBookRecord>();
  /** Records in the order they were written, so that listing the newest costs only the listed ones. */
  private readonly inOrder: OrderBookRecord[] = [];
  private readonly journal: Journal<OrderBookRecord>;

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.journal = Journal.open<OrderBookRecord>(join(dataDir, "order-book.jsonl"));
    for (const record of this.journal.records) {
      if (this.byKey.has(record.document.sourceKey)) continue;
      this.byKey.set(record.document.sourceKey, record);
      this.inOrder.push(record);
    }
  }

  /** Adds the documents it does not hold yet, in one append and one disk sync. */
  async deliver(documents: readonly SalesDocument[]): Promise<AcceptedDelivery[]> {
    const fresh: OrderBookRecord[] = [];
    const deliveries = documents.map((document): AcceptedDelivery => {
      const existing = this.byKey.get(document.sourceKey);
      if (existing) return { sourceKey: document.sourceKey, documentId: existing.documentId, created: false };
      const record: OrderBookRecord = {
        documentId: `${KIND_PREFIX[document.kind]}-${String(this.byKey.size + 1).padStart(6, "0")}`,
        importedAtUtc: new Date(this.now()).toISOString(),
        document,
      };
      this.byKey.set(document.sourceKey, record);
      fresh.push(record);
      this.inOrder.push(record);
      return { sourceKey: document.sourceKey, documentId: record.documentId, created: true };
    });
    try {
      this.journal.append(fresh);
    } catch (error) {
      // Nothing of this batch reached the disk, so none of it may count as held.
      for (const record of fresh) this.byKey.delete(record.document.sourceKey);
      this.inOrder.splice(this.inOrder.length - fresh.length, fresh.length);
      throw error;
    }
    return deliveries;
  }

  get size(): number {
    return this.byKey.size;
  }

  has(sourceKey: string): boolean {
    return this.byKey.has(sourceKey);
  }

  /** Lists the newest documents first. */
  list(limit = 500): OrderBookEntry[] {
    return this.inOrder
      .slice(-limit)
      .reverse()
      .map((record) => ({ document: record.document, importedAtUtc: record.importedAtUtc }));
  }

  documents(): SalesDocument[] {
    return this.inOrder.map((record) => record.document);
  }

  close(): void {
    this.journal.close();
  }
}
