import { randomUUID } from "node:crypto";
import type { RunSummary } from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
import { CartError } from "../carts/cart-error.js";
import type { CartConnector } from "../carts/connector.js";
import type { Destination } from "../destinations/destination.js";
import { createLogger } from "../logging/logger.js";
import { mapOrder, type MappingOptions } from "../mapping/map-order.js";
import { exclusionReason } from "../mapping/order-filter.js";
import type { Ledger, LedgerRecord, OrderWindow } from "./ledger.js";

const log = createLogger("sync");

/** How far before Last Order from each run starts, for orders stamped late. */
export const DEFAULT_OVERLAP_MS = 15 * 60_000;
export const DEFAULT_PAGE_SIZE = 100;
const MIN_PAGE_SIZE = 5;

export type SyncRunContext = {
  connector: CartConnector;
  destination: Destination;
  ledger: Ledger;
  mapping: MappingOptions;
  importFromUtc: string;
  overlapMs?: number;
  pageSize?: number;
  now?: () => number;
  signal?: AbortSignal;
};

type RunCounters = Omit<RunSummary, "runId" | "trigger" | "startedAtUtc" | "endedAtUtc" | "window" | "error" | "credentialAlert">;

function maxIso(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Works out the window of the next run: a resumed one, or from the mark minus the overlap up to now. */
export function nextWindow(ledger: Ledger, importFromUtc: string, nowMs: number, overlapMs: number): OrderWindow & { resumeCursor: string | null; pageSize: number | null } {
  const open = ledger.openCheckpoint;
  if (open && Date.parse(open.window.fromUtc) >= Date.parse(importFromUtc)) {
    return { ...open.window, resumeCursor: open.cursor, pageSize: open.pageSize };
  }
  const mark = ledger.lastOrderFromUtc;
  const fromUtc = mark
    ? maxIso(importFromUtc, new Date(Date.parse(mark) - overlapMs).toISOString())
    : new Date(Date.parse(importFromUtc)).toISOString();
  return { fromUtc, toUtc: new Date(nowMs).toISOString(), resumeCursor: null, pageSize: null };
}

function outsideWindow(order: CartOrder, window: OrderWindow): boolean {
  const created = Date.parse(order.createdAtUtc);
  return created < Date.parse(window.fromUtc) || created >= Date.parse(window.toUtc);
}

/**
 * Imports one page: every qualifying order not yet imported is mapped and
 * delivered, then the page's results and the resume point are committed in
 * one append. A crash between delivery and commit re-delivers the page, and
 * the destination's de-duplication makes that harmless.
 */
async function importPage(
  orders: CartOrder[],
  context: SyncRunContext,
  runId: string,
  counters: RunCounters,
  nowIso: () => string,
): Promise<LedgerRecord[]> {
  const records: LedgerRecord[] = [];
  const toDeliver: { order: CartOrder; document: ReturnType<typeof mapOrder>["document"] }[] = [];

  for (const order of orders) {
    const known = context.ledger.importedOrder(order.orderId);
    if (known) {
      counters.alreadyImported++;
      const change = order.cancelledAtUtc && !known.cancelled ? "cancelled" : order.updatedAtUtc !== known.updatedAtUtc ? "edited" : null;
      if (change && context.ledger.lastChangeSeen(order.orderId) !== order.updatedAtUtc) {
        records.push({ type: "changed", cartOrderId: order.orderId, orderNumber: order.orderNumber, change, updatedAtUtc: order.updatedAtUtc, atUtc: nowIso() });
        log.warn("imported order changed in the cart", { orderId: order.orderId, change });
      }
      continue;
    }
    if (context.ledger.exportedFor(order.orderId)) {
      counters.alreadyImported++;
      continue;
    }
    const reason = exclusionReason(order, context.mapping.filter);
    if (reason) {
      counters.skipped[reason] = (counters.skipped[reason] ?? 0) + 1;
      continue;
    }
    const mapped = mapOrder(order, context.mapping);
    const blocking = mapped.findings.find((finding) => finding.severity === "error");
    if (blocking) {
      counters.failed++;
      records.push({ type: "failed", cartOrderId: order.orderId, orderNumber: order.orderNumber, createdAtUtc: order.createdAtUtc, reason: blocking.message, runId, atUtc: nowIso() });
      log.warn("order set aside", { orderId: order.orderId, reason: blocking.code });
      continue;
    }
    toDeliver.push({ order, document: mapped.document });
  }

  const deliveries = await context.destination.deliver(toDeliver.map((item) => item.document));
  deliveries.forEach((delivery, index) => {
    const { order } = toDeliver[index]!;
    if (delivery.created) counters.imported++;
    else counters.alreadyImported++;
    records.push({
      type: "imported",
      cartOrderId: order.orderId,
      orderNumber: order.orderNumber,
      documentId: delivery.documentId,
      createdAtUtc: order.createdAtUtc,
      updatedAtUtc: order.updatedAtUtc,
      cancelled: Boolean(order.cancelledAtUtc),
      runId,
      atUtc: nowIso(),
    });
  });
  return records;
}

/**
 * Runs one import: pages through the window, commits each page, and moves
 * Last Order from to the window's end only once the whole window is
 * committed. Any failure ends the run with the mark where it was.
 */
export async function runSync(context: SyncRunContext, trigger: RunSummary["trigger"]): Promise<RunSummary> {
  const now = context.now ?? Date.now;
  const nowIso = () => new Date(now()).toISOString();
  const runId = randomUUID();
  const startedAtUtc = nowIso();
  const planned = nextWindow(context.ledger, context.importFromUtc, now(), context.overlapMs ?? DEFAULT_OVERLAP_MS);
  const window: OrderWindow = { fromUtc: planned.fromUtc, toUtc: planned.toUtc };
  const counters: RunCounters = { pages: 0, imported: 0, alreadyImported: 0, skipped: {}, failed: 0, retries: 0 };
  let pageSize = planned.pageSize ?? context.pageSize ?? DEFAULT_PAGE_SIZE;
  let cursor = planned.resumeCursor;
  let error: CartError | Error | null = null;

  log.info("run started", { runId, trigger, from: window.fromUtc, to: window.toUtc, resumed: Boolean(planned.resumeCursor) });
  try {
    for (;;) {
      try {
        for await (const page of context.connector.listOrders({ createdFromUtc: window.fromUtc, createdToUtc: window.toUtc, pageSize, resumeCursor: cursor, signal: context.signal })) {
          counters.pages++;
          counters.retries += Math.max(0, page.attempts - 1);
          const stray = page.orders.find((order) => outsideWindow(order, window));
          if (stray) {
            throw new CartError(
              "window-violated",
              `The cart returned order ${stray.orderNumber}, created ${stray.createdAtUtc}, which lies outside the requested window ${window.fromUtc} to ${window.toUtc}. The cart ignored the date filter, so nothing from this page was imported and Last Order from did not move. Check the store's API plugins, then run again.`,
              `order ${stray.orderId} outside window`,
            );
          }
          const records = await importPage(page.orders, context, runId, counters, nowIso);
          records.push({ type: "checkpoint", runId, window, cursor: page.nextCursor, pageSize, atUtc: nowIso() });
          context.ledger.commit(records);
          cursor = page.nextCursor;
          log.info("page committed", { runId, orders: page.orders.length, imported: counters.imported });
        }
        break;
      } catch (pageError) {
        if (pageError instanceof CartError && pageError.kind === "page-too-large" && pageSize > MIN_PAGE_SIZE) {
          pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
          counters.retries++;
          log.warn("page too large, retrying smaller", { runId, pageSize });
          continue;
        }
        throw pageError;
      }
    }
    context.ledger.commit([{ type: "window-done", runId, window, atUtc: nowIso() }]);
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    log.error("run failed", { runId, reason: error.message });
  }

  const summary: RunSummary = {
    runId,
    trigger,
    startedAtUtc,
    endedAtUtc: nowIso(),
    window,
    ...counters,
    error: error ? error.message : null,
    credentialAlert: error instanceof CartError && error.isCredentialAlert,
  };
  log.info("run finished", { runId, imported: counters.imported, failed: counters.failed, pages: counters.pages, error: Boolean(error) });
  return summary;
}

/**
 * Imports one set-aside order again, after the user fixed it in the cart.
 * It is read afresh from the cart and goes through the same checks; the mark
 * does not move.
 */
export async function retryFailedOrder(context: SyncRunContext, cartOrderId: string): Promise<RunSummary> {
  const now = context.now ?? Date.now;
  const nowIso = () => new Date(now()).toISOString();
  const failed = context.ledger.failedOrder(cartOrderId);
  if (!failed) throw new CartError("bad-response", `Order ${cartOrderId} is not among the failed orders; it may have been imported already. Refresh the monitor.`);
  const createdMs = Date.parse(failed.createdAtUtc);
  const window = { fromUtc: new Date(createdMs).toISOString(), toUtc: new Date(createdMs + 1000).toISOString() };
  const runId = randomUUID();
  const startedAtUtc = nowIso();
  const counters: RunCounters = { pages: 0, imported: 0, alreadyImported: 0, skipped: {}, failed: 0, retries: 0 };
  let error: Error | null = null;

  try {
    let found = false;
    for await (const page of context.connector.listOrders({ createdFromUtc: window.fromUtc, createdToUtc: window.toUtc, pageSize: 50 })) {
      counters.pages++;
      const order = page.orders.find((candidate) => candidate.orderId === cartOrderId);
      if (!order) continue;
      found = true;
      context.ledger.commit(await importPage([order], context, runId, counters, nowIso));
    }
    if (!found) throw new CartError("bad-response", `Order ${failed.orderNumber} was not found in the cart any more. It may have been deleted; check it in the cart.`);
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    log.error("retry failed", { orderId: cartOrderId, reason: error.message });
  }
  return {
    runId,
    trigger: "retry",
    startedAtUtc,
    endedAtUtc: nowIso(),
    window,
    ...counters,
    error: error ? error.message : null,
    credentialAlert: error instanceof CartError && error.isCredentialAlert,
  };
}
