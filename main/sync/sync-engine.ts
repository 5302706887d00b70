import { randomUUID } from "node:crypto";
import type { RunSummary } from "../../preload/contract.js";
import type { CartConnector } from "../carts/connector.js";
import type { Destination } from "../destinations/destination.js";
import { createLogger } from "../logging/logger.js";
import type { MappingOptions } from "../mapping/map-order.js";
import { checkForChanges } from "./change-check.js";
import type { Ledger } from "./ledger.js";
import { RunTally, type SyncRunSummary } from "./run-tally.js";
import { planChangeWindow, planFreshWindow, planWindow, unionOf } from "./sync-window.js";
import { syncCreationWindow, type PageCommitted, type WindowScope } from "./window-sync.js";

const log = createLogger("sync");

/**
 * How far before Last Order from each run starts. Carts can stamp an order
 * with the instant its checkout began, so an order can appear in a listing
 * minutes after the instant it carries.
 */
export const DEFAULT_OVERLAP_MS = 15 * 60_000;
export const DEFAULT_PAGE_SIZE = 100;

export type SyncRunContext = {
  connector: CartConnector;
  destination: Destination;
  ledger: Ledger;
  mapping: MappingOptions;
  importFromUtc: string;
  /** The cut-off set now; exports for another cut-off do not keep an order from the sync. */
  cutoffUtc?: string | null;
  overlapMs?: number;
  pageSize?: number;
  now?: () => number;
  signal?: AbortSignal;
  onPageCommitted?: (event: PageCommitted) => void;
};

export function scopeOf(context: SyncRunContext, runId: string, tally: RunTally): WindowScope {
  const now = context.now ?? Date.now;
  return {
    connector: context.connector,
    destination: context.destination,
    ledger: context.ledger,
    mapping: context.mapping,
    cutoffUtc: context.cutoffUtc ?? null,
    runId,
    tally,
    nowIso: () => new Date(now()).toISOString(),
    pageSize: context.pageSize ?? DEFAULT_PAGE_SIZE,
    signal: context.signal,
    onPageCommitted: context.onPageCommitted,
  };
}

/** Pages through the planned creation windows: an unfinished one first, then a fresh one up to now. */
async function importNewOrders(context: SyncRunContext, scope: WindowScope, overlapMs: number): Promise<void> {
  const now = context.now ?? Date.now;
  let plan = planWindow(context.ledger, context.importFromUtc, now(), overlapMs);
  while (plan) {
    scope.tally.window = unionOf(scope.tally.window, plan);
    await syncCreationWindow(plan, scope);
    plan = plan.resumed
      ? planFreshWindow(context.ledger.lastOrderFromUtc, Date.parse(context.importFromUtc), now(), overlapMs)
      : null;
  }
}

/** Checks recently changed orders, when the connector can list them by modification date. */
async function checkRecentChanges(context: SyncRunContext, scope: WindowScope, overlapMs: number): Promise<void> {
  const markUtc = context.ledger.lastOrderFromUtc;
  if (markUtc === null) return;
  const window = planChangeWindow(context.ledger, context.importFromUtc, markUtc, overlapMs);
  if (!window) return;
  const checked = await checkForChanges(window, { fromUtc: context.importFromUtc, toUtc: markUtc }, scope);
  if (checked) log.info("changes checked", { runId: scope.runId, from: window.fromUtc, to: window.toUtc });
}

/**
 * Runs one import. Each page is committed with its resume point; Last Order
 * from moves to a window's end only when that window's last page is
 * committed, and never further than the window the run asked for. Any
 * failure ends the run with its reason, the mark where the last finished
 * window left it, and the next run resuming at the last committed page.
 */
export async function runSync(context: SyncRunContext, trigger: RunSummary["trigger"]): Promise<SyncRunSummary> {
  const now = context.now ?? Date.now;
  const runId = randomUUID();
  const startedAtUtc = new Date(now()).toISOString();
  const tally = new RunTally();
  const scope = scopeOf(context, runId, tally);
  const overlapMs = context.overlapMs ?? DEFAULT_OVERLAP_MS;
  let error: Error | null = null;

  log.info("run started", { runId, trigger, lastOrderFrom: context.ledger.lastOrderFromUtc });
  try {
    await importNewOrders(context, scope, overlapMs);
    await checkRecentChanges(context, scope, overlapMs);
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    log.error("run failed", { runId, reason: error.message, lastOrderFrom: context.ledger.lastOrderFromUtc });
  }

  const summary = tally.summarize({ runId, trigger, startedAtUtc, endedAtUtc: new Date(now()).toISOString() }, error);
  log.info("run finished", {
    runId,
    from: summary.window?.fromUtc ?? null,
    to: summary.window?.toUtc ?? null,
    pages: summary.pages,
    imported: summary.imported,
    failed: summary.failed,
    skipped: summary.skipped,
    retries: summary.retries,
    error: summary.errorKind,
  });
  return summary;
}
