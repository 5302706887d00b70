/** Settings of the simulated cost bucket. */
export type BucketOptions = {
  maximumAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
  /** Points an orders page costs per requested order under the flat model. */
  costPerOrder: number;
  /** Largest cost one query may request, Shopify's "single query max cost" (1000 there). */
  singleQueryMaxCost: number;
  /**
   * "calculated" (the default) charges what Shopify's published cost rules
   * give for the query as sent, which grows with every nested list the query
   * requests. "flat" charges costPerOrder per requested order, for tests of
   * the bucket's own arithmetic.
   */
  costModel: "flat" | "calculated";
};

/**
 * The bucket of a store whose test sets none. It has Shopify's 1,000 points
 * and single-query limit, but it refills far faster than the 100 points/s
 * of a Standard plan. Tests that are not about pacing then do not wait for
 * calculated costs, of which 100 ordinary orders use about 3,200 points.
 * Tests of pacing set the restore rate they are about.
 */
export const DEFAULT_BUCKET: BucketOptions = {
  maximumAvailable: 1000,
  restoreRate: 10_000,
  costPerOrder: 1,
  singleQueryMaxCost: 1000,
  costModel: "calculated",
};

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** A THROTTLED response as the simulator sent it, for tests that check the client's wait. */
export type ThrottledResponse = { requestedQueryCost: number; throttleStatus: ThrottleStatus };

/**
 * A leaky bucket of query cost points that refills continuously in real time,
 * as Shopify's does per app and store.
 */
export class CostBucketSimulation {
  private available: number;
  private updatedAtMs = Date.now();
  readonly throttled: ThrottledResponse[] = [];

  constructor(public options: BucketOptions) {
    this.available = options.maximumAvailable;
  }

  private refill(): void {
    const nowMs = Date.now();
    const restored = ((nowMs - this.updatedAtMs) / 1000) * this.options.restoreRate;
    this.available = Math.min(this.options.maximumAvailable, this.available + restored);
    this.updatedAtMs = nowMs;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.options.maximumAvailable,
      // Shopify's published examples show whole points.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.options.restoreRate,
    };
  }

  /** Takes the requested points, or records and returns a THROTTLED response when the bucket lacks them. */
  charge(requestedQueryCost: number): ThrottledResponse | null {
    this.refill();
    if (requestedQueryCost > this.available) {
      const response = { requestedQueryCost, throttleStatus: this.status() };
      this.throttled.push(response);
      return response;
    }
    this.available -= requestedQueryCost;
    return null;
  }

  /** Gives back the difference between the requested and the actual cost, as Shopify does after a query. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.options.maximumAvailable, this.available + points);
  }

  /** Sets the points available now, for tests that start with a low bucket. */
  setAvailable(points: number): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.options.maximumAvailable, points));
  }
}
