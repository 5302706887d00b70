import { compareExportedOrders, type ExportedOrder } from "./export-record.js";

/** Released slots at the front of the array before it is compacted. */
const COMPACT_AFTER = 4_096;

/**
 * Sorts a listing that is in creation order but for a little local
 * disorder, such as orders of the same second listed by another tie-break.
 * It keeps the last `capacity` orders, and at most `maxLines` document
 * lines between them, so that orders of many lines keep memory bounded
 * too. It releases the earliest order each time it is over either limit. An order that sorts before one already released
 * cannot be placed any more: add() then returns null.
 */
export class ReorderWindow {
  // Sorted pending orders from index `start` on; the slots before it are released.
  private pending: ExportedOrder[] = [];
  private start = 0;
  private lastReleased: ExportedOrder | null = null;
  private pendingLines = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxLines = Number.POSITIVE_INFINITY,
  ) {}

  /** Adds an order and returns the orders it releases, in sorted order; null when it comes too late. */
  add(order: ExportedOrder): ExportedOrder[] | null {
    if (this.lastReleased && compareExportedOrders(order, this.lastReleased) < 0) {
      return null;
    }
    this.pending.splice(this.insertionIndex(order), 0, order);
    this.pendingLines += order.lines.length;
    const released: ExportedOrder[] = [];
    while (
      this.pending.length - this.start > this.capacity ||
      (this.pendingLines > this.maxLines && this.pending.length > this.start)
    ) {
      released.push(this.release());
    }
    if (this.start > COMPACT_AFTER) {
      this.pending = this.pending.slice(this.start);
      this.start = 0;
    }
    return released;
  }

  /** Releases every pending order, in sorted order. */
  drain(): ExportedOrder[] {
    const rest = this.pending.slice(this.start);
    this.pending = [];
    this.start = 0;
    this.pendingLines = 0;
    this.lastReleased = rest.at(-1) ?? this.lastReleased;
    return rest;
  }

  private release(): ExportedOrder {
    const order = this.pending[this.start]!;
    this.start++;
    this.pendingLines -= order.lines.length;
    this.lastReleased = order;
    return order;
  }

  /** Finds where the order goes, after any equal one; a listing in order appends. */
  private insertionIndex(order: ExportedOrder): number {
    let low = this.start;
    let high = this.pending.length;
    if (high > low && compareExportedOrders(this.pending[high - 1]!, order) <= 0) {
      return high;
    }
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareExportedOrders(this.pending[middle]!, order) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
