/**
 * The one contract between the renderer and the main process: channel
 * names, request schemas (validated in main) and response types. The
 * renderer imports only types from here.
 */
import { z } from "zod";
import type { CartOrder, PlatformId } from "../main/carts/cart-order.js";
import type { ConnectionReport } from "../main/carts/connector.js";
import type { Finding, FindingCode, FindingSeverity } from "../main/mapping/findings.js";
import type { DocumentKind, SalesDocument } from "../main/mapping/sales-document.js";
import type { ExclusionReason, OrderFilter } from "../main/mapping/order-filter.js";

const platformSchema = z.enum(["demo", "shopify", "woocommerce", "bigcommerce", "magento", "prestashop"]);
const instantSchema = z.iso.datetime({ offset: true });
const documentKindSchema = z.enum(["sales-order", "cash-sale", "sales-invoice"]);

export const requestSchemas = {
  "app:get-state": z.object({}),
  "connect:save": z.object({
    platform: platformSchema,
    storeUrl: z.string().max(2048),
    /** Credential fields of the platform; empty values keep what the keychain has. */
    credentials: z.record(z.string().max(64), z.string().max(4096)),
  }),
  "connect:test": z.object({}),
  "dry-run:run": z.object({
    fromUtc: instantSchema.optional(),
    toUtc: instantSchema.optional(),
    recentDays: z.number().int().min(1).max(3650).optional(),
    /** Saved for the sync too, so the dry run tests the policy the sync will use. */
    guestPolicy: z.enum(["placeholder-customer", "customer-per-order", "reject"]).optional(),
    /** SKUs known to the order system; lines with other SKUs get an "unknown SKU" finding. An empty list removes the saved one. */
    knownSkus: z.array(z.string().min(1).max(200)).max(200_000).optional(),
  }),
  "dry-run:open": z.object({ path: z.string().min(1).max(4096) }),
  "dry-run:choose-file": z.object({}),
  /** One row of the preview on screen, in full, for the detail pane. */
  "dry-run:detail": z.object({ index: z.number().int().min(0).max(10_000_000) }),
  "cutoff:set": z.object({
    /** Wall-clock time in the store's zone, "YYYY-MM-DDTHH:mm[:ss]". */
    wallClock: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/),
  }),
  "export:start": z.object({
    /** "open": every order not yet fulfilled and not cancelled (the default); "all": every order in the range. */
    scope: z.enum(["open", "all"]).optional(),
    /** With scope "all": the range start; the end is always the cut-off. */
    fromUtc: instantSchema.optional(),
  }),
  "export:status": z.object({}),
  "export:cancel": z.object({}),
  "go-live:save": z.object({
    documentKind: documentKindSchema,
    importFromUtc: instantSchema,
    intervalMinutes: z.number().int().min(1).max(1440),
    filter: z.object({
      includePartiallyFulfilled: z.boolean(),
      includeFulfilled: z.boolean(),
      includeTest: z.boolean(),
    }),
  }),
  "destination:save": z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("order-book") }),
    z.object({
      kind: z.literal("http-intake"),
      endpointUrl: z.string().min(1).max(2048),
      /** Sent as a Bearer token; empty keeps the stored one, null removes it. */
      accessToken: z.string().max(4096).nullable(),
    }),
  ]),
  "sync:start": z.object({}),
  "sync:stop": z.object({}),
  "sync:run-now": z.object({}),
  "sync:status": z.object({}),
  "sync:retry-order": z.object({ cartOrderId: z.string().min(1).max(200) }),
  "order-book:list": z.object({ limit: z.number().int().min(1).max(5000).optional() }),
  "proof:run": z.object({
    /** Hours before and after the cut-off that the proof covers. */
    hoursAround: z.number().int().min(1).max(24 * 366).optional(),
  }),
  "proof:latest": z.object({}),
} as const;

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

export type StoreSettings = {
  platform: PlatformId;
  storeUrl: string;
  /** Names of the credential fields stored in the keychain; never the values. */
  storedCredentialFields: string[];
};

export type ConnectionState = {
  testedAtUtc: string;
  report: ConnectionReport;
};

