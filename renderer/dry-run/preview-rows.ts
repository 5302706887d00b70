import type {
  FindingCode,
  FindingSeverity,
} from "../../main/mapping/findings.js";
import type { AppState, Preview, PreviewRow } from "../../preload/contract.js";
import { SEVERITY_ORDER } from "../format/labels.js";

/** The filter value that shows every order. */
export const ALL_ORDERS = "all";
/** The filter value that shows the orders without any finding. */
export const NO_FINDINGS = "none";

export type FindingFilter =
  | FindingCode
  | typeof ALL_ORDERS
  | typeof NO_FINDINGS;

/**
 * Returns the worst severity among a row's findings, or null when it has none.
 */
export function worstSeverityOf(row: PreviewRow): FindingSeverity | null {
  for (const severity of SEVERITY_ORDER) {
    if (row.findings.some((finding) => finding.severity === severity)) {
      return severity;
    }
  }
  return null;
}

export function filterRows(
  rows: PreviewRow[],
  filter: FindingFilter,
): PreviewRow[] {
  if (filter === ALL_ORDERS) return rows;
  if (filter === NO_FINDINGS) {
    return rows.filter((row) => row.findings.length === 0);
  }
  return rows.filter((row) =>
    row.findings.some((finding) => finding.code === filter),
  );
}

/** Returns the name to show for an order's customer. */
export function customerNameOf(row: PreviewRow): string {
  const { customer } = row.document;
  if (customer.name.trim()) return customer.name;
  if (customer.email) return customer.email;
  return customer.isGuest ? "Guest" : "(no name)";
}

/**
 * Returns the store's zone for a preview's times. A preview file does not
 * name its store's zone, so the zone is known only when the preview comes
 * from the store that is connected now. Null means times are shown in UTC.
 */
export function previewTimeZoneOf(
  preview: Preview,
  appState: AppState,
): string | null {
  const connection = appState.connection;
  if (!connection || !appState.store) return null;
  const sameStore =
    appState.store.platform === preview.platform &&
    appState.store.storeUrl === preview.storeUrl;
  return sameStore ? connection.report.timeZone : null;
}
