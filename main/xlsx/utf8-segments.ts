const SEGMENT_BYTES = 512 * 1024;
/** Most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Encodes text as UTF-8 into buffers of about 512 KiB. Many small writes
 * into one buffer cost much less than a stream write or a Buffer.from per
 * small string, or than encoding one long concatenated string.
 */
export class Utf8Segments {
  private segment = Buffer.allocUnsafe(SEGMENT_BYTES);
  private used = 0;

  /** Encodes text. Returns the full segment the text did not fit in, which the caller sends on, or null. */
  append(text: string): Buffer | null {
    const maxBytes = text.length * MAX_BYTES_PER_CHAR;
    let full: Buffer | null = null;
    if (this.segment.length - this.used < maxBytes) {
      full = this.take();
      if (maxBytes > this.segment.length) this.segment = Buffer.allocUnsafe(maxBytes);
    }
    this.used += this.segment.write(text, this.used);
    return full;
  }

  /** Returns the bytes encoded so far and starts a new segment; null when there are none. */
  take(): Buffer | null {
    if (this.used === 0) return null;
    const full = this.segment.subarray(0, this.used);
    this.segment = Buffer.allocUnsafe(SEGMENT_BYTES);
    this.used = 0;
    return full;
  }
}
