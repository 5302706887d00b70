import { CartError } from "../../../main/carts/cart-error.js";
import { setLogSink } from "../../../main/logging/logger.js";

/** Log lines written since `start`, as the logger's sink received them (after its redaction). */
export type LogCapture = {
  readonly lines: string[];
  start(): void;
  stop(): void;
};

export function createLogCapture(): LogCapture {
  const lines: string[] = [];
  return {
    lines,
    start() {
      lines.length = 0;
      setLogSink((line) => lines.push(line));
    },
    stop() {
      setLogSink(() => {});
    },
  };
}

/** Awaits a promise that must fail with a CartError and returns that error. */
export async function cartFailureOf(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) {
    throw new Error(`expected a CartError, got ${error === null ? "success" : String(error)}`);
  }
  return error;
}

/** Lists the texts among `texts` that contain one of `secrets`, with the secret masked, for a readable failure. */
export function textsWithSecrets(texts: string[], secrets: string[]): string[] {
  const present = secrets.filter((secret) => secret.length > 0);
  return texts
    .filter((text) => present.some((secret) => text.includes(secret)))
    .map((text) => present.reduce((masked, secret) => masked.split(secret).join("<secret>"), text));
}
