import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  CutoffState,
  ExportSummary,
  ProofReport,
  RunSummary,
} from "../../preload/contract.js";
import type { CartConnector } from "../../main/carts/connector.js";
import { resolveCutoff } from "../../main/cutover/cutoff.js";
import { ExportJob, type ExportInput } from "../../main/cutover/export-job.js";
import type { ExportScope } from "../../main/cutover/export-scope.js";
import {
  cutoverLedgerViewOf,
  exportedRecordOf,
  type CutoverLedgerView,
} from "../../main/cutover/ledger-view.js";
import { OrderBook } from "../../main/destinations/order-book.js";
import type { MappingOptions } from "../../main/mapping/map-order.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import type { ProofExport } from "../../main/proof/proof-classify.js";
import { buildProof } from "../../main/proof/proof-run.js";
import { Ledger } from "../../main/sync/ledger.js";
import { runSync } from "../../main/sync/sync-engine.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import type { SimulatorControl } from "../simulators/common/simulator-control.js";

const OVERLAP_MS = 15 * 60_000;

/** Builds one open, unfulfilled seed order created at an instant; a patch changes the case. */
export function seedAt(id: number, createdAtUtc: string, patch: Partial<SeedOrder> = {}): SeedOrder {
  const [order] = generateSeedOrders({ count: 1, firstId: id, startUtc: createdAtUtc, stepMs: 1000, seed: id });
  return { ...order!, updatedAtUtc: createdAtUtc, ...patch };
}

export type RigOptions = {
  simulator: SimulatorControl;
  connector: CartConnector;
  /** The cut-off as typed in the store's zone. */
  cutoffWallClock: string;
  /** The clock of the sync and the proof, in ms since the epoch. */
  nowMs: number;
  pageSize?: number;
  mapping?: Partial<MappingOptions>;
};

/**
 * The cut-over over real HTTP, one step at a time: export, Go live, sync
 * and proof share one data folder, ledger and order book, as the app's
 * services do, with a clock the test moves.
 */
export class CutoverRig {
  readonly ledger: Ledger;
  readonly orderBook: OrderBook;
  readonly cutoff: CutoffState;
  readonly mapping: MappingOptions;
  nowMs: number;
  readonly exportsMade: ProofExport[] = [];
  private importFromUtc: string | null = null;

  private constructor(
    readonly options: RigOptions,
    readonly dataDir: string,
  ) {
    this.nowMs = options.nowMs;
    this.ledger = new Ledger(dataDir);
    this.orderBook = new OrderBook(dataDir, () => this.nowMs);
    this.cutoff = resolveCutoff(options.cutoffWallClock, options.simulator.timeZone, options.nowMs);
    this.mapping = {
      storeId: "rig",
      documentKind: "sales-order",
      filter: DEFAULT_ORDER_FILTER,
      guestPolicy: "placeholder-customer",
      shopCurrency: options.simulator.currency,
      ...options.mapping,
    };
  }

  static async open(options: RigOptions): Promise<CutoverRig> {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-rig-"));
    return new CutoverRig(options, dataDir);
  }

  /** The ledger as the cut-over code reads it. */
  get view(): CutoverLedgerView {
    return cutoverLedgerViewOf(this.ledger, this.mapping.storeId);
  }

  get cutoffMs(): number {
    return Date.parse(this.cutoff.cutoffUtc);
  }

  /** Returns the instant `offsetMs` after the cut-off, as an ISO string. */
  at(offsetMs: number): string {
    return new Date(this.cutoffMs + offsetMs).toISOString();
  }

  exportInput(overrides: Partial<ExportInput> = {}): ExportInput {
    return {
      connector: this.options.connector,
      mapping: this.mapping,
      cutoffUtc: this.cutoff.cutoffUtc,
      storeTimeZone: this.options.simulator.timeZone,
      folder: join(this.dataDir, "exports"),
      expectedOrders: null,
      pageSize: this.options.pageSize ?? 5,
      isImported: (order) => this.view.importedDocumentOf(order) !== undefined,
      onExported: (cartOrderIds) =>
        this.ledger.commit([
          exportedRecordOf(cartOrderIds, this.cutoff.cutoffUtc, this.mapping.storeId, new Date(this.nowMs).toISOString()),
        ]),
      ...overrides,
    };
  }

  /** Exports the orders before the cut-off and records them in the ledger, as the app does. */
  async exportBeforeCutoff(scope: ExportScope = "open", fromUtc: string | null = null): Promise<ExportSummary> {
    const job = new ExportJob();
    const summary = await job.run(this.exportInput({ scope, fromUtc }));
    if (!summary) throw new Error(`The export did not finish: ${job.status.error}`);
    this.exportsMade.push({
      scope,
      window: { fromUtc: scope === "all" && fromUtc ? fromUtc : "2000-01-01T00:00:00.000Z", toUtc: this.cutoff.cutoffUtc },
    });
    return summary;
  }

  /** Saves Import Orders from, which sets Last Order from as the app's Go live step does. */
  goLive(importFromUtc: string = this.cutoff.cutoffUtc): void {
    this.importFromUtc = importFromUtc;
    this.ledger.commit([{ type: "mark", markUtc: importFromUtc, atUtc: new Date(this.nowMs).toISOString() }]);
  }

  /** Runs one import at the rig's clock. */
  async sync(): Promise<RunSummary> {
    if (!this.importFromUtc) throw new Error("Call goLive before sync.");
    const run = await runSync(
      {
        connector: this.options.connector,
        destination: this.orderBook,
        ledger: this.ledger,
        mapping: this.mapping,
        importFromUtc: this.importFromUtc,
        overlapMs: OVERLAP_MS,
        pageSize: this.options.pageSize ?? 5,
        now: () => this.nowMs,
      },
      "manual",
    );
    if (run.error) throw new Error(`The sync run failed: ${run.error}`);
    return run;
  }

  proof(hoursAround = 24): Promise<ProofReport> {
    return buildProof({
      connector: this.options.connector,
      ledger: this.view,
      cutoff: this.cutoff,
      goLive: this.importFromUtc ? { importFromUtc: this.importFromUtc, filter: this.mapping.filter } : null,
      exports: this.exportsMade,
      overlapMs: OVERLAP_MS,
      hoursAround,
      nowMs: this.nowMs,
      pageSize: this.options.pageSize ?? 5,
    });
  }

  async close(): Promise<void> {
    this.ledger.close();
    this.orderBook.close();
    await this.options.simulator.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Returns the order numbers of the proof rows in a set, sorted. */
export function numbersIn(report: ProofReport, set: ProofReport["rows"][number]["set"]): string[] {
  return report.rows
    .filter((row) => row.set === set)
    .map((row) => row.orderNumber)
    .sort();
}

/** Returns the cart order ids of the proof rows in a set, sorted. */
export function idsIn(report: ProofReport, set: ProofReport["rows"][number]["set"]): string[] {
  return report.rows
    .filter((row) => row.set === set)
    .map((row) => row.cartOrderId)
    .sort();
}
