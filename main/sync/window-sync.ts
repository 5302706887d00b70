import { CartError } from "../carts/cart-error.js";
import type { CartConnector, OrderPage } from "../carts/connector.js";
import { RetriesExhaustedError } from "../http/http-client.js";
import { createLogger } from "../logging/logger.js";
import type { LedgerRecord, OrderWindow } from "./ledger.js";
import { importOrders, type ImportScope } from "./page-import.js";
import { checkOrdersInWindow, type PlannedWindow } from "./sync-window.js";

const log = createLogger("sync");

/** The smallest page a run shrinks to when pages keep failing as too heavy. */
export const MIN_PAGE_SIZE = 5;

/**
 * Listings one window may start: the first, one after each page-size cut,
 * and one after each listing that ended without its last page. Each start
 * resumes at the last committed page, so the bound only stops a cart that
 * never makes progress.
 */
export const MAX_LISTING_STARTS = 12;

/** A committed page, reported for progress lines and tests. */
export type PageCommitted = { runId: string; orders: number; imported: number; last: boolean };

export type WindowScope = ImportScope & {
  connector: CartConnector;
  /** Page size of a fresh window. */
  pageSize: number;
  signal?: AbortSignal;
  onPageCommitted?: (event: PageCommitted) => void;
};

/**
 * True for failures a smaller page may avoid: the platform called the page
 * too large, or it kept timing out or failing on the server, as stores do
 * when a page exceeds their memory or time limit.
 */
export function mayPassWithSmallerPage(error: unknown): boolean {
  if (error instanceof CartError && error.kind === "page-too-large") return true;
  return (
    error instanceof RetriesExhaustedError &&
    (error.repeatedFailure === "server-error" || error.repeatedFailure === "timeout")
  );
}

/** Checks and imports one page, then commits its results and the resume point in one append. */
async function commitPage(page: OrderPage, window: OrderWindow, pageSize: number, scope: WindowScope): Promise<void> {
  scope.tally.pages++;
  scope.tally.retries += Math.max(0, page.attempts - 1);
  checkOrdersInWindow(page.orders, window, "createdAtUtc");

  const importedBefore = scope.tally.imported;
  const records: LedgerRecord[] = await importOrders(page.orders, scope);
  const atUtc = scope.nowIso();
  // The last page and the end of its window go in the same append, so no
  // crash can leave a finished window looking unfinished.
  if (page.nextCursor === null) records.push({ type: "window-done", runId: scope.runId, window, atUtc });
  else records.push({ type: "checkpoint", runId: scope.runId, window, cursor: page.nextCursor, pageSize, atUtc });
  scope.ledger.commit(records);

  const imported = scope.tally.imported - importedBefore;
  log.info("page committed", { runId: scope.runId, orders: page.orders.length, imported, last: page.nextCursor === null });
  scope.onPageCommitted?.({ runId: scope.runId, orders: page.orders.length, imported, last: page.nextCursor === null });
}

/**
 * Pages through one creation window, committing each page. Returns once the
 * window's last page is committed, which moves Last Order from to the
 * window's end. Throws on any failure, leaving the mark where it was and the
 * last committed page as the point the next run resumes from.
 */
export async function syncCreationWindow(plan: PlannedWindow, scope: WindowScope): Promise<void> {
  const window: OrderWindow = { fromUtc: plan.fromUtc, toUtc: plan.toUtc };
  let cursor = plan.resumeCursor;
  let pageSize = plan.pageSize ?? scope.pageSize;

  for (let start = 1; ; start++) {
    let pagesRead = 0;
    try {
      const listing = scope.connector.listOrders({
        createdFromUtc: window.fromUtc,
        createdToUtc: window.toUtc,
        pageSize,
        resumeCursor: cursor,
        signal: scope.signal,
      });
      for await (const page of listing) {
        pagesRead++;
        await commitPage(page, window, pageSize, scope);
        cursor = page.nextCursor;
        if (cursor === null) return;
      }
    } catch (error) {
      if (!mayPassWithSmallerPage(error) || pageSize <= MIN_PAGE_SIZE || start >= MAX_LISTING_STARTS) throw error;
      pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      scope.tally.retries++;
      log.warn("page keeps failing, retrying with a smaller page", {
        runId: scope.runId,
        pageSize,
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }

    if (cursor === null) {
      // A cart with no orders in the window may end the listing without a page.
      scope.ledger.commit([{ type: "window-done", runId: scope.runId, window, atUtc: scope.nowIso() }]);
      return;
    }
    if (pagesRead === 0 || start >= MAX_LISTING_STARTS) {
      throw new CartError(
        "bad-response",
        `The cart ended the order listing before its last page, after ${start} attempt(s). The pages read so far are imported and Last Order from did not move; the next run goes on from the last page read.`,
        `listing of ${window.fromUtc}..${window.toUtc} ended with a next cursor`,
      );
    }
    log.warn("listing ended before its last page, going on from the last page read", { runId: scope.runId });
  }
}
