/** Bounds on how long and how often one logical request is retried. */
export type RetryPolicy = {
  /** Attempts for 5xx answers, stalls, resets and malformed bodies. */
  maxFailureAttempts: number;
  /** Total time a request may spend waiting on rate limits before it gives up. */
  rateLimitBudgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut down to it. */
  maxRetryAfterMs: number;
  /** Time one attempt may take before it counts as a stall. */
  attemptTimeoutMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxFailureAttempts: 6,
  rateLimitBudgetMs: 15 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  attemptTimeoutMs: 30_000,
};

/** Policy for tests and benchmarks against local simulators: short waits. */
export const FAST_RETRY_POLICY: RetryPolicy = {
  maxFailureAttempts: 6,
  rateLimitBudgetMs: 60_000,
  baseDelayMs: 5,
  maxDelayMs: 50,
  maxRetryAfterMs: 10_000,
  attemptTimeoutMs: 2_000,
};

/** Returns a full-jitter exponential backoff delay for the given attempt (1-based). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Parses a Retry-After header, in seconds (fractions allowed, as Shopify
 * sends "2.0") or as an HTTP date. Returns null when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | undefined, nowMs = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
