import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

const READ_CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Reads every complete line of an open file, in chunks, so that a journal
 * larger than the maximum string length still opens. Returns the records
 * and the byte length of the lines to keep: a last line that does not parse
 * (a write torn by a power cut) is dropped like a partial one.
 */
function readCompleteLines<T>(fd: number, path: string): { records: T[]; completeBytes: number } {
  const records: T[] = [];
  const chunk = Buffer.alloc(READ_CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  let position = 0;
  let completeBytes = 0;
  let lineNumber = 0;
  // A line that does not parse is a torn write only when nothing follows it.
  let damaged: { lineNumber: number; offsetBytes: number } | null = null;

  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) break;
    position += read;
    const bytes = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
    let lineStart = 0;
    for (let index = bytes.indexOf(NEWLINE); index >= 0; index = bytes.indexOf(NEWLINE, lineStart)) {
      lineNumber++;
      const line = bytes.toString("utf8", lineStart, index);
      if (line.trim() !== "") {
        if (damaged) throw damagedJournal(path, damaged.lineNumber);
        try {
          records.push(JSON.parse(line) as T);
        } catch {
          damaged = { lineNumber, offsetBytes: completeBytes };
        }
      }
      completeBytes += index + 1 - lineStart;
      lineStart = index + 1;
    }
    carry = Buffer.from(bytes.subarray(lineStart));
  }
  return { records, completeBytes: damaged ? damaged.offsetBytes : completeBytes };
}

function damagedJournal(path: string, lineNumber: number): Error {
  return new Error(
    `Line ${lineNumber} of ${path} is not valid JSON and more records follow it, so the file was changed or damaged outside Cart Cutover. Restore it from a backup.`,
  );
}

/**
 * An append-only file of JSON lines, synced to disk on every append. A crash
 * can leave only a partial last line, which opening drops. Appending costs
 * the same however long the file is: nothing is ever rewritten.
 */
export class Journal<T> {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    /** Bytes of complete records; a failed append is cut back to it. */
    private sizeBytes: number,
    readonly records: readonly T[],
  ) {}

  /** Opens or creates the journal and returns it with every complete record read. */
  static open<T>(path: string): Journal<T> {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, "a+");
    try {
      const { records, completeBytes } = readCompleteLines<T>(fd, path);
      if (completeBytes < fstatSync(fd).size) {
        // A write cut short by a crash: its record was never acknowledged.
        ftruncateSync(fd, completeBytes);
        fdatasyncSync(fd);
      }
      return new Journal<T>(path, fd, completeBytes, records);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * Appends records in one write and one sync, and returns once they are on
   * disk. When the write fails (a full disk, say), the file is cut back to
   * its last complete record, so that a later append cannot land behind a
   * partial line.
   */
  append(records: readonly T[]): void {
    if (records.length === 0) return;
    if (this.closed) throw new Error(`The journal ${this.path} is closed`);
    const bytes = Buffer.from(records.map((record) => JSON.stringify(record)).join("\n") + "\n", "utf8");
    try {
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(this.fd, bytes, written, bytes.length - written);
      }
      fdatasyncSync(this.fd);
    } catch (error) {
      ftruncateSync(this.fd, this.sizeBytes);
      throw error;
    }
    this.sizeBytes += bytes.length;
  }

  /** Size of the file in bytes, all of it complete records. */
  get size(): number {
    return this.sizeBytes;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
