/**
 * BigCommerce's per-store request quota: a fixed number of requests per
 * window, reported in X-Rate-Limit-* headers on every response. A request past
 * the quota gets 429 with the same headers and no Retry-After.
 */
export class RequestQuota {
  private windowStartMs = 0;
  private used = 0;

  constructor(
    private readonly quota: number,
    private readonly windowMs: number,
  ) {}

  take(nowMs = Date.now()): { exceeded: boolean; headers: Record<string, string> } {
    if (nowMs - this.windowStartMs >= this.windowMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    const exceeded = this.used >= this.quota;
    if (!exceeded) this.used += 1;
    const resetMs = Math.max(0, this.windowStartMs + this.windowMs - nowMs);
    return {
      exceeded,
      headers: {
        "x-rate-limit-time-window-ms": String(this.windowMs),
        "x-rate-limit-time-reset-ms": String(resetMs),
        "x-rate-limit-requests-quota": String(this.quota),
        "x-rate-limit-requests-left": String(this.quota - this.used),
      },
    };
  }
}
