/**
 * The environment variable through which scripts/start.ts requests that the
 * Electron process report when its window is on screen. The value is the
 * line to print on stdout. Until that line arrives, start.ts treats an exit
 * of Electron as a failure to start and opens browser mode instead.
 */
export const READY_LINE_VARIABLE = "CART_CUTOVER_READY_LINE";

/** Prints the line that start.ts waits for, when start.ts requested one. */
export function announceWindowShown(): void {
  const line = process.env[READY_LINE_VARIABLE];
  if (line) process.stdout.write(`${line}\n`);
}
