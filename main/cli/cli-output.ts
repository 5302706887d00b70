import type { SyncStatus } from "../../preload/contract.js";
import { formatMoney } from "../money/money.js";

/** Prints a result as JSON, or as the plain lines given, depending on --json. */
export function printResult(json: boolean, value: unknown, lines: () => string[]): void {
  if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${lines().join("\n")}\n`);
}

export function formatTotals(totals: Record<string, number>): string {
  const parts = Object.entries(totals).map(([currency, minor]) => formatMoney(minor, currency));
  return parts.length ? parts.join(", ") : "none";
}

export function statusLines(status: SyncStatus): string[] {
  const lines = [
    `Auto Sync: ${status.state}${status.busy ? " (a run is in progress)" : ""}`,
    `Import Orders from: ${status.importFromUtc ?? "not set"}`,
    `Last Order from: ${status.lastOrderFromUtc ?? "not yet"}`,
    `Last run: ${status.lastRunAtUtc ?? "never"}`,
    `Next run: ${status.nextRunAtUtc ?? "not scheduled"}`,
    `Orders imported: ${status.ordersImported}`,
  ];
  if (status.credentialAlert) lines.push(`Credential alert: ${status.credentialAlert}`);
  for (const failed of status.failedOrders) lines.push(`Failed order ${failed.orderNumber} (${failed.cartOrderId}): ${failed.reason}`);
  for (const changed of status.changedOrders) lines.push(`Changed after import: ${changed.orderNumber} was ${changed.change}`);
  for (const run of status.history.slice(0, 10)) {
    const skipped = Object.values(run.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
    lines.push(
      `Run ${run.startedAtUtc} to ${run.endedAtUtc ?? "…"} window ${run.window?.fromUtc ?? "-"} to ${run.window?.toUtc ?? "-"}: ${run.pages} pages, ${run.imported} imported, ${skipped} skipped, ${run.failed} failed, ${run.retries} retries${run.error ? `, error: ${run.error}` : ""}`,
    );
  }
  return lines;
}