export type PreviewRow = {
  order: CartOrder;
  document: SalesDocument;
  findings: Finding[];
  importable: boolean;
  exclusion: ExclusionReason | null;
};

export type PreviewSummary = {
  orders: number;
  importable: number;
  excluded: Partial<Record<ExclusionReason, number>>;
  findings: Partial<Record<FindingCode, number>>;
  totalsByCurrency: Record<string, number>;
};

/** A dry run's result; the same shape is saved to a file and reopened offline. */
export type Preview = {
  formatVersion: 1;
  storeName: string;
  platform: PlatformId;
  storeUrl: string;
  window: { fromUtc: string; toUtc: string };
  /** The store's IANA zone, for showing times; absent in previews saved before it was recorded. */
  timeZone?: string;
  createdAtUtc: string;
  documentKind: DocumentKind;
  rows: PreviewRow[];
  summary: PreviewSummary;
  /** Set when the preview was opened from a file: shown read-only. */
  openedFromFile: string | null;
};

/** One order of a preview as the table shows it. The detail pane requests the full row. */
export type PreviewListRow = {
  index: number;
  cartOrderId: string;
  orderNumber: string;
  createdAtUtc: string;
  customerName: string;
  currency: string;
  totalMinor: number;
  findingCodes: FindingCode[];
  worstSeverity: FindingSeverity | null;
  importable: boolean;
  exclusion: ExclusionReason | null;
};

/** A preview as the renderer receives it: light rows, so 20,000 orders stay quick to show. */
export type PreviewView = Omit<Preview, "rows"> & { rows: PreviewListRow[] };

export type DryRunState = {
  ranAtUtc: string;
  passed: boolean;
  summary: PreviewSummary;
  savedTo: string;
  spreadsheetTo: string | null;
};

export type CutoffState = {
  cutoffUtc: string;
  timeZone: string;
  wallClock: string;
  resolution: "exact" | "repeated" | "skipped";
  shownInStoreZone: string;
};

export type ExportSummary = {
  cutoffUtc: string;
  orders: number;
  lines: number;
  totalsByCurrency: Record<string, number>;
  files: string[];
  /**
   * Exported orders whose document has an error finding, such as lines
   * that do not add up to the cart's total, to check before the upload.
   * Absent in summaries saved before the export counted them.
   */
  ordersToCheck?: number;
};

export type ExportStatus = {
  state: "idle" | "running" | "done" | "cancelled" | "failed";
  /**
   * The phase the counts belong to: "reading" counts orders read from the
   * cart (of the cart's total), "writing" counts orders written to the
   * files (of the orders to export). Null while idle.
   */
  phase?: "reading" | "writing" | null;
  ordersDone: number;
  /** Orders expected in all, or null while the cart has not reported a count. */
  ordersTotal: number | null;
  summary: ExportSummary | null;
  error: string | null;
};

export type GoLiveSettings = {
  documentKind: DocumentKind;
  importFromUtc: string;
  intervalMinutes: number;
  filter: OrderFilter;
};

export type SeamCheck = {
  /** "aligned" when Import Orders from equals the cut-off. */
  verdict: "aligned" | "gap" | "overlap";
  message: string;
  ordersConcerned: { cartOrderId: string; orderNumber: string; createdAtUtc: string }[];
  startAllowed: boolean;
};

export type RunSummary = {
  runId: string;
  trigger: "schedule" | "manual" | "start" | "retry";
  startedAtUtc: string;
  endedAtUtc: string | null;
  window: { fromUtc: string; toUtc: string } | null;
  pages: number;
  imported: number;
  alreadyImported: number;
  skipped: Partial<Record<ExclusionReason, number>>;
  failed: number;
  retries: number;
  error: string | null;
  credentialAlert: boolean;
  /** Orders set aside in this run, at most a few dozen, with their reasons. */
  failures?: { cartOrderId: string; orderNumber: string; reason: string }[];
  /** Imported orders found cancelled or edited in the cart during this run. */
  changesFlagged?: number;
  /** The kind of the error that ended the run, such as "credentials-rejected". */
  errorKind?: string | null;
};

export type FailedOrder = {
  cartOrderId: string;
  orderNumber: string;
  createdAtUtc: string;
  reason: string;
  failedAtUtc: string;
};

