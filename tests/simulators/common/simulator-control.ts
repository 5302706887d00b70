import type { SimulatorFault, FaultTarget, LoggedRequest } from "./faults.js";
import type { SeedOrder } from "./seed-order.js";

/**
 * What every platform simulator offers a test, so that one connector suite
 * and one fault-injection suite run against all of them.
 */
export type SimulatorControl = {
  /** Base address to give the connector, such as http://127.0.0.1:43121. */
  readonly storeUrl: string;
  /** Credentials the connector accepts, in the platform's own form. */
  readonly credentials: Record<string, string>;
  /** IANA zone the simulated store runs in. */
  readonly timeZone: string;
  readonly currency: string;
  addOrders(orders: SeedOrder[]): void;
  updateOrder(id: string, patch: Partial<SeedOrder>): void;
  /** The orders as the store holds them now: the ground truth for tests. */
  orders(): SeedOrder[];
  injectFault(fault: SimulatorFault, target?: FaultTarget): void;
  /** Makes every credential invalid from the next request on. */
  revokeCredentials(): void;
  requestLog(): LoggedRequest[];
  close(): Promise<void>;
};
