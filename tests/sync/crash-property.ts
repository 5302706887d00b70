import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger } from "../../main/sync/ledger.js";
import { seededRandom } from "../simulators/common/generate-orders.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { startReferenceReceiver, type ReferenceReceiver } from "../receiver/reference-receiver.js";
import { bundleSyncChild, runSyncChild, type ChildBundle, type ChildOutcome, type KillPoint } from "./child-runner.js";
import { type BirthState, crashScenario, type CrashScenario } from "./crash-scenario.js";
import type { SyncHarness, SyncStore } from "./sync-harnesses.js";
import { byNumber, seeds } from "./sync-kit.js";

const MINUTE_MS = 60_000;
const MAX_SETTLING_RUNS = 6;

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

function born(seed: SeedOrder, state: BirthState): SeedOrder {
  if (state === "cancelled") return { ...seed, status: "cancelled", cancelledAtUtc: seed.createdAtUtc };
  if (state === "fulfilled") return { ...seed, status: "closed", fulfillment: "fulfilled" };
  return seed;
}

/** Returns the cart order ids in the destination, one entry per document, so that a doubled order shows up twice. */
function destinationIds(dataDir: string, receiver: ReferenceReceiver | null): string[] {
  if (receiver) return receiver.documents().map((stored) => stored.body.document.cartOrderId).sort(byNumber);
  let text = "";
  try {
    text = readFileSync(join(dataDir, "order-book.jsonl"), "utf8");
  } catch {
    return [];
  }
  // Only complete lines count: a line cut short by SIGKILL was never acknowledged.
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  return complete
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { document: { cartOrderId: string } }).document.cartOrderId)
    .sort(byNumber);
}

type Trial = {
  store: SyncStore;
  receiver: ReferenceReceiver | null;
  dataDir: string;
  bundle: ChildBundle;
  births: Map<string, BirthState>;
  importFromUtc: string;
  pageSize: number;
  nextId: number;
  pick: () => number;
  arrivals: Promise<void>[];
};

function addOrders(trial: Trial, states: BirthState[], fromMs: number, toMs: number): void {
  const added = states.map((state) => {
    const id = trial.nextId++;
    const createdMs = fromMs + Math.floor(trial.pick() * Math.max(1, toMs - fromMs));
    trial.births.set(String(id), state);
    return born(seeds(1, id, iso(createdMs))[0]!, state);
  });
  trial.store.simulator.addOrders(added);
}

function pickFrom<T>(trial: Trial, items: readonly T[]): T | undefined {
  return items[Math.floor(trial.pick() * items.length)];
}

/** Edits that keep an order's qualification, and cancellations of orders already delivered. */
function changeOrders(trial: Trial, edits: number, cancellations: number): void {
  const atUtc = iso(Date.now());
  const open = [...trial.births].filter(([, state]) => state === "open").map(([id]) => id);
  for (let index = 0; index < edits; index++) {
    const id = pickFrom(trial, open);
    if (id) trial.store.simulator.updateOrder(id, { updatedAtUtc: atUtc, shippingTitle: `Express ${index}` });
  }
  const delivered = destinationIds(trial.dataDir, trial.receiver);
  for (let index = 0; index < cancellations; index++) {
    const id = pickFrom(trial, delivered);
    if (id) trial.store.simulator.updateOrder(id, { status: "cancelled", cancelledAtUtc: atUtc, updatedAtUtc: atUtc });
  }
}

function runChild(trial: Trial, kill: KillPoint | null, whilePaging: BirthState[] = []): Promise<ChildOutcome> {
  return runSyncChild({
    bundle: trial.bundle,
    kill,
    env: {
      CART_SYNC_DATA_DIR: trial.dataDir,
      CART_SYNC_ADDRESS: JSON.stringify(trial.store.address),
      CART_SYNC_IMPORT_FROM: trial.importFromUtc,
      CART_SYNC_PAGE_SIZE: String(trial.pageSize),
      CART_SYNC_OVERLAP_MS: String(15 * MINUTE_MS),
      ...(trial.receiver ? { CART_SYNC_INTAKE_URL: trial.receiver.url } : {}),
    },
    onReady: () => {
      if (whilePaging.length === 0) return;
      const delayMs = Math.floor(trial.pick() * 100);
      trial.arrivals.push(
        new Promise((resolve) =>
          setTimeout(() => {
            addOrders(trial, whilePaging, Date.now() - 5 * MINUTE_MS, Date.now() - 1000);
            resolve();
          }, delayMs),
        ),
      );
    },
  });
}

