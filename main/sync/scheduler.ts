/**
 * Runs a task every interval, measured in UTC milliseconds so that a
 * daylight-saving change neither skips nor doubles a run. A tick checks the
 * due time often, so a run missed while the machine slept happens once on
 * wake rather than once per missed interval. The next run is due one
 * interval after the last one ended, so runs never overlap.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private dueAtMs: number | null = null;
  private intervalMs = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
    private readonly tickMs = 15_000,
  ) {}

  get nextRunAtMs(): number | null {
    return this.dueAtMs;
  }

  get isStarted(): boolean {
    return this.timer !== null;
  }

  /** Schedules runs every intervalMs, the first one at firstAtMs. */
  start(intervalMs: number, firstAtMs: number): void {
    this.stop();
    this.intervalMs = intervalMs;
    this.dueAtMs = firstAtMs;
    this.timer = setInterval(() => void this.checkDue(), Math.min(this.tickMs, intervalMs));
    this.timer.unref?.();
    void this.checkDue();
  }

  /**
   * Runs the task when it is due, and resolves when that run ends. While a
   * run is in progress it starts nothing and resolves with that run. The
   * timer calls it every tick; tests with an injected clock call it directly.
   */
  checkDue(): Promise<void> {
    if (this.running) return this.running;
    if (this.dueAtMs === null || this.now() < this.dueAtMs) return Promise.resolve();
    this.dueAtMs = null;
    this.running = this.runTask();
    return this.running;
  }

  private async runTask(): Promise<void> {
    try {
      await this.task();
    } catch {
      // The task records its own failures; a failed run must not stop the schedule.
    } finally {
      this.running = null;
      if (this.timer) this.dueAtMs = this.now() + this.intervalMs;
    }
  }

  /** Moves the next run to intervalMs from now, after a run started by hand. */
  postpone(intervalMs: number): void {
    if (this.timer && !this.running) this.dueAtMs = this.now() + intervalMs;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.dueAtMs = null;
  }
}
