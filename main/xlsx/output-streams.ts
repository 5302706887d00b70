import { once } from "node:events";
import type { Writable } from "node:stream";

/** Waits for a stream to drain, or rejects with its error: a failed stream never emits drain. */
export async function drained(stream: Writable): Promise<void> {
  if (stream.errored) throw stream.errored;
  await once(stream, "drain");
}

/**
 * Destroys a stream being abandoned and waits until it is closed. A write
 * still in flight may fail, which no longer matters, so errors are ignored.
 */
export async function abandonStream(stream: Writable & { closed: boolean }): Promise<void> {
  stream.on("error", () => undefined);
  if (stream.closed) return;
  const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
  if (!stream.destroyed) stream.destroy();
  await closed;
}
