import type { Writable } from "node:stream";
import { drained } from "../xlsx/output-streams.js";
import { Utf8Segments } from "../xlsx/utf8-segments.js";

/** Text written to a stream in large UTF-8 segments, one stream write per segment. */
export class BufferedText {
  private readonly segments = new Utf8Segments();

  constructor(private readonly stream: Writable) {}

  /** Appends text; waits only when the stream is behind. */
  async write(text: string): Promise<void> {
    const full = this.segments.append(text);
    if (full) await this.send(full);
  }

  /** Writes what is buffered and ends the stream. */
  async end(): Promise<void> {
    const rest = this.segments.take();
    if (rest) await this.send(rest);
    if (this.stream.errored) throw this.stream.errored;
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.stream.errored) throw this.stream.errored;
  }

  private async send(segment: Buffer): Promise<void> {
    if (this.stream.errored) throw this.stream.errored;
    if (!this.stream.write(segment)) await drained(this.stream);
  }
}
