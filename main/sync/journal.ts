import { closeSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * An append-only file of JSON lines, synced to disk on every append. A crash
 * can leave only a partial last line, which opening drops. Appending costs
 * the same however long the file is: nothing is ever rewritten.
 */
export class Journal<T> {
  private readonly fd: number;

  private constructor(
    readonly path: string,
    fd: number,
    readonly records: readonly T[],
  ) {
    this.fd = fd;
  }

  /** Opens or creates the journal and returns it with every complete record read. */
  static open<T>(path: string): Journal<T> {
    mkdirSync(dirname(path), { recursive: true });
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }

    const records: T[] = [];
    let completeBytes = 0;
    let lineStart = 0;
    for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", lineStart)) {
      const line = text.slice(lineStart, index);
      lineStart = index + 1;
      if (line.trim() === "") {
        completeBytes += Buffer.byteLength(line) + 1;
        continue;
      }
      records.push(JSON.parse(line) as T);
      completeBytes += Buffer.byteLength(line) + 1;
    }

    const fd = openSync(path, "a+");
    if (completeBytes < Buffer.byteLength(text)) {
      // A write cut short by a crash: its record was never acknowledged.
      ftruncateSync(fd, completeBytes);
      fdatasyncSync(fd);
    }
    return new Journal<T>(path, fd, records);
  }

  /** Appends records in one write and one sync; returns once they are on disk. */
  append(records: readonly T[]): void {
    if (records.length === 0) return;
    const text = records.map((record) => JSON.stringify(record)).join("\n") + "\n";
    writeSync(this.fd, text);
    fdatasyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
