import { setTimeout as delay } from "node:timers/promises";
import type { SeedOrder } from "../../simulators/common/seed-order.js";

/**
 * The browser's own zone, which differs from the store's and from UTC, so
 * that a time read in the wrong zone shows as a wrong value.
 */
export const BROWSER_TIME_ZONE = "Europe/Berlin";

/** How long before the test starts the cut-off is set. */
const CUTOFF_AGE_MS = 60 * 60_000;

/**
 * Returns the cut-off an hour before `nowMs`, in whole seconds, because the
 * datetime-local input takes no fractions.
 */
export function cutoffBefore(nowMs: number): {
  cutoffMs: number;
  cutoffUtc: string;
} {
  const cutoffMs = Math.floor((nowMs - CUTOFF_AGE_MS) / 1000) * 1000;
  return { cutoffMs, cutoffUtc: new Date(cutoffMs).toISOString() };
}

/**
 * Formats an instant as a datetime-local value ("YYYY-MM-DDTHH:mm:ss") in
 * a zone, the way a person reads the store's clock.
 */
export function wallClockIn(instantMs: number, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(instantMs);
  return formatted.replace(" ", "T");
}

/** Formats an instant as the wizard prints a wall-clock time in a zone. */
export function shownWallClock(instantMs: number, timeZone: string): string {
  return wallClockIn(instantMs, timeZone).replace("T", " ");
}

/** Formats an instant as the wizard prints UTC: "YYYY-MM-DD HH:mm:ss UTC". */
export function utcText(instantUtc: string): string {
  const iso = new Date(Date.parse(instantUtc)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * Waits until the clock has passed the whole second after the newest of
 * the orders. A sync window ends at the start of the current second, so a
 * run that begins earlier would leave an order created within that second
 * to the next run.
 */
export async function waitForSecondAfter(orders: SeedOrder[]): Promise<void> {
  const createdAtMs = orders.map((order) => Date.parse(order.createdAtUtc));
  const newestSecondMs = Math.floor(Math.max(...createdAtMs) / 1000) * 1000;
  const nextSecondMs = newestSecondMs + 1000;
  await delay(Math.max(0, nextSecondMs - Date.now()));
}
