import { randomUUID } from "node:crypto";
import type { FailedOrder } from "../../preload/contract.js";
import { UserError } from "../app/user-error.js";
import { CartError } from "../carts/cart-error.js";
import type { CartConnector } from "../carts/connector.js";
import type { CartOrder } from "../carts/cart-order.js";
import { createLogger } from "../logging/logger.js";
import { EXCLUSION_LABELS, exclusionReason } from "../mapping/order-filter.js";
import { ordersByIdOf } from "./connector-capabilities.js";
import type { LedgerRecord } from "./ledger.js";
import { importOrders } from "./page-import.js";
import { RunTally, type SyncRunSummary } from "./run-tally.js";
import { scopeOf, type SyncRunContext } from "./sync-engine.js";

const log = createLogger("sync");

/** Reads one order again: by id where the connector can, else from the second it was created in. */
async function readOrderAgain(
  connector: CartConnector,
  failure: FailedOrder,
  tally: RunTally,
  signal?: AbortSignal,
): Promise<CartOrder | null> {
  const byId = ordersByIdOf(connector);
  if (byId) {
    tally.pages++;
    const orders = await byId([failure.cartOrderId], signal);
    return orders.find((order) => order.orderId === failure.cartOrderId) ?? null;
  }
  const createdMs = Date.parse(failure.createdAtUtc);
  const window = { fromUtc: new Date(createdMs).toISOString(), toUtc: new Date(createdMs + 1000).toISOString() };
  tally.window = window;
  for await (const page of connector.listOrders({ createdFromUtc: window.fromUtc, createdToUtc: window.toUtc, pageSize: 50, signal })) {
    tally.pages++;
    tally.retries += Math.max(0, page.attempts - 1);
    const order = page.orders.find((candidate) => candidate.orderId === failure.cartOrderId);
    if (order) return order;
  }
  return null;
}

/**
 * Imports one set-aside order again, after the user fixed it in the cart.
 * It is read afresh and goes through the same checks as in a run; the mark
 * does not move. An order the filter now excludes (cancelled, say) leaves
 * the list of set-aside orders with that outcome.
 */
export async function retryFailedOrder(context: SyncRunContext, cartOrderId: string): Promise<SyncRunSummary> {
  const now = context.now ?? Date.now;
  const failure = context.ledger.failedOrderById(cartOrderId);
  if (!failure) {
    throw new UserError(
      "order-not-failed",
      `Order ${cartOrderId} is not among the set-aside orders; it may have been imported in the meantime. Refresh the monitor.`,
    );
  }
  const runId = randomUUID();
  const startedAtUtc = new Date(now()).toISOString();
  const tally = new RunTally();
  const scope = scopeOf(context, runId, tally);
  let error: Error | null = null;

  try {
    const order = await readOrderAgain(context.connector, failure, tally, context.signal);
    if (!order) {
      throw new CartError(
        "bad-response",
        `Order ${failure.orderNumber} was not found in the cart any more. It may have been deleted; check it in the cart.`,
        `order ${cartOrderId} not returned`,
      );
    }
    const records: LedgerRecord[] = await importOrders([order], scope);
    const settled = records.some((record) => record.type === "failed" || record.type === "imported");
    if (!settled) {
      const reason = exclusionReason(order, context.mapping.filter);
      const outcome = reason ? `excluded: ${EXCLUSION_LABELS[reason]}` : "already imported or exported";
      records.push({ type: "failure-resolved", sourceKey: failure.sourceKey, cartOrderId, outcome, atUtc: scope.nowIso() });
    }
    context.ledger.commit(records);
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
    log.error("retry failed", { orderId: cartOrderId, reason: error.message });
  }
  log.info("retry finished", { orderId: cartOrderId, imported: tally.imported, failed: tally.failed });
  return tally.summarize({ runId, trigger: "retry", startedAtUtc, endedAtUtc: new Date(now()).toISOString() }, error);
}
