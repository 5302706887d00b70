/**
 * Faults a test asks a simulator to inject. Each applies to the next matching
 * request(s) and is used up after `times` requests.
 */
export type SimulatorFault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; times: number }
  | { kind: "stall"; delayMs: number; times: number }
  | { kind: "reset"; times: number }
  | { kind: "malformed"; times: number }
  /** Answers as the platform does when a page is too heavy, until the page size is at most maxPageSize. */
  | { kind: "too-heavy"; maxPageSize: number; times: number }
  /** Returns an order outside the requested window, as a cart that ignored a filter would. */
  | { kind: "ignore-window"; times: number };

export type FaultTarget = "orders" | "any";

export type ScheduledFault = SimulatorFault & { target: FaultTarget };

/** One request as the simulator saw it, for tests that check what was sent. */
export type LoggedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Headers with every credential value replaced by "[present]". */
  headers: Record<string, string>;
  body: string;
  status: number;
  atMs: number;
};

/** A queue of faults consumed in order by the requests they target. */
export class FaultQueue {
  private readonly faults: ScheduledFault[] = [];

  add(fault: SimulatorFault, target: FaultTarget = "orders"): void {
    this.faults.push({ ...fault, target });
  }

  /** Takes the next fault for a request to the given resource, if any. */
  take(resource: FaultTarget): SimulatorFault | null {
    const index = this.faults.findIndex((fault) => fault.target === "any" || fault.target === resource);
    if (index < 0) return null;
    const fault = this.faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  get pending(): number {
    return this.faults.length;
  }
}
