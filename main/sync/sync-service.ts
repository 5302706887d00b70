import { randomUUID } from "node:crypto";
import type { RunSummary, SyncStatus } from "../../preload/contract.js";
import { CartError } from "../carts/cart-error.js";
import type { CartConnector } from "../carts/connector.js";
import type { Destination } from "../destinations/destination.js";
import { createLogger } from "../logging/logger.js";
import type { MappingOptions } from "../mapping/map-order.js";
import type { SettingsStore } from "../settings/settings-store.js";
import type { Ledger } from "./ledger.js";
import { retryFailedOrder } from "./retry-order.js";
import { errorKindOf, type SyncRunSummary } from "./run-tally.js";
import { Scheduler } from "./scheduler.js";
import { runSync, type SyncRunContext } from "./sync-engine.js";

const log = createLogger("sync");

export type SyncServiceDeps = {
  settings: SettingsStore;
  ledger: Ledger;
  destination: Destination;
  connector: () => Promise<CartConnector>;
  mapping: () => MappingOptions;
  now?: () => number;
  overlapMs?: number;
  pageSize?: number;
  schedulerTickMs?: number;
};

/**
 * Auto Sync: Stopped until the user starts it, Running until stopped, and
 * Running again after a restart if it was. Runs and retries never overlap:
 * they queue behind each other, and a request for a run while one is in
 * progress joins that run instead of starting another. Only one summary per
 * run reaches the settings file; pages and orders go to the ledger.
 */
export class SyncService {
  private queue: Promise<unknown> = Promise.resolve();
  private pendingRun: Promise<RunSummary> | null = null;
  private active = 0;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private readonly shutdown = new AbortController();

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.scheduler = new Scheduler(() => this.runNow("schedule"), this.now, deps.schedulerTickMs);
  }

  private get intervalMs(): number {
    return (this.deps.settings.current.goLive?.intervalMinutes ?? 15) * 60_000;
  }

  /** Starts Auto Sync: a run now, then one every interval. */
  async start(): Promise<SyncStatus> {
    await this.deps.settings.update((settings) => (settings.sync.state = "Running"));
    log.info("auto sync started", { intervalMinutes: this.intervalMs / 60_000 });
    // The first run belongs to Start, so the history shows why it ran.
    this.scheduler.start(this.intervalMs, this.now() + this.intervalMs);
    void this.runNow("start");
    return this.status();
  }

  /** Resumes the schedule after a restart when Auto Sync was Running. */
  resume(): void {
    if (this.deps.settings.current.sync.state !== "Running") return;
    log.info("auto sync resumed after restart");
    this.scheduler.start(this.intervalMs, this.now());
  }

  async stop(): Promise<SyncStatus> {
    this.scheduler.stop();
    await this.deps.settings.update((settings) => (settings.sync.state = "Stopped"));
    log.info("auto sync stopped");
    return this.status();
  }

  /** Runs one task after every task queued before it. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.active++;
      try {
        return await task();
      } finally {
        this.active--;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs an import now, or joins the one waiting or in progress. */
  runNow(trigger: RunSummary["trigger"] = "manual"): Promise<RunSummary> {
    if (this.pendingRun) return this.pendingRun;
    const run = this.enqueue(() => this.execute(trigger)).finally(() => {
      if (this.pendingRun === run) this.pendingRun = null;
    });
    this.pendingRun = run;
    if (trigger === "manual") this.scheduler.postpone(this.intervalMs);
    return run;
  }

  /** Retries one set-aside order, after any run in progress, and records it in the history. */
  retryOrder(cartOrderId: string): Promise<RunSummary> {
    return this.enqueue(async () => {
      const summary = await retryFailedOrder(await this.context(), cartOrderId);
      await this.deps.settings.recordRun(summary);
      return summary;
    });
  }

  private async context(): Promise<SyncRunContext> {
    const importFromUtc = this.deps.settings.current.goLive?.importFromUtc;
    if (!importFromUtc) throw new Error("Import Orders from is not set; save the Go live step first.");
    return {
      connector: await this.deps.connector(),
      destination: this.deps.destination,
      ledger: this.deps.ledger,
      mapping: this.deps.mapping(),
      importFromUtc,
      cutoffUtc: this.deps.settings.current.cutoff?.cutoffUtc ?? null,
      now: this.now,
      overlapMs: this.deps.overlapMs,
      pageSize: this.deps.pageSize,
      signal: this.shutdown.signal,
    };
  }

  private async execute(trigger: RunSummary["trigger"]): Promise<RunSummary> {
    let summary: SyncRunSummary;
    try {
      summary = await runSync(await this.context(), trigger);
    } catch (error) {
      summary = this.couldNotStart(trigger, error);
    }
    await this.deps.settings.recordRun(summary);
    return summary;
  }

  /** Builds the summary of a run that could not begin, for example because the credentials are gone. */
  private couldNotStart(trigger: RunSummary["trigger"], error: unknown): SyncRunSummary {
    const atUtc = new Date(this.now()).toISOString();
    const message = error instanceof Error ? error.message : String(error);
    log.error("run could not start", { reason: message });
    return {
      runId: randomUUID(),
      trigger,
      startedAtUtc: atUtc,
      endedAtUtc: atUtc,
      window: null,
      pages: 0,
      imported: 0,
      alreadyImported: 0,
      skipped: {},
      failed: 0,
      retries: 0,
      error: message,
      credentialAlert: error instanceof CartError && error.isCredentialAlert,
      failures: [],
      changesFlagged: 0,
      errorKind: errorKindOf(error),
    };
  }

  /** Waits for every queued run and retry. */
  async idle(): Promise<void> {
    await this.queue;
  }

  status(): SyncStatus {
    const settings = this.deps.settings.current;
    const lastRun = settings.runs[0] ?? null;
    const nextRunAtMs = this.scheduler.nextRunAtMs;
    return {
      state: settings.sync.state,
      busy: this.active > 0,
      importFromUtc: settings.goLive?.importFromUtc ?? null,
      lastOrderFromUtc: this.deps.ledger.lastOrderFromUtc,
      lastRunAtUtc: lastRun?.startedAtUtc ?? null,
      nextRunAtUtc: settings.sync.state === "Running" && nextRunAtMs !== null ? new Date(nextRunAtMs).toISOString() : null,
      ordersImported: this.deps.ledger.importedCount,
      failedOrders: this.deps.ledger.failedOrders(),
      changedOrders: this.deps.ledger.changedOrders(),
      credentialAlert: lastRun?.credentialAlert ? lastRun.error : null,
      history: settings.runs,
    };
  }

  /** Stops the schedule, cancels the run in progress (its mark stays where it was) and waits for it. */
  async close(): Promise<void> {
    this.scheduler.stop();
    this.shutdown.abort();
    await this.idle();
  }
}
