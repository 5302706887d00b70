import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { startMagentoSimulator, type MagentoSimulator } from "../simulators/magento/magento-simulator.js";
import { magentoConnectorFor } from "../simulators/magento/magento-test-kit.js";
import { collectModifiedPages, describeModifiedListingSuite, MODIFIED_WINDOW, oldOrders } from "./modified-listing-suite.js";

describeModifiedListingSuite({
  label: "Magento",
  async start(orders) {
    const simulator = await startMagentoSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(orders);
    const connector = magentoConnectorFor(simulator);
    return { simulator, listModifiedOrders: (query) => connector.listModifiedOrders(query) };
  },
});

describe("Magento modified order search", () => {
  let simulator: MagentoSimulator | null = null;

  afterEach(async () => {
    await simulator?.close();
    simulator = null;
  });

  const orderQueries = (store: MagentoSimulator) =>
    store
      .requestLog()
      .filter((entry) => entry.path.endsWith("/V1/orders"))
      .map((entry) => entry.query);

  it("filters updated_at in UTC without offset", async () => {
    simulator = await startMagentoSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(1, 3600));
    await collectModifiedPages(
      magentoConnectorFor(simulator).listModifiedOrders({
        modifiedFromUtc: "2026-11-02T09:00:00+08:00",
        modifiedToUtc: "2026-11-03T00:00:00.500Z",
      }),
    );
    const query = orderQueries(simulator)[0]!;
    const filter = (index: number, part: string) => query[`searchCriteria[filter_groups][${index}][filters][0][${part}]`];
    expect(filter(0, "field")).toBe("updated_at");
    expect(filter(0, "condition_type")).toBe("gteq");
    expect(filter(0, "value")).toBe("2026-11-02 01:00:00");
    expect(filter(1, "field")).toBe("updated_at");
    expect(filter(1, "condition_type")).toBe("lt");
    expect(filter(1, "value")).toBe("2026-11-03 00:00:01");
    expect(filter(2, "field")).toBe("entity_id");
    expect(query["searchCriteria[sortOrders][0][field]"]).toBe("entity_id");
  });

  it("drops an order updated in the rounded-out second", async () => {
    simulator = await startMagentoSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(2, 3650));
    simulator.updateOrder("3650", { updatedAtUtc: "2026-11-02T06:00:00.000Z" });
    simulator.updateOrder("3651", { updatedAtUtc: "2026-11-02T07:00:00.000Z" });
    const connector = magentoConnectorFor(simulator);
    const pages = await collectModifiedPages(
      connector.listModifiedOrders({ ...MODIFIED_WINDOW, modifiedFromUtc: "2026-11-02T06:00:00.500Z" }),
    );
    const sentFrom = orderQueries(simulator)[0]!["searchCriteria[filter_groups][0][filters][0][value]"];
    expect(sentFrom).toBe("2026-11-02 06:00:00");
    expect(pages.flatMap((page) => page.orders.map((order) => order.orderId))).toEqual(["3651"]);
  });

  it("stops when Magento ignores the update window", async () => {
    simulator = await startMagentoSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(2, 3700));
    simulator.updateOrder("3701", { updatedAtUtc: "2026-11-02T05:00:00.000Z" });
    simulator.injectFault({ kind: "ignore-window", times: 1 });
    const listing = collectModifiedPages(magentoConnectorFor(simulator).listModifiedOrders(MODIFIED_WINDOW));
    const error = (await listing.catch((caught: unknown) => caught)) as CartError;
    expect(error).toBeInstanceOf(CartError);
    expect(error.kind).toBe("window-violated");
    expect(error.detail).toContain("updated 2025-01-10T09:00:00.000Z");
  });

  it("refuses a creation cursor for the same window", async () => {
    simulator = await startMagentoSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(3, 3800));
    const connector = magentoConnectorFor(simulator);
    const createdWindow = { createdFromUtc: "2025-01-10T00:00:00.000Z", createdToUtc: "2025-01-11T00:00:00.000Z" };
    const [firstPage] = await collectModifiedPages(connector.listOrders({ ...createdWindow, pageSize: 1 }));
    const listing = collectModifiedPages(
      connector.listModifiedOrders({
        modifiedFromUtc: createdWindow.createdFromUtc,
        modifiedToUtc: createdWindow.createdToUtc,
        resumeCursor: firstPage!.nextCursor,
      }),
    );
    const error = (await listing.catch((caught: unknown) => caught)) as CartError;
    expect(error).toBeInstanceOf(CartError);
    expect(error.kind).toBe("window-violated");
  });
});
