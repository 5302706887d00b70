import { join } from "node:path";
import type { OrderBookEntry } from "../../preload/contract.js";
import type { SalesDocument } from "../mapping/sales-document.js";
import { Journal } from "../sync/journal.js";
import type { Delivery, Destination } from "./destination.js";

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
  private readonly journal: Journal<OrderBookRecord>;

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.journal = Journal.open<OrderBookRecord>(join(dataDir, "order-book.jsonl"));
    for (const record of this.journal.records) {
      if (!this.byKey.has(record.document.sourceKey)) this.byKey.set(record.document.sourceKey, record);
    }
  }

  async deliver(documents: readonly SalesDocument[]): Promise<Delivery[]> {
    const fresh: OrderBookRecord[] = [];
    const deliveries = documents.map((document): Delivery => {
      const existing = this.byKey.get(document.sourceKey);
      if (existing) return { sourceKey: document.sourceKey, documentId: existing.documentId, created: false };
      const record: OrderBookRecord = {
        documentId: `${KIND_PREFIX[document.kind]}-${String(this.byKey.size + 1).padStart(6, "0")}`,
        importedAtUtc: new Date(this.now()).toISOString(),
        document,
      };
      this.byKey.set(document.sourceKey, record);
      fresh.push(record);
      return { sourceKey: document.sourceKey, documentId: record.documentId, created: true };
    });
    this.journal.append(fresh);
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
    return [...this.byKey.values()]
      .slice(-limit)
      .reverse()
      .map((record) => ({ document: record.document, importedAtUtc: record.importedAtUtc }));
  }

  documents(): SalesDocument[] {
    return [...this.byKey.values()].map((record) => record.document);
  }

  close(): void {
    this.journal.close();
  }
}
