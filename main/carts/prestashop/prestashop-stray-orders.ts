import { CartError } from "../cart-error.js";
import type { PrestaShopOrder } from "./prestashop-api.js";
import { fromShopLocal, type OrderWindow } from "./prestashop-window.js";

/**
 * How far outside the window PrestaShop returns orders by its own bound
 * rules. filter[date_add] compares shop-local times inclusively at whole
 * seconds, and localDateBounds widens the bounds by the daylight-saving
 * offsets in force around them. The largest such change in the time zone
 * database is two hours (Antarctica/Troll), so two hours and one second
 * cover every zone. An order further outside means the shop ignored the
 * date filter.
 */
export const PRESTASHOP_WIDENING_MS = 2 * 3_600_000 + 1_000;

/**
 * Returns the shop-local date of the window's field. An order without
 * date_upd counts as changed when it was created, as normalization does.
 */
export function windowDateOf(row: PrestaShopOrder, window: OrderWindow): string {
  return window.field === "date_upd" ? row.date_upd || row.date_add : row.date_add;
}

function instantUtcOf(row: PrestaShopOrder, window: OrderWindow, timeZone: string): string | null {
  try {
    return fromShopLocal(windowDateOf(row, window), timeZone).utc;
  } catch {
    // Normalizing the order reports an unreadable date.
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
 * outside the window, on its date field, than PRESTASHOP_WIDENING_MS. The shop
 * then did not apply the filter as sent, so the page cannot be trusted to
 * be complete and none of it is handed out.
 */
export function checkNoStrayOrder(rows: PrestaShopOrder[], window: OrderWindow, timeZone: string): void {
  for (const row of rows) {
    const instantUtc = instantUtcOf(row, window, timeZone);
    if (instantUtc === null) continue;
    if (msOutside(Date.parse(instantUtc), window) <= PRESTASHOP_WIDENING_MS) continue;
    const orderNumber = row.reference?.trim() || String(row.id);
    const verb = window.field === "date_add" ? "created" : "updated";
    const local = windowDateOf(row, window);
    throw new CartError(
      "window-violated",
      `PrestaShop returned order ${orderNumber}, ${verb} ${instantUtc} (${local} shop time), although only orders ${verb} from ${window.fromUtc} up to ${window.toUtc} were requested. The shop ignored the date filter, so nothing from this page was imported. A module or a proxy may be rewriting webservice requests; check them, then try again.`,
      `order id ${String(row.id)} ${window.field} ${local} (${timeZone}) outside ${window.fromUtc}..${window.toUtc}`,
    );
  }
}
