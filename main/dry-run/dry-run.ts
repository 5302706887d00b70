import type { Preview, PreviewRow, PreviewSummary } from "../../preload/contract.js";
import type { CartConnector } from "../carts/connector.js";
import { createLogger } from "../logging/logger.js";
import { countFindings } from "../mapping/findings.js";
import { mapOrder, type MappingOptions } from "../mapping/map-order.js";
import { exclusionReason, type ExclusionReason } from "../mapping/order-filter.js";
import { addToTotals } from "../money/money.js";

const log = createLogger("dry-run");

export type DryRunInput = {
  connector: CartConnector;
  mapping: MappingOptions;
  window: { fromUtc: string; toUtc: string };
  store: { storeName: string; storeUrl: string };
  now: () => number;
  signal?: AbortSignal;
};

/** Summarizes preview rows: counts, exclusions, findings by kind and totals per currency. */
export function summarizeRows(rows: readonly PreviewRow[]): PreviewSummary {
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const totalsByCurrency: Record<string, number> = {};
  let importable = 0;
  for (const row of rows) {
    if (row.exclusion) excluded[row.exclusion] = (excluded[row.exclusion] ?? 0) + 1;
    if (row.importable) {
      importable++;
      addToTotals(totalsByCurrency, row.document.currency, row.document.totalMinor);
    }
  }
  return { orders: rows.length, importable, excluded, findings: countFindings(rows.map((row) => row.findings)), totalsByCurrency };
}

/**
 * Runs a dry run: lists the window's orders and maps each through the same
 * mapping as the sync. Pure with respect to every destination, the sync
 * ledger and the cart: it only reads.
 */
export async function runDryRun(input: DryRunInput): Promise<Preview> {
  const rows: PreviewRow[] = [];
  for await (const page of input.connector.listOrders({ createdFromUtc: input.window.fromUtc, createdToUtc: input.window.toUtc, pageSize: 250, signal: input.signal })) {
    for (const order of page.orders) {
      const mapped = mapOrder(order, input.mapping);
      rows.push({ order, document: mapped.document, findings: mapped.findings, importable: mapped.importable, exclusion: exclusionReason(order, input.mapping.filter) });
    }
  }
  log.info("dry run finished", { orders: rows.length, from: input.window.fromUtc, to: input.window.toUtc });
  return {
    formatVersion: 1,
    storeName: input.store.storeName,
    platform: input.connector.platform,
    storeUrl: input.store.storeUrl,
    window: input.window,
    createdAtUtc: new Date(input.now()).toISOString(),
    documentKind: input.mapping.documentKind,
    rows,
    summary: summarizeRows(rows),
    openedFromFile: null,
  };
}
