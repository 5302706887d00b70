import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { startPrestaShopSimulator, type PrestaShopSimulator } from "../simulators/prestashop/prestashop-simulator.js";
import { prestaShopConnectorFor } from "../simulators/prestashop/prestashop-test-kit.js";
import { collectModifiedPages, describeModifiedListingSuite, MODIFIED_WINDOW, oldOrders } from "./modified-listing-suite.js";

describeModifiedListingSuite({
  label: "PrestaShop",
  async start(orders) {
    const simulator = await startPrestaShopSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(orders);
    const connector = prestaShopConnectorFor(simulator);
    return { simulator, listModifiedOrders: (query) => connector.listModifiedOrders(query) };
  },
});

describe("PrestaShop modified order filter", () => {
  let simulator: PrestaShopSimulator | null = null;

  afterEach(async () => {
    await simulator?.close();
    simulator = null;
  });

  const orderQueries = (store: PrestaShopSimulator) =>
    store
      .requestLog()
      .filter((entry) => /\/api\/orders$/.test(entry.path))
      .map((entry) => entry.query);

  const idsOf = (pages: { orders: { orderId: string }[] }[]) => pages.flatMap((page) => page.orders.map((order) => order.orderId));

  it("filters date_upd in shop-local time", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(1, 3600));
    await collectModifiedPages(prestaShopConnectorFor(simulator).listModifiedOrders(MODIFIED_WINDOW));
    const query = orderQueries(simulator)[0]!;
    expect(query["date"]).toBe("1");
    expect(query["filter[date_upd]"]).toBe("[2026-11-02 01:00:00,2026-11-03 01:00:00]");
    expect(query["filter[date_add]"]).toBeUndefined();
    expect(query["sort"]).toBe("[id_ASC]");
  });

  it("widens the bounds across a daylight-saving change", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(2, 3650));
    // 02:30 does not exist in Berlin on 2026-03-29, so it moves forward by the gap to 03:30 CEST, 01:30 UTC.
    simulator.setRawFields("3650", { date_upd: "2026-03-29 02:30:00" });
    simulator.setRawFields("3651", { date_upd: "2026-03-29 04:00:00" });
    const pages = await collectModifiedPages(
      prestaShopConnectorFor(simulator).listModifiedOrders({
        modifiedFromUtc: "2026-03-29T01:15:00.000Z",
        modifiedToUtc: "2026-03-29T02:00:00.000Z",
      }),
    );
    expect(orderQueries(simulator)[0]!["filter[date_upd]"]).toBe("[2026-03-29 02:15:00,2026-03-29 04:00:00]");
    expect(idsOf(pages)).toEqual(["3650"]);
    expect(pages[0]?.orders[0]?.updatedAtUtc).toBe("2026-03-29T01:30:00.000Z");
  });

  it("stops when PrestaShop ignores the update window", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(2, 3700));
    simulator.updateOrder("3701", { updatedAtUtc: "2026-11-02T05:00:00.000Z" });
    simulator.injectFault({ kind: "ignore-window", times: 1 });
    const listing = collectModifiedPages(prestaShopConnectorFor(simulator).listModifiedOrders(MODIFIED_WINDOW));
    const error = (await listing.catch((caught: unknown) => caught)) as CartError;
    expect(error).toBeInstanceOf(CartError);
    expect(error.kind).toBe("window-violated");
    expect(error.detail).toContain("order id 3700 date_upd 2025-01-10 10:00:00");
  });

  it("refuses a creation cursor for the same window", async () => {
    simulator = await startPrestaShopSimulator({ timeZone: "Europe/Berlin" });
    simulator.addOrders(oldOrders(3, 3800));
    const connector = prestaShopConnectorFor(simulator);
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
