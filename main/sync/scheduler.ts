/**
 * Runs a task every interval, measured in UTC milliseconds so that a
 * daylight-saving change neither skips nor doubles a run. A tick checks the
 * due time often, so a run missed while the machine slept happens once on
 * wake rather than once per missed interval.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private dueAtMs: number | null = null;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
    private readonly tickMs = 15_000,
  ) {}

  get nextRunAtMs(): number | null {
    return this.dueAtMs;
  }

  /** Schedules runs every intervalMs, the first one at firstAtMs. */
  start(intervalMs: number, firstAtMs: number): void {
    this.stop();
    this.dueAtMs = firstAtMs;
    const tick = async () => {
      if (this.dueAtMs !== null && this.now() >= this.dueAtMs) {
        this.dueAtMs = null;
        try {
          await this.task();
        } finally {
          if (this.timer) this.dueAtMs = this.now() + intervalMs;
        }
      }
    };
    this.timer = setInterval(() => void tick(), Math.min(this.tickMs, intervalMs));
    this.timer.unref?.();
    void tick();
  }

  /** Moves the next run to intervalMs from now, after a run started by hand. */
  postpone(intervalMs: number): void {
    if (this.timer) this.dueAtMs = this.now() + intervalMs;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.dueAtMs = null;
  }
}
