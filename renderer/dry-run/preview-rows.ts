import type { FindingCode } from "../../main/mapping/findings.js";
import type {
  AppState,
  PreviewListRow,
  PreviewView,
} from "../../preload/contract.js";

/** The filter value that shows every order. */
export const ALL_ORDERS = "all";
/** The filter value that shows the orders without any finding. */
export const NO_FINDINGS = "none";

export type FindingFilter =
  | FindingCode
  | typeof ALL_ORDERS
  | typeof NO_FINDINGS;

/**
 * Returns the rows that match a filter. "All orders" returns the same array,
 * so the table keeps its row keys and measurements.
 */
export function filterRows(
  rows: readonly PreviewListRow[],
  filter: FindingFilter,
): readonly PreviewListRow[] {
  if (filter === ALL_ORDERS) return rows;
  if (filter === NO_FINDINGS) {
    return rows.filter((row) => row.findingCodes.length === 0);
  }
  return rows.filter((row) => row.findingCodes.includes(filter));
}

export type FindingCounts = {
  /** Orders with each finding kind at least once, in order of first appearance. */
  ordersPerFinding: Map<FindingCode, number>;
  ordersWithoutFindings: number;
};

/** Counts the orders per finding kind in one pass over the rows. */
export function countOrdersPerFinding(
  rows: readonly PreviewListRow[],
): FindingCounts {
  const ordersPerFinding = new Map<FindingCode, number>();
  let ordersWithoutFindings = 0;
  for (const row of rows) {
    if (row.findingCodes.length === 0) ordersWithoutFindings++;
    // The light rows list each code once, so each order counts once per code.
    for (const code of row.findingCodes) {
      ordersPerFinding.set(code, (ordersPerFinding.get(code) ?? 0) + 1);
    }
  }
  return { ordersPerFinding, ordersWithoutFindings };
}

/** Returns the name to show for an order's customer. */
export function customerNameOf(row: PreviewListRow): string {
  return row.customerName.trim() || "(no name)";
}

/**
 * Returns the store's zone for a preview's times. Previews record their
 * store's zone. For an older preview without it, the zone of the connected
 * store is used when the preview comes from that store. Null means times are
 * shown in UTC.
 */
export function previewTimeZoneOf(
  preview: PreviewView,
  appState: AppState,
): string | null {
  if (preview.timeZone) return preview.timeZone;
  const connection = appState.connection;
  if (!connection || !appState.store) return null;
  const sameStore =
    appState.store.platform === preview.platform &&
    appState.store.storeUrl === preview.storeUrl;
  return sameStore ? connection.report.timeZone : null;
}
