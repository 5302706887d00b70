import { afterEach, describe, expect, it } from "vitest";
import { Scheduler } from "../../main/sync/scheduler.js";

const MINUTE_MS = 60_000;
/** A tick far longer than any test, so that only the test's own checkDue calls run the task. */
const IDLE_TICK_MS = 3_600_000;

type Harness = { scheduler: Scheduler; runs: number[]; clock: { nowMs: number } };

const started: Scheduler[] = [];

function schedulerAt(startUtc: string, task?: () => Promise<void>): Harness {
  const clock = { nowMs: Date.parse(startUtc) };
  const runs: number[] = [];
  const scheduler = new Scheduler(
    async () => {
      runs.push(clock.nowMs);
      await task?.();
    },
    () => clock.nowMs,
    IDLE_TICK_MS,
  );
  started.push(scheduler);
  return { scheduler, runs, clock };
}

/** Moves the clock in steps and checks the schedule after each, as the timer would. */
async function walk(harness: Harness, totalMs: number, stepMs: number): Promise<void> {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
    harness.clock.nowMs += stepMs;
    await harness.scheduler.checkDue();
  }
}

afterEach(() => {
  while (started.length) started.pop()!.stop();
});

describe("scheduler", () => {
  it("runs once at start and then once per interval", async () => {
    const harness = schedulerAt("2026-11-02T08:00:00.000Z");
    harness.scheduler.start(15 * MINUTE_MS, harness.clock.nowMs);
    await harness.scheduler.checkDue();
    await walk(harness, 60 * MINUTE_MS, MINUTE_MS);
    expect(harness.runs.map((at) => new Date(at).toISOString().slice(11, 16))).toEqual(["08:00", "08:15", "08:30", "08:45", "09:00"]);
  });

  it("runs a run missed during sleep once on wake", async () => {
    const harness = schedulerAt("2026-11-02T08:00:00.000Z");
    harness.scheduler.start(15 * MINUTE_MS, harness.clock.nowMs);
    await harness.scheduler.checkDue();
    harness.clock.nowMs += 5 * 60 * MINUTE_MS;
    await harness.scheduler.checkDue();
    await harness.scheduler.checkDue();
    expect(harness.runs).toHaveLength(2);
    expect(harness.scheduler.nextRunAtMs).toBe(harness.clock.nowMs + 15 * MINUTE_MS);
  });

  it("neither skips nor doubles a run across the spring change", async () => {
    // Europe/Berlin moves from 02:00 to 03:00 local at 01:00Z on 2026-03-29.
    const harness = schedulerAt("2026-03-29T00:00:00.000Z");
    harness.scheduler.start(30 * MINUTE_MS, harness.clock.nowMs);
    await harness.scheduler.checkDue();
    await walk(harness, 3 * 60 * MINUTE_MS, MINUTE_MS);
    expect(harness.runs).toHaveLength(7);
    const gaps = harness.runs.slice(1).map((at, index) => at - harness.runs[index]!);
    expect(new Set(gaps)).toEqual(new Set([30 * MINUTE_MS]));
  });

  it("neither skips nor doubles a run across the autumn change", async () => {
    // Europe/Berlin repeats 02:00 to 03:00 local from 00:00Z to 01:00Z on 2026-10-25.
    const harness = schedulerAt("2026-10-24T23:00:00.000Z");
    harness.scheduler.start(30 * MINUTE_MS, harness.clock.nowMs);
    await harness.scheduler.checkDue();
    await walk(harness, 3 * 60 * MINUTE_MS, MINUTE_MS);
    expect(harness.runs).toHaveLength(7);
    const gaps = harness.runs.slice(1).map((at, index) => at - harness.runs[index]!);
    expect(new Set(gaps)).toEqual(new Set([30 * MINUTE_MS]));
  });

  it("starts no run while one is in progress", async () => {
    let release: () => void = () => undefined;
    const harness = schedulerAt("2026-11-02T08:00:00.000Z", () => new Promise<void>((resolve) => (release = resolve)));
    harness.scheduler.start(MINUTE_MS, harness.clock.nowMs);
    const first = harness.scheduler.checkDue();
    harness.clock.nowMs += 10 * MINUTE_MS;
    const during = [harness.scheduler.checkDue(), harness.scheduler.checkDue()];
    expect(harness.runs).toHaveLength(1);
    release();
    await Promise.all([first, ...during]);
    expect(harness.runs).toHaveLength(1);
    expect(harness.scheduler.nextRunAtMs).toBe(harness.clock.nowMs + MINUTE_MS);
  });

  it("keeps the schedule after a failed run", async () => {
    const harness = schedulerAt("2026-11-02T08:00:00.000Z", async () => {
      throw new Error("cart unreachable");
    });
    harness.scheduler.start(MINUTE_MS, harness.clock.nowMs);
    await harness.scheduler.checkDue();
    await walk(harness, 2 * MINUTE_MS, MINUTE_MS);
    expect(harness.runs).toHaveLength(3);
  });

  it("runs nothing after stop", async () => {
    const harness = schedulerAt("2026-11-02T08:00:00.000Z");
    harness.scheduler.start(MINUTE_MS, harness.clock.nowMs + MINUTE_MS);
    harness.scheduler.stop();
    await walk(harness, 5 * MINUTE_MS, MINUTE_MS);
    expect(harness.runs).toEqual([]);
    expect(harness.scheduler.nextRunAtMs).toBeNull();
  });
});
