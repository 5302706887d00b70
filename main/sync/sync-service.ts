import { randomUUID } from "node:crypto";
import type { RunSummary, SyncStatus } from "../../preload/contract.js";
import { CartError } from "../carts/cart-error.js";
import type { CartConnector } from "../carts/connector.js";
import type { Destination } from "../destinations/destination.js";
import { createLogger } from "../logging/logger.js";
import type { MappingOptions } from "../mapping/map-order.js";
import type { SettingsStore } from "../settings/settings-store.js";
import type { Ledger } from "./ledger.js";
import { Scheduler } from "./scheduler.js";
import { retryFailedOrder, runSync, type SyncRunContext } from "./sync-engine.js";

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
 * Running again after a restart if it was. Runs never overlap: a request
 * while one is in progress waits for that run instead of starting another.
 */
export class SyncService {
  private inFlight: Promise<RunSummary> | null = null;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;

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
    this.scheduler.start(this.intervalMs, this.now());
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

  /** Runs an import now, or joins the one in progress. */
  runNow(trigger: RunSummary["trigger"] = "manual"): Promise<RunSummary> {
    if (this.inFlight) return this.inFlight;
    const run = this.execute(trigger).finally(() => {
      this.inFlight = null;
    });
    this.inFlight = run;
    if (trigger === "manual") this.scheduler.postpone(this.intervalMs);
    return run;
  }

  /** Retries one failed order, after any run in progress, and records it in the history. */
  async retryOrder(cartOrderId: string): Promise<RunSummary> {
    await this.idle();
    const run = this.context().then((context) => retryFailedOrder(context, cartOrderId));
    this.inFlight = run;
    try {
      const summary = await run;
      await this.deps.settings.recordRun(summary);
      return summary;
    } finally {
      this.inFlight = null;
    }
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
      now: this.now,
      overlapMs: this.deps.overlapMs,
      pageSize: this.deps.pageSize,
    };
  }

  private async execute(trigger: RunSummary["trigger"]): Promise<RunSummary> {
    let summary: RunSummary;
    try {
      summary = await runSync(await this.context(), trigger);
    } catch (error) {
      // The run could not begin, for example because the credentials are gone.
      const atUtc = new Date(this.now()).toISOString();
      const message = error instanceof Error ? error.message : String(error);
      log.error("run could not start", { reason: message });
      summary = {
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
      };
    }
    await this.deps.settings.recordRun(summary);
    return summary;
  }

  /** Waits for the run in progress, if any. */
  async idle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  status(): SyncStatus {
    const settings = this.deps.settings.current;
    const lastRun = settings.runs[0] ?? null;
    const nextRunAtMs = this.scheduler.nextRunAtMs;
    return {
      state: settings.sync.state,
      busy: this.inFlight !== null,
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

  async close(): Promise<void> {
    this.scheduler.stop();
    await this.idle();
  }
}
