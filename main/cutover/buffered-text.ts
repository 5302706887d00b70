import { once } from "node:events";
import type { Writable } from "node:stream";

const SEGMENT_BYTES = 512 * 1024;

/** Waits for a stream to drain, or rejects with the error that ends it. */
async function drained(stream: Writable): Promise<void> {
  if (stream.errored) throw stream.errored;
  await once(stream, "drain");
}
/** Most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Encodes text as UTF-8 into large buffers and hands each full one to a
 * stream, which costs much less than a stream write per small string.
 */
export class BufferedText {
  private segment = Buffer.allocUnsafe(SEGMENT_BYTES);
  private used = 0;

  constructor(private readonly stream: Writable) {}

  /** Appends text; waits only when the stream is behind. */
  async write(text: string): Promise<void> {
    const maxBytes = text.length * MAX_BYTES_PER_CHAR;
    if (this.segment.length - this.used < maxBytes) {
      await this.flush();
      if (maxBytes > this.segment.length) this.segment = Buffer.allocUnsafe(maxBytes);
    }
    this.used += this.segment.write(text, this.used);
  }

  /** Writes what is buffered and ends the stream. */
  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.stream.errored) throw this.stream.errored;
  }

  private async flush(): Promise<void> {
    // A failed stream never emits drain, so waiting for it would hang.
    if (this.stream.errored) throw this.stream.errored;
    if (this.used === 0) return;
    const full = this.segment.subarray(0, this.used);
    this.segment = Buffer.allocUnsafe(SEGMENT_BYTES);
    this.used = 0;
    if (!this.stream.write(full)) await drained(this.stream);
  }
}