function expectCleanExit(outcome: ChildOutcome): void {
  if (outcome.killed) return;
  expect(outcome.stderr).toBe("");
  expect(outcome.exitCode).toBe(0);
}

/** Runs one randomized trial (arrivals, edits, faults and kills), then runs until one succeeds, then checks the destination. */
async function runTrial(harness: SyncHarness, bundle: ChildBundle, scenario: CrashScenario): Promise<void> {
  const startedMs = Date.now();
  const store = await harness.start();
  const receiver = scenario.destination === "http-intake" ? await startReferenceReceiver() : null;
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-crash-"));
  const trial: Trial = {
    store,
    receiver,
    dataDir,
    bundle,
    births: new Map(),
    importFromUtc: iso(startedMs - 2 * 60 * MINUTE_MS),
    pageSize: scenario.pageSize,
    nextId: 10_001,
    pick: seededRandom(scenario.pickSeed),
    arrivals: [],
  };
  try {
    addOrders(trial, scenario.initial, Date.parse(trial.importFromUtc) + MINUTE_MS, startedMs - MINUTE_MS);
    for (const round of scenario.rounds) {
      addOrders(trial, round.arrivals, Date.now() - 5 * MINUTE_MS, Date.now() - 1000);
      changeOrders(trial, round.edits, round.cancellations);
      for (const fault of round.faults) store.simulator.injectFault({ ...fault });
      for (const fault of round.receiverFaults) receiver?.injectFault({ ...fault });
      expectCleanExit(await runChild(trial, round.kill, round.arrivalsWhilePaging));
    }
    await Promise.all(trial.arrivals);

    let settled: ChildOutcome | null = null;
    for (let run = 0; run < MAX_SETTLING_RUNS && settled?.summary?.error !== null; run++) {
      settled = await runChild(trial, null);
      expectCleanExit(settled);
    }
    expect(settled?.summary?.error).toBeNull();

    const expected = [...trial.births].filter(([, state]) => state === "open").map(([id]) => id).sort(byNumber);
    const delivered = destinationIds(dataDir, receiver);
    expect(delivered).toEqual(expected);

    const ledger = new Ledger(dataDir);
    const recorded = [...ledger.importedOrders()].map((order) => order.cartOrderId).sort(byNumber);
    const markUtc = ledger.lastOrderFromUtc;
    ledger.close();
    expect(recorded).toEqual(expected);
    expect(markUtc).not.toBeNull();
    expect(Date.parse(markUtc!)).toBeLessThanOrEqual(Date.now());
  } finally {
    await Promise.all(trial.arrivals);
    await receiver?.close();
    await store.simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Describes the randomized proof: orders arrive (some while the sync pages), change
 * and are cancelled, faults are injected, and the sync child is killed with
 * SIGKILL at random instants. After the last run, the destination contains
 * exactly the orders that qualified when they appeared, each once, and the
 * ledger records the same set.
 */
export function describeCrashProperty(harness: SyncHarness, numRuns: number): void {
  describe(`${harness.label} sync killed at random instants`, () => {
    let bundle: ChildBundle | null = null;

    beforeAll(async () => {
      bundle = await bundleSyncChild();
    }, 60_000);

    afterAll(async () => {
      await bundle?.dispose();
    });

    it(
      `loses and doubles no order in ${numRuns} randomized trials`,
      async () => {
        await fc.assert(
          fc.asyncProperty(crashScenario, (scenario) => runTrial(harness, bundle!, scenario)),
          { numRuns, endOnFailure: true },
        );
      },
      170_000,
    );
  });
}
