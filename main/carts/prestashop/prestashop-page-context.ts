import { CartError } from "../cart-error.js";
import {
  idOf,
  type PrestaShopAddress,
  type PrestaShopCustomer,
  type PrestaShopOrder,
  type PrestaShopOrderCartRule,
  type PrestaShopOrderDetail,
  type PrestaShopOrderHistory,
  type PrestaShopOrderSlip,
  type PrestaShopValue,
} from "./prestashop-api.js";
import type { PrestaShopLookups } from "./prestashop-lookups.js";
import type { OrderContext } from "./prestashop-normalize.js";

type Named = { id: PrestaShopValue; name?: string };
type Country = { id: PrestaShopValue; iso_code?: string };

/**
 * Loads what the orders of one page refer to by id, with one request per
 * resource for the whole page. Customers, addresses, countries and
 * currencies are needed to read an order correctly; carriers, states,
 * order details, credit slips, cart rules and histories only add detail.
 */
export async function loadPageContext(
  rows: PrestaShopOrder[],
  lookups: PrestaShopLookups,
  timeZone: string,
): Promise<OrderContext> {
  const settings = await lookups.settings();
  const currencies = await lookups.currencies();
  const states = await lookups.orderStates();
  const shopCurrency = currencies.get(settings.defaultCurrencyId ?? "") ?? "";
  if (!shopCurrency) {
    throw new CartError(
      "bad-response",
      "The shop's default currency could not be found among its currencies. Check Localization › Currencies in the PrestaShop back office.",
      `PS_CURRENCY_DEFAULT ${settings.defaultCurrencyId ?? "missing"}`,
    );
  }

  const customers = await lookups.records<PrestaShopCustomer>(
    "customers",
    rows.map((row) => idOf(row.id_customer)),
    "[id,email,firstname,lastname,is_guest]",
    false,
  );
  const addresses = await lookups.records<PrestaShopAddress>(
    "addresses",
    rows.flatMap((row) => [idOf(row.id_address_invoice), idOf(row.id_address_delivery)]),
    "full",
    false,
  );
  const knownAddresses = [...addresses.values()].filter(
    (address): address is PrestaShopAddress => address !== null,
  );
  const countries = await lookups.records<Country>(
    "countries",
    knownAddresses.map((address) => idOf(address.id_country)),
    "[id,iso_code]",
    false,
  );
  const regions = await lookups.records<Named>(
    "states",
    knownAddresses.map((address) => idOf(address.id_state)),
    "[id,name]",
    true,
  );
  const carriers = await lookups.records<Named>(
    "carriers",
    rows.map((row) => idOf(row.id_carrier)),
    "[id,name]",
    true,
  );

  const orderIds = rows.map((row) => String(row.id));
  const discounted = rows
    .filter((row) => Number(row.total_discounts_tax_excl ?? 0) > 0)
    .map((row) => String(row.id));
  const cancelledStateId = settings.cancelledStateId;
  const cancelled = rows
    .filter((row) => cancelledStateId !== null && idOf(row.current_state) === cancelledStateId)
    .map((row) => String(row.id));

  return {
    timeZone,
    shopCurrency,
    currencies,
    states,
    cancelledStateId,
    refundedStateId: settings.refundedStateId,
    customers,
    addresses,
    countries,
    regions,
    carriers,
    details: await lookups.perOrder<PrestaShopOrderDetail>("order_details", orderIds),
    slips: await lookups.perOrder<PrestaShopOrderSlip>("order_slip", orderIds),
    cartRules: await lookups.perOrder<PrestaShopOrderCartRule>("order_cart_rules", discounted),
    histories: await lookups.perOrder<PrestaShopOrderHistory>("order_histories", cancelled),
  };
}
