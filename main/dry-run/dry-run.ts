import type { Preview, PreviewRow, PreviewSummary } from "../../preload/contract.js";
import type { CartOrder } from "../carts/cart-order.js";
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
  return {
    orders: rows.length,
    importable,
    excluded,
    findings: countFindings(rows.map((row) => row.findings)),
    totalsByCurrency,
  };
}

/** Maps one cart order into its preview row, with the same mapping the sync uses. */
export function previewRowOf(order: CartOrder, mapping: MappingOptions): PreviewRow {
  const mapped = mapOrder(order, mapping);
  return {
    order,
    document: mapped.document,
    findings: mapped.findings,
    importable: mapped.importable,
    exclusion: exclusionReason(order, mapping.filter),
  };
}

/**
 * Runs a dry run: lists the window's orders and maps each through the same
 * mapping as the sync. It only reads from the cart. It writes to no
 * destination, to no sync state and to no file, because savePreviewFiles
 * saves the result.
 */
export async function runDryRun(input: DryRunInput): Promise<Preview> {
  const { fromUtc, toUtc } = input.window;
  log.info("dry run started", { platform: input.connector.platform, from: fromUtc, to: toUtc });
  const rows: PreviewRow[] = [];
  let pages = 0;
  const listing = input.connector.listOrders({
    createdFromUtc: fromUtc,
    createdToUtc: toUtc,
    pageSize: 250,
    signal: input.signal,
  });
  for await (const page of listing) {
    pages++;
    for (const order of page.orders) rows.push(previewRowOf(order, input.mapping));
  }

  const summary = summarizeRows(rows);
  log.info("dry run finished", {
    orders: rows.length,
    pages,
    importable: summary.importable,
    findings: summary.findings,
  });
  return {
    formatVersion: 1,
    storeName: input.store.storeName,
    platform: input.connector.platform,
    storeUrl: input.store.storeUrl,
    window: input.window,
    createdAtUtc: new Date(input.now()).toISOString(),
    documentKind: input.mapping.documentKind,
    rows,
    summary,
    openedFromFile: null,
  };
}