export type ChangedOrder = {
  cartOrderId: string;
  orderNumber: string;
  change: "cancelled" | "edited";
  detectedAtUtc: string;
};

export type SyncStatus = {
  state: "Running" | "Stopped";
  busy: boolean;
  importFromUtc: string | null;
  lastOrderFromUtc: string | null;
  lastRunAtUtc: string | null;
  nextRunAtUtc: string | null;
  ordersImported: number;
  failedOrders: FailedOrder[];
  changedOrders: ChangedOrder[];
  credentialAlert: string | null;
  history: RunSummary[];
};

export type OrderBookEntry = {
  document: SalesDocument;
  importedAtUtc: string;
};

export type DestinationState =
  | { kind: "order-book" }
  | { kind: "http-intake"; endpointUrl: string; hasAccessToken: boolean };

export type MappingState = {
  guestPolicy: "placeholder-customer" | "customer-per-order" | "reject";
  /** SKUs in the saved list of known SKUs, or null when there is no list. */
  knownSkuCount: number | null;
};

export type AppState = {
  destination: DestinationState;
  mapping: MappingState;
  store: StoreSettings | null;
  connection: ConnectionState | null;
  dryRun: DryRunState | null;
  cutoff: CutoffState | null;
  exportSummary: ExportSummary | null;
  goLive: GoLiveSettings | null;
  /** Reasons Start is refused now; empty when it may start. */
  startBlockers: string[];
  sync: SyncStatus;
  keychainAvailable: boolean;
  keychainMessage: string | null;
};

export type ResponseMap = {
  "app:get-state": AppState;
  "connect:save": AppState;
  "connect:test": ConnectionState;
  "dry-run:run": PreviewView;
  "dry-run:open": PreviewView;
  "dry-run:choose-file": PreviewView | null;
  "dry-run:detail": PreviewRow;
  "cutoff:set": CutoffState;
  "export:start": ExportStatus;
  "export:status": ExportStatus;
  "export:cancel": ExportStatus;
  "go-live:save": SeamCheck;
  "destination:save": AppState;
  "sync:start": SyncStatus;
  "sync:stop": SyncStatus;
  "sync:run-now": SyncStatus;
  "sync:status": SyncStatus;
  "sync:retry-order": SyncStatus;
  "order-book:list": OrderBookEntry[];
  "proof:run": ProofReport;
  "proof:latest": ProofReport | null;
};

export type ProofSet = "exported" | "imported" | "excluded" | "missing";

export type ProofRow = {
  cartOrderId: string;
  orderNumber: string;
  createdAtUtc: string;
  currency: string;
  totalMinor: number;
  /** The set the order belongs to; "missing" when it is in none. */
  set: ProofSet;
  /** The reason an excluded order was left out, or the action a missing one needs. */
  reason: string | null;
  /** Every set the order was found in, when more than one: a doubled order. */
  foundIn: ProofSet[];
};

/** The cut-over proof: every cart order around the cut-off in exactly one set. */
export type ProofReport = {
  cutoffUtc: string;
  timeZone: string;
  window: { fromUtc: string; toUtc: string };
  generatedAtUtc: string;
  counts: Record<ProofSet, number> & { doubled: number };
  totalsByCurrency: Record<ProofSet, Record<string, number>>;
  rows: ProofRow[];
  /** True when missing and doubled are both zero. */
  clean: boolean;
  /** Plain sentences: the verdict, and what to do for each problem. */
  messages: string[];
  files: { html: string; spreadsheet: string } | null;
};

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** An error the user can act on: what happened and what to do. */
export type UserFacingError = { message: string; kind: string };

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: UserFacingError };

/** The API the preload exposes as window.cartCutover: one function per channel. */
export type CartCutoverApi = {
  [C in Channel as CamelCase<C>]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${CamelCase<Head>}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

/** Returns the API method name of a channel: "dry-run:run" becomes "dryRunRun". */
export function methodNameOf(channel: Channel): string {
  return channel
    .split(/[:-]/)
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
}

/** The main-process side of the contract: one async handler per channel. */
export type ChannelHandlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};
