import fc from "fast-check";
import type { SimulatorFault } from "../simulators/common/faults.js";
import type { ReceiverFault } from "../receiver/reference-receiver.js";
import type { KillPoint } from "./child-runner.js";

/** How an order is when it first appears in the cart; only "open" orders qualify. */
export type BirthState = "open" | "cancelled" | "fulfilled";

/** What happens before one run of the sync child, and whether it is killed. */
export type CrashRound = {
  arrivals: BirthState[];
  /** Orders added while the child pages, stamped up to five minutes in the past. */
  arrivalsWhilePaging: BirthState[];
  edits: number;
  /** Cancellations of orders whose documents the destination already holds. */
  cancellations: number;
  faults: SimulatorFault[];
  receiverFaults: ReceiverFault[];
  /** When the child gets SIGKILL, or null to let the run finish. */
  kill: KillPoint | null;
};

export type CrashScenario = {
  initial: BirthState[];
  pageSize: number;
  destination: "order-book" | "http-intake";
  rounds: CrashRound[];
  /** Seed for picking which orders are edited and cancelled. */
  pickSeed: number;
};

const birthState: fc.Arbitrary<BirthState> = fc.constantFrom<BirthState>(
  "open", "open", "open", "open", "open", "open", "open", "cancelled", "fulfilled",
);

const times = fc.integer({ min: 1, max: 2 });

/** Faults that each cost milliseconds; two or three together can exhaust a request's retries, which a run must survive too. */
const simulatorFault: fc.Arbitrary<SimulatorFault> = fc.oneof(
  times.map((count): SimulatorFault => ({ kind: "status", status: 429, retryAfterSeconds: 0.01, times: count })),
  times.map((count): SimulatorFault => ({ kind: "status", status: 503, times: count })),
  times.map((count): SimulatorFault => ({ kind: "status", status: 500, times: count })),
  times.map((count): SimulatorFault => ({ kind: "reset", times: count })),
  times.map((count): SimulatorFault => ({ kind: "malformed", times: count })),
  times.map((count): SimulatorFault => ({ kind: "too-heavy", maxPageSize: 8, times: count })),
  fc.constant<SimulatorFault>({ kind: "stall", delayMs: 700, times: 1 }),
);

const receiverFault: fc.Arbitrary<ReceiverFault> = fc.oneof(
  times.map((count): ReceiverFault => ({ kind: "reset-after-store", times: count })),
  times.map((count): ReceiverFault => ({ kind: "status", status: 503, times: count })),
  fc.constant<ReceiverFault>({ kind: "malformed-after-store", times: 1 }),
);

const round: fc.Arbitrary<CrashRound> = fc.record({
  arrivals: fc.array(birthState, { maxLength: 6 }),
  arrivalsWhilePaging: fc.array(birthState, { maxLength: 4 }),
  edits: fc.integer({ min: 0, max: 3 }),
  cancellations: fc.integer({ min: 0, max: 2 }),
  faults: fc.array(simulatorFault, { maxLength: 3 }),
  receiverFaults: fc.array(receiverFault, { maxLength: 2 }),
  kill: fc.option(
    fc.record({ afterPages: fc.integer({ min: 0, max: 3 }), delayMs: fc.integer({ min: 0, max: 40 }) }),
    { nil: null, freq: 3 },
  ),
});

export const crashScenario: fc.Arbitrary<CrashScenario> = fc.record({
  initial: fc.array(birthState, { minLength: 5, maxLength: 40 }),
  pageSize: fc.integer({ min: 2, max: 15 }),
  destination: fc.constantFrom<CrashScenario["destination"]>("order-book", "http-intake"),
  rounds: fc.array(round, { minLength: 2, maxLength: 4 }),
  pickSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});
