import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type {
  ConnectionState,
  CutoffState,
  DryRunState,
  ExportSummary,
  GoLiveSettings,
  RunSummary,
} from "../../preload/contract.js";
import type { PlatformId } from "../carts/cart-order.js";
import type { GuestPolicy } from "../mapping/customer-policy.js";

export type StoredStore = {
  /** Stable id of the store inside Cart Cutover, used in keys and file names. */
  storeId: string;
  platform: PlatformId;
  storeUrl: string;
  credentialFields: string[];
};

export type SyncSettings = {
  state: "Running" | "Stopped";
};

/** Everything small the app keeps between launches. Secrets are never here. */
export type SettingsFile = {
  formatVersion: 1;
  store: StoredStore | null;
  connection: ConnectionState | null;
  dryRun: DryRunState | null;
  cutoff: CutoffState | null;
  exportSummary: ExportSummary | null;
  goLive: GoLiveSettings | null;
  sync: SyncSettings;
  /** The newest runs first, at most MAX_RUN_HISTORY. */
  runs: RunSummary[];
  /** When the demo store was first opened; its orders are generated from it. */
  demoOpenedAtMs: number | null;
  /** The mapping choices, shared by the dry run and the sync. */
  mapping: MappingSettings;
  /** The destination of imported documents: the local order book, or an HTTP order intake. */
  destination: DestinationSettings;
};

export type DestinationSettings =
  | { kind: "order-book" }
  | { kind: "http-intake"; endpointUrl: string; hasAccessToken: boolean };

export type MappingSettings = {
  guestPolicy: GuestPolicy;
  /** SKUs known to the order system, or null when no list was given. */
  knownSkus: string[] | null;
};

export const MAX_RUN_HISTORY = 50;

function emptySettings(): SettingsFile {
  return {
    formatVersion: 1,
    store: null,
    connection: null,
    dryRun: null,
    cutoff: null,
    exportSummary: null,
    goLive: null,
    sync: { state: "Stopped" },
    runs: [],
    demoOpenedAtMs: null,
    mapping: { guestPolicy: "placeholder-customer", knownSkus: null },
    destination: { kind: "order-book" },
  };
}

/**
 * Settings in settings.json through lowdb with an explicit Low + JSONFile
 * (the preset helper would keep data in memory under NODE_ENV=test). Writes
 * are atomic renames; updates are queued so that two never interleave.
 */
export class SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<SettingsFile>) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const db = new Low<SettingsFile>(new JSONFile(join(dataDir, "settings.json")), emptySettings());
    await db.read();
    db.data = { ...emptySettings(), ...db.data };
    return new SettingsStore(db);
  }

  get current(): Readonly<SettingsFile> {
    return this.db.data;
  }

  /** Applies a change and writes the file; resolves once it is written. */
  update(change: (settings: SettingsFile) => void): Promise<void> {
    const next = this.queue.then(async () => {
      change(this.db.data);
      await this.db.write();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Records a finished run at the head of the bounded history. */
  recordRun(run: RunSummary): Promise<void> {
    return this.update((settings) => {
      settings.runs = [run, ...settings.runs.filter((existing) => existing.runId !== run.runId)].slice(0, MAX_RUN_HISTORY);
    });
  }
}
