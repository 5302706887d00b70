/** The `extensions.cost.throttleStatus` of a GraphQL response. */
export type ThrottleStatus = {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
};

/** The `extensions.cost` of a GraphQL response; actualQueryCost is null when throttled. */
export type QueryCost = {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
};

/** Reads `extensions.cost` from a parsed GraphQL body, or returns null when it is absent or malformed. */
export function readQueryCost(body: unknown): QueryCost | null {
  const cost = (body as { extensions?: { cost?: unknown } } | null)?.extensions?.cost;
  if (!cost || typeof cost !== "object") return null;
  const { requestedQueryCost, actualQueryCost, throttleStatus } = cost as Record<string, unknown>;
  const status = throttleStatus as Record<string, unknown> | undefined;
  if (typeof requestedQueryCost !== "number" || !status) return null;
  const { maximumAvailable, currentlyAvailable, restoreRate } = status;
  if (
    typeof maximumAvailable !== "number" ||
    typeof currentlyAvailable !== "number" ||
    typeof restoreRate !== "number" ||
    restoreRate <= 0
  ) {
    return null;
  }
  return {
    requestedQueryCost,
    actualQueryCost: typeof actualQueryCost === "number" ? actualQueryCost : null,
    throttleStatus: { maximumAvailable, currentlyAvailable, restoreRate },
  };
}

/** Returns the wait in ms until a bucket holding `available` points can pay `cost`. */
export function waitForPointsMs(cost: number, available: number, restoreRate: number): number {
  if (cost <= available) return 0;
  return Math.ceil(((cost - available) / restoreRate) * 1000);
}

/**
 * The client's picture of Shopify's cost bucket, from the last response. The
 * estimate of restored points starts when the response arrived, which is
 * after Shopify measured the bucket, so it never overstates what is there.
 */
export class CostBucket {
  private last: { status: ThrottleStatus; atMs: number } | null = null;

  constructor(private readonly clockMs: () => number = Date.now) {}

  record(status: ThrottleStatus): void {
    this.last = { status, atMs: this.clockMs() };
  }

  get maximumAvailable(): number | null {
    return this.last?.status.maximumAvailable ?? null;
  }

  /** Returns how long to wait before a query of `expectedCost` points, or 0 when the bucket contains enough. */
  waitBeforeMs(expectedCost: number): number {
    if (!this.last) return 0;
    const { maximumAvailable, currentlyAvailable, restoreRate } = this.last.status;
    const elapsedSeconds = (this.clockMs() - this.last.atMs) / 1000;
    const available = Math.min(
      maximumAvailable,
      currentlyAvailable + elapsedSeconds * restoreRate,
    );
    const cost = Math.min(expectedCost, maximumAvailable);
    return waitForPointsMs(cost, available, restoreRate);
  }

  /** Returns the state the estimate starts from, for log lines. */
  describe(): ThrottleStatus | null {
    return this.last?.status ?? null;
  }
}
