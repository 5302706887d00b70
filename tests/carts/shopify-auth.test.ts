import { afterEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-03-02T00:00:00Z" };
const HOUR_MS = 3_600_000;

let simulator: ShopifySimulator | null = null;

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

/** Creates a clock shared by connector and simulator, which the test moves. */
function manualClock(startMs = Date.parse("2026-03-10T12:00:00Z")) {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

async function startStore(clock: ReturnType<typeof manualClock>, tokenLifetimeSeconds = 3_600) {
  simulator = await startShopifySimulator({
    credentialKind: "client-credentials",
    tokenLifetimeSeconds,
    now: clock.now,
    orders: generateSeedOrders({ count: 6, firstId: 1001, startUtc: "2026-03-01T08:00:00Z", stepMs: 60_000 }),
  });
  return simulator;
}

const statusesOf = (store: ShopifySimulator) => store.requestLog().map((entry) => `${entry.status} ${entry.path}`);

describe("Shopify client credentials", () => {
  it("renews the token before it expires mid-listing", async () => {
    const clock = manualClock();
    const store = await startStore(clock);
    const pages = connectorFor(store, { now: clock.now }).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();

    const ids: string[] = [];
    const first = await pages.next();
    ids.push(...(first.value as OrderPage).orders.map((order) => order.orderId));
    // 58 minutes into a 60-minute token: inside the renewal margin, but not yet expired.
    clock.advance(58 * 60_000);
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      ids.push(...page.value.orders.map((order) => order.orderId));
    }

    expect(ids).toEqual(["1001", "1002", "1003", "1004", "1005", "1006"]);
    expect(store.tokenGrants()).toHaveLength(2);
    expect(statusesOf(store).filter((line) => line.startsWith("401"))).toEqual([]);
  });

  it("requests a new token once after a 401", async () => {
    const clock = manualClock();
    const store = await startStore(clock);
    const pages = connectorFor(store, { now: clock.now }).listOrders({ ...WINDOW, pageSize: 3 })[Symbol.asyncIterator]();

    await pages.next();
    store.expireIssuedTokens();
    const second = await pages.next();

    expect(second.value?.orders.map((order: { orderId: string }) => order.orderId)).toEqual(["1004", "1005", "1006"]);
    expect(store.tokenGrants()).toHaveLength(2);
    expect(statusesOf(store).filter((line) => line.startsWith("401"))).toHaveLength(1);
  });

  it("renews a token that outlived its lifetime", async () => {
    const clock = manualClock();
    const store = await startStore(clock, 600);
    const connector = connectorFor(store, { now: clock.now });
    await connector.testConnection();
    clock.advance(2 * HOUR_MS);
    const pages = await collectPages(connector.listOrders(WINDOW));
    expect(pages.flatMap((page) => page.orders)).toHaveLength(6);
    expect(store.tokenGrants()).toHaveLength(2);
  });

  it("rejects a wrong client secret", async () => {
    const clock = manualClock();
    const store = await startStore(clock);
    const connector = connectorFor(
      { storeUrl: store.storeUrl, credentials: { clientId: store.credentials.clientId!, clientSecret: "shpss_0000000000wrong" } },
      { now: clock.now },
    );
    const error = await connector.testConnection().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CartError);
    expect((error as CartError).kind).toBe("credentials-rejected");
    expect((error as CartError).message).toContain("client ID or client secret");
    expect((error as CartError).detail).toContain("invalid_client");
  });

  it("sends the grant as a form and masks the secret in the log", async () => {
    const clock = manualClock();
    const store = await startStore(clock);
    await connectorFor(store, { now: clock.now }).testConnection();
    const grant = store.requestLog().find((entry) => entry.path === "/admin/oauth/access_token");
    expect(grant?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(grant?.body).toContain("grant_type=client_credentials");
    expect(grant?.body).toContain("client_secret=[present]");
    expect(grant?.body).not.toContain(store.credentials.clientSecret);
    const apiCall = store.requestLog().find((entry) => entry.path.endsWith("/graphql.json"));
    expect(apiCall?.path).toBe("/admin/api/2026-10/graphql.json");
    expect(apiCall?.headers["x-shopify-access-token"]).toBe("[present]");
  });
});

describe("Shopify pasted access token", () => {
  it("is not renewed after a 401", async () => {
    simulator = await startShopifySimulator({ credentialKind: "access-token" });
    const connector = connectorFor({ storeUrl: simulator.storeUrl, credentials: { accessToken: "shpat_revoked0000000000" } });
    const error = (await connector.testConnection().catch((caught: unknown) => caught)) as CartError;
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("Admin API access token");
    expect(error.message).not.toContain("shpat_revoked");
    expect(simulator.requestLog()).toHaveLength(1);
  });

  it("keeps tokens out of every log line", async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    simulator = await startShopifySimulator({
      credentialKind: "access-token",
      orders: generateSeedOrders({ count: 3, firstId: 1001, startUtc: "2026-03-01T08:00:00Z", stepMs: 60_000 }),
    });
    simulator.injectFault({ kind: "status", status: 503, times: 1 });
    const connector = connectorFor(simulator);
    await collectPages(connector.listOrders(WINDOW));
    expect(lines.some((line) => line.includes("[shopify] page fetched") && line.includes("count=3"))).toBe(true);
    expect(lines.some((line) => line.includes("[http] retrying request"))).toBe(true);
    expect(lines.join("\n")).not.toContain(simulator.credentials.accessToken);
  });
});
