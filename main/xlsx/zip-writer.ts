import type { Writable } from "node:stream";
import { constants, crc32, deflateRaw } from "node:zlib";
import { drained } from "./output-streams.js";

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Version 2.0: deflate, the most a reader needs for these archives. */
const VERSION = 20;
/** Bit 3: sizes and CRC follow the data. Bit 11: names are UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
const MAX_32_BIT = 0xffffffff;
/** Segments an entry may have in deflate before write() returns false. */
const MAX_SEGMENTS_IN_FLIGHT = 4;
/** A final empty block with fixed codes: the end of a raw deflate stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * Deflates one segment of an entry on zlib's thread pool, on its own and
 * ending on a sync flush. Such segments, written one after another and
 * closed by FINAL_BLOCK, form one valid deflate stream, so the segments of
 * an entry can be compressed while the caller builds the next ones.
 */
function deflateSegment(chunk: Buffer, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    deflateRaw(
      chunk,
      {
        level,
        finishFlush: constants.Z_SYNC_FLUSH,
        // Room for the whole output lets zlib finish in one pass, with no
        // round trip to the main thread. Stored blocks add 5 bytes per 16 KiB.
        chunkSize: Math.max(16 * 1024, chunk.length + (chunk.length >> 10) + 1024),
      },
      (error, compressed) => (error ? reject(error) : resolve(compressed)),
    );
  });
}

type CentralRecord = {
  name: Buffer;
  crc: number;
  compressedBytes: number;
  uncompressedBytes: number;
  offset: number;
};

/**
 * Converts an instant to the MS-DOS date and time of a zip entry, from its
 * UTC fields, so the archive bytes do not depend on the machine's zone.
 */
export function dosDateTimeOf(instant: Date): { date: number; time: number } {
  const year = Math.min(Math.max(instant.getUTCFullYear(), 1980), 2107);
  return {
    date:
      ((year - 1980) << 9) |
      ((instant.getUTCMonth() + 1) << 5) |
      instant.getUTCDate(),
    time:
      (instant.getUTCHours() << 11) |
      (instant.getUTCMinutes() << 5) |
      Math.floor(instant.getUTCSeconds() / 2),
  };
}

/** One deflated entry being written; write() returns false when the caller should await drain(). */
export type ZipEntry = {
  write(chunk: Buffer): boolean;
  drain(): Promise<void>;
  end(): Promise<void>;
};

/**
 * Writes a zip archive entry by entry onto a stream, deflating the
 * segments of each entry on zlib's thread pool while the caller produces
 * the next ones. Every
 * entry carries the same modification time, so the same content always
 * gives the same archive. Entries and offsets are limited to 4 GiB: an
 * entry that passes it fails with an error rather than a corrupt archive.
 */
export class ZipWriter {
  private readonly records: CentralRecord[] = [];
  private readonly dosTime: { date: number; time: number };
  private offset = 0;
  private open: { aborted: boolean } | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly output: Writable,
    modifiedAt: Date,
    private readonly level = constants.Z_DEFAULT_COMPRESSION,
  ) {
    this.dosTime = dosDateTimeOf(modifiedAt);
    output.on("error", (error: Error) => {
      this.failure ??= error;
    });
  }

  /** Starts an entry; only one entry can be open at a time. */
  async entry(name: string): Promise<ZipEntry> {
    if (this.open) throw new Error(`Zip entry ${name} started before the previous one ended`);
    const nameBytes = Buffer.from(name, "utf8");
    const record: CentralRecord = {
      name: nameBytes,
      crc: 0,
      compressedBytes: 0,
      uncompressedBytes: 0,
      offset: this.offset,
    };
    await this.put(this.localHeader(nameBytes));

    // Segments being deflated, in entry order.
    const segments: Promise<Buffer>[] = [];
    const open = { aborted: false };
    this.open = open;
    const writeOldest = async () => {
      const segment = await segments.shift()!;
      if (open.aborted) throw new Error(`Zip entry ${name} was aborted`);
      record.compressedBytes += segment.length;
      await this.put(segment);
    };
    return {
      write: (chunk) => {
        record.crc = crc32(chunk, record.crc);
        record.uncompressedBytes += chunk.length;
        const segment = deflateSegment(chunk, this.level);
        // After abort() no code awaits the segment, and its error no longer matters.
        segment.catch(() => undefined);
        segments.push(segment);
        return segments.length < MAX_SEGMENTS_IN_FLIGHT;
      },
      drain: async () => {
        while (segments.length >= MAX_SEGMENTS_IN_FLIGHT) await writeOldest();
      },
      end: async () => {
        while (segments.length > 0) await writeOldest();
        record.compressedBytes += FINAL_BLOCK.length;
        await this.put(FINAL_BLOCK);
        this.open = null;
        this.checkSize(name, record);
        this.records.push(record);
        await this.put(this.dataDescriptor(record));
      },
    };
  }

  /** Writes a whole entry from one buffer or string. */
  async add(name: string, content: Buffer | string): Promise<void> {
    const entry = await this.entry(name);
    entry.write(typeof content === "string" ? Buffer.from(content, "utf8") : content);
    await entry.end();
  }

  /** Stops the open entry; the caller closes the output and removes the file. */
  abort(): void {
    if (this.open) this.open.aborted = true;
    this.open = null;
  }

  /** Writes the central directory and ends the output stream. */
  async finish(): Promise<void> {
    if (this.open) throw new Error("The zip was finished with an entry still open");
    const directoryOffset = this.offset;
    for (const record of this.records) await this.put(this.centralHeader(record));
    const directoryBytes = this.offset - directoryOffset;
    if (this.offset > MAX_32_BIT) {
      throw new Error("The zip archive passed 4 GiB, which needs Zip64");
    }
    await this.put(this.endOfDirectory(directoryOffset, directoryBytes));
    if (this.output.errored) throw this.output.errored;
    await new Promise<void>((resolve, reject) => {
      this.output.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  private async put(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.offset += bytes.length;
    if (!this.output.write(bytes)) await drained(this.output);
  }

  private checkSize(name: string, record: CentralRecord): void {
    const largest = Math.max(
      record.compressedBytes,
      record.uncompressedBytes,
      this.offset,
    );
    if (largest > MAX_32_BIT) {
      throw new Error(`Zip entry ${name} passed 4 GiB, which needs Zip64`);
    }
  }

  private localHeader(name: Buffer): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.dosTime.time, 10);
    header.writeUInt16LE(this.dosTime.date, 12);
    // CRC and sizes (bytes 14 to 25) stay zero: the data descriptor has them.
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name]);
  }

  private dataDescriptor(record: CentralRecord): Buffer {
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(record.crc, 4);
    descriptor.writeUInt32LE(record.compressedBytes, 8);
    descriptor.writeUInt32LE(record.uncompressedBytes, 12);
    return descriptor;
  }

  private centralHeader(record: CentralRecord): Buffer {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(FLAGS, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(this.dosTime.time, 12);
    header.writeUInt16LE(this.dosTime.date, 14);
    header.writeUInt32LE(record.crc, 16);
    header.writeUInt32LE(record.compressedBytes, 20);
    header.writeUInt32LE(record.uncompressedBytes, 24);
    header.writeUInt16LE(record.name.length, 28);
    // Extra field, comment, disk number and attributes (bytes 30 to 41) stay zero.
    header.writeUInt32LE(record.offset, 42);
    return Buffer.concat([header, record.name]);
  }

  private endOfDirectory(directoryOffset: number, directoryBytes: number): Buffer {
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(directoryBytes, 12);
    end.writeUInt32LE(directoryOffset, 16);
    return end;
  }
}
