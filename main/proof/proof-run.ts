import type {
  CutoffState,
  ProofReport,
  ProofRow,
  ProofSet,
} from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
import type { CartConnector } from "../carts/connector.js";
import { compareExportedOrders } from "../cutover/export-record.js";
import { createLogger } from "../logging/logger.js";
import type { OrderFilter } from "../mapping/order-filter.js";
import { addToTotals } from "../money/money.js";
import { replacedExportCutoffOf, type CutoverLedgerView } from "../cutover/ledger-view.js";
import { classifyOrder, PROOF_SETS, type ProofExport } from "./proof-classify.js";
import { proofMessages } from "./proof-messages.js";

const log = createLogger("proof");

/** Hours before and after the cut-off that a proof covers by default. */
export const DEFAULT_PROOF_HOURS = 48;
const HOUR_MS = 3_600_000;

export type ProofInput = {
  connector: CartConnector;
  ledger: CutoverLedgerView;
  cutoff: CutoffState;
  /** The saved Go live settings, or null before they were saved. */
  goLive: { importFromUtc: string; filter: OrderFilter } | null;
  /** The exports made for this cut-off. */
  exports: readonly ProofExport[];
  /** The sync's overlap: how far before Last Order from its next run starts. */
  overlapMs: number;
  hoursAround?: number;
  nowMs: number;
  generatedAtUtc?: string;
  pageSize?: number;
  signal?: AbortSignal;
};

type ProofWindow = { fromUtc: string; toUtc: string; requestedToUtc: string };

/**
 * Works out the window: the requested hours on each side of the cut-off,
 * ending no later than now. After the cut-off it also ends at Last Order
 * from, because orders after it belong to the sync's next run and are not
 * missing.
 */
export function proofWindowOf(input: ProofInput): ProofWindow {
  const cutMs = Date.parse(input.cutoff.cutoffUtc);
  const spanMs = (input.hoursAround ?? DEFAULT_PROOF_HOURS) * HOUR_MS;
  const requestedToMs = Math.max(cutMs, Math.min(cutMs + spanMs, input.nowMs));
  const mark = input.goLive ? input.ledger.lastOrderFromUtc : null;
  const coveredMs = mark ? Math.max(cutMs, Date.parse(mark)) : cutMs;
  return {
    fromUtc: new Date(cutMs - spanMs).toISOString(),
    toUtc: new Date(Math.min(requestedToMs, coveredMs)).toISOString(),
    requestedToUtc: new Date(requestedToMs).toISOString(),
  };
}

function nextRunFromOf(input: ProofInput): string | null {
  if (!input.goLive) return null;
  const mark = input.ledger.lastOrderFromUtc;
  if (!mark) return input.goLive.importFromUtc;
  const importFromMs = Date.parse(input.goLive.importFromUtc);
  const fromMs = Math.max(importFromMs, Date.parse(mark) - input.overlapMs);
  return new Date(fromMs).toISOString();
}

async function listWindow(
  input: ProofInput,
  window: ProofWindow,
): Promise<CartOrder[]> {
  const byId = new Map<string, CartOrder>();
  const pages = input.connector.listOrders({
    createdFromUtc: window.fromUtc,
    createdToUtc: window.toUtc,
    pageSize: input.pageSize ?? 250,
    signal: input.signal,
  });
  for await (const page of pages) {
    for (const order of page.orders) {
      // The connector's window is half-open already; this guards against a
      // cart that ignores its filter, which would put foreign orders here.
      const createdMs = Date.parse(order.createdAtUtc);
      const inWindow =
        createdMs >= Date.parse(window.fromUtc) &&
        createdMs < Date.parse(window.toUtc);
      if (inWindow) byId.set(order.orderId, order);
    }
  }
  return [...byId.values()];
}

type Tally = Pick<ProofReport, "counts" | "totalsByCurrency">;

function tally(rows: readonly ProofRow[]): Tally {
  const counts = {
    exported: 0,
    imported: 0,
    excluded: 0,
    missing: 0,
    doubled: 0,
  };
  const totalsByCurrency = Object.fromEntries(
    PROOF_SETS.map((set) => [set, {}]),
  ) as Record<ProofSet, Record<string, number>>;
  for (const row of rows) {
    counts[row.set]++;
    if (row.foundIn.length > 1) counts.doubled++;
    addToTotals(totalsByCurrency[row.set], row.currency, row.totalMinor);
  }
  return { counts, totalsByCurrency };
}

/**
 * Adds, after the verdict, the orders created after the cut-off that an
 * export made while another cut-off was set also has. The proof places them
 * on the sync's side, but they are in both systems if that export went to
 * the old system, which the app cannot tell.
 */
function withReplacedExportNote(
  messages: string[],
  orders: readonly CartOrder[],
  input: ProofInput,
): string[] {
  const cutoffMs = Date.parse(input.cutoff.cutoffUtc);
  const concerned = orders.filter(
    (order) =>
      Date.parse(order.createdAtUtc) >= cutoffMs &&
      replacedExportCutoffOf(input.ledger, order, input.cutoff.cutoffUtc) !== undefined,
  );
  if (concerned.length === 0) return messages;
  const numbers = concerned.map((order) => order.orderNumber).join(", ");
  const note = `Check: ${concerned.length} order(s) created after the cut-off are also in an export made while another cut-off was set: ${numbers}. If that export went to the old system, delete them there, or they are in both systems.`;
  return [messages[0]!, note, ...messages.slice(1)];
}

/**
 * Builds the cut-over proof: every cart order created in the window, read
 * with any status, goes into exactly one of exported, imported, excluded
 * or missing, and an order found both exported and imported is doubled.
 * Writes nothing; saveProof writes the files.
 */
export async function buildProof(input: ProofInput): Promise<ProofReport> {
  const window = proofWindowOf(input);
  log.info("proof started", { from: window.fromUtc, to: window.toUtc });
  const orders = await listWindow(input, window);
  const context = {
    cutoffUtc: input.cutoff.cutoffUtc,
    timeZone: input.cutoff.timeZone,
    ledger: input.ledger,
    exports: input.exports,
    syncFilter: input.goLive?.filter ?? null,
    nextRunFromUtc: nextRunFromOf(input),
  };
  const rows = orders
    .map((order) => classifyOrder(order, context))
    .sort(compareExportedOrders);
  const { counts, totalsByCurrency } = tally(rows);
  const partial = {
    cutoffUtc: input.cutoff.cutoffUtc,
    timeZone: input.cutoff.timeZone,
    window: { fromUtc: window.fromUtc, toUtc: window.toUtc },
    counts,
    rows,
  };
  const report: ProofReport = {
    ...partial,
    generatedAtUtc: input.generatedAtUtc ?? new Date(input.nowMs).toISOString(),
    totalsByCurrency,
    // A window with no orders proves nothing, so it is never reported clean.
    clean: rows.length > 0 && counts.missing === 0 && counts.doubled === 0,
    messages: withReplacedExportNote(
      proofMessages(partial, {
        requestedToUtc: window.requestedToUtc,
        lastOrderFromUtc: input.goLive ? input.ledger.lastOrderFromUtc : null,
        exportsMade: input.exports.length,
      }),
      orders,
      input,
    ),
    files: null,
  };
  log.info("proof finished", { ...counts, clean: report.clean });
  return report;
}
