import { join } from "node:path";

/** Returns the folder that receives the log files of a data folder. */
export function logFolderOf(dataDir: string): string {
  return join(dataDir, "logs");
}

/**
 * Returns the file that main/logging/logger.ts appends to on the UTC day of
 * `now`. NOTE: this repeats the logger's name pattern
 * "cart-cutover-YYYY-MM-DD.log", so the two must change together.
 */
export function logFileOf(logFolder: string, now = new Date()): string {
  return join(logFolder, `cart-cutover-${now.toISOString().slice(0, 10)}.log`);
}
