import type { SeedOrder } from "../common/seed-order.js";
import {
  carrierId,
  currencyId,
  renderAddress,
  renderCustomer,
  renderOrder,
  renderOrderExtras,
  type ShopTables,
} from "./prestashop-render.js";

type Row = Record<string, unknown>;

/** The fields each simulated resource can filter and sort on. */
export const RESOURCE_FIELDS: Record<string, string[]> = {
  orders: ["id", "reference", "id_customer", "id_currency", "current_state", "valid", "date_add", "date_upd"],
  order_details: ["id", "id_order", "product_id", "product_reference"],
  order_states: ["id", "paid", "shipped"],
  order_histories: ["id", "id_order", "id_order_state", "date_add"],
  order_slip: ["id", "id_order", "date_add"],
  order_cart_rules: ["id", "id_order", "name"],
  customers: ["id", "email", "is_guest"],
  addresses: ["id", "id_customer", "id_country"],
  countries: ["id", "iso_code"],
  states: ["id", "iso_code"],
  currencies: ["id", "iso_code"],
  carriers: ["id", "name"],
  configurations: ["id", "name"],
};

/** Renders every record of a resource that the seeds imply; the simulator filters them afterwards. */
export function resourceRows(
  resource: string,
  seeds: SeedOrder[],
  rawFields: Map<string, Record<string, unknown>>,
  tables: ShopTables,
): Row[] {
  switch (resource) {
    case "orders":
      return seeds.map((seed) => ({ ...renderOrder(seed, tables).order, ...rawFields.get(seed.id) }));
    case "order_details":
      return seeds.flatMap((seed) => renderOrder(seed, tables).details);
    case "order_slip":
      return seeds.flatMap((seed) => renderOrderExtras(seed, tables).slips);
    case "order_histories":
      return seeds.flatMap((seed) => renderOrderExtras(seed, tables).histories);
    case "order_cart_rules":
      return seeds.flatMap((seed) => renderOrderExtras(seed, tables).cartRules);
    case "customers": {
      const byId = new Map(seeds.map((seed) => [String(renderCustomer(seed).id), renderCustomer(seed)]));
      return [...byId.values()];
    }
    case "addresses":
      return seeds.flatMap((seed) => [
        ...(seed.billing ? [renderAddress(Number(seed.id) * 10 + 1, seed.billing)] : []),
        ...(seed.shipping ? [renderAddress(Number(seed.id) * 10 + 2, seed.shipping)] : []),
      ]);
    case "currencies":
      for (const seed of seeds) currencyId(seed.presentmentCurrency, tables);
      return tables.currencies.map((code, index) => ({ id: String(index + 1), iso_code: code, conversion_rate: index === 0 ? "1.000000" : "1.100000" }));
    case "carriers":
      for (const seed of seeds) carrierId(seed.shippingTitle, tables);
      return [...tables.carriers.entries()].map(([name, id]) => ({ id: String(id), name }));
    case "states":
      return [{ id: "313", iso_code: "ES-M", name: "Madrid" }];
    default:
      return [];
  }
}
