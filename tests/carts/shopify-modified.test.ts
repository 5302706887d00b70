import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";
import { describeModifiedListingSuite, MODIFIED_WINDOW, oldOrders } from "./modified-listing-suite.js";

describeModifiedListingSuite({
  label: "Shopify",
  async start(orders) {
    const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin", orders });
    const connector = connectorFor(simulator);
    return { simulator, listModifiedOrders: (query) => connector.listModifiedOrders(query) };
  },
});

describe("Shopify modified order search", () => {
  let simulator: ShopifySimulator | null = null;

  afterEach(async () => {
    await simulator?.close();
    simulator = null;
  });

  it("sends single-quoted UTC update bounds", async () => {
    simulator = await startShopifySimulator({ timeZone: "Asia/Singapore", orders: oldOrders(1, 3600) });
    await collectPages(
      connectorFor(simulator).listModifiedOrders({
        modifiedFromUtc: "2026-11-02T09:00:00+08:00",
        modifiedToUtc: "2026-11-03T00:00:00Z",
      }),
    );
    expect(simulator.searches()).toEqual(["updated_at:>='2026-11-02T01:00:00Z' updated_at:<'2026-11-03T00:00:00Z'"]);
  });

  it("stops when Shopify ignores the update window", async () => {
    simulator = await startShopifySimulator({ orders: oldOrders(2, 3700) });
    simulator.updateOrder("3701", { updatedAtUtc: "2026-11-02T05:00:00.000Z" });
    simulator.injectFault({ kind: "ignore-window", times: 1 });
    const listing = collectPages(connectorFor(simulator).listModifiedOrders(MODIFIED_WINDOW));
    const error = (await listing.catch((caught: unknown) => caught)) as CartError;
    expect(error).toBeInstanceOf(CartError);
    expect(error.kind).toBe("window-violated");
    expect(error.detail).toContain("order 3700 updated 2025-01-10T09:00:00.000Z");
  });

  it("refuses a creation cursor for the same window", async () => {
    simulator = await startShopifySimulator({ orders: oldOrders(3, 3800) });
    const connector = connectorFor(simulator);
    const createdWindow = { createdFromUtc: "2025-01-10T00:00:00Z", createdToUtc: "2025-01-11T00:00:00Z" };
    const [firstPage] = await collectPages(connector.listOrders({ ...createdWindow, pageSize: 1 }));
    const listing = collectPages(
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
