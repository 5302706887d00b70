import { CartError } from "../cart-error.js";
import { fromMagentoUtc, type MagentoOrder } from "./magento-api.js";
import type { OrderWindow } from "./magento-cursor.js";

/**
 * Returns the raw date an order has in the window's field. An order without
 * updated_at counts as updated when it was created, as normalization does.
 */
export function windowDateOf(order: MagentoOrder, window: OrderWindow): string {
  return window.field === "updated_at" ? (order.updated_at ?? order.created_at) : order.created_at;
}

/**
 * How far outside the window Magento returns orders by its own bound rules:
 * the bounds are the window's whole seconds rounded outwards, and a store
 * that reads the upper bound as lteq also includes its second. An order
 * further outside means the store ignored the created_at filter.
 */
export const MAGENTO_WIDENING_MS = 1_000;

/** Returns the instant of the window's date field, or null when it cannot be read. */
function instantUtcOf(order: MagentoOrder, window: OrderWindow): string | null {
  try {
    return fromMagentoUtc(windowDateOf(order, window));
  } catch {
    // The window filter reports an unreadable date as a bad response.
    return null;
  }
}

function msOutside(ms: number, window: OrderWindow): number {
  if (ms < window.fromMs) return window.fromMs - ms;
  if (ms >= window.toMs) return ms - window.toMs;
  return 0;
}

/**
 * Raises window-violated when a page of a listing contains an order further
 * outside the window, on its date field, than MAGENTO_WIDENING_MS. The store then
 * did not apply the filter as sent, so the page cannot be trusted to be
 * complete and none of it is handed out.
 */
export function checkNoStrayOrder(orders: MagentoOrder[], window: OrderWindow): void {
  for (const order of orders) {
    const instantUtc = instantUtcOf(order, window);
    if (instantUtc === null) continue;
    if (msOutside(Date.parse(instantUtc), window) <= MAGENTO_WIDENING_MS) continue;
    const orderNumber = order.increment_id?.trim() || String(order.entity_id);
    const verb = window.field === "created_at" ? "created" : "updated";
    throw new CartError(
      "window-violated",
      `Magento returned order ${orderNumber}, ${verb} ${instantUtc}, although only orders ${verb} from ${window.fromUtc} up to ${window.toUtc} were requested. The store ignored the date filter, so nothing from this page was imported. An extension or a proxy may be rewriting requests to the REST API; check them, then try again.`,
      `entity_id ${String(order.entity_id)} ${verb} ${instantUtc} outside ${window.fromUtc}..${window.toUtc}`,
    );
  }
}
