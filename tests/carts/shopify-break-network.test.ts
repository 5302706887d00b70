import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { RetriesExhaustedError } from "../../main/http/http-client.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { type CuttingProxy, startCuttingProxy } from "../simulators/shopify/shopify-cutting-proxy.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-03-02T00:00:00Z" };
const THROTTLE_BODY = JSON.stringify({ errors: "Exceeded 2 calls per second for api client." });

let simulator: ShopifySimulator | null = null;
let proxy: CuttingProxy | null = null;
let logLines: string[] = [];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await proxy?.close();
  await simulator?.close();
  proxy = null;
  simulator = null;
  setLogSink(() => {});
});

async function startStore(count = 6, credentialKind: "access-token" | "client-credentials" = "access-token") {
  simulator = await startShopifySimulator({
    credentialKind,
    orders: generateSeedOrders({ count, firstId: 1001, startUtc: "2026-03-01T08:00:00Z", stepMs: 60_000 }),
  });
  return simulator;
}

async function failure(promise: Promise<unknown>): Promise<CartError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CartError)) throw new Error(`expected a CartError, got ${String(error)}`);
  return error;
}

function expectNoSecret(store: ShopifySimulator, error: CartError | null): void {
  const texts = [...logLines, error?.message ?? "", error?.detail ?? ""];
  for (const secret of store.secrets()) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

const idsOf = (pages: OrderPage[]) => pages.flatMap((page) => page.orders.map((order) => order.orderId));
const ALL_IDS = ["1001", "1002", "1003", "1004", "1005", "1006"];

/** A sleep that records each wait and returns at once, so that long waits cost no time. */
function recordingSleep() {
  const waitsMs: number[] = [];
  return { waitsMs, sleep: async (ms: number) => void waitsMs.push(ms) };
}

describe("Shopify Retry-After values", () => {
  it("retries soon after Retry-After 0", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({ status: 429, headers: { "retry-after": "0" }, body: THROTTLE_BODY }), 3);
    const { waitsMs, sleep } = recordingSleep();
    const pages = await collectPages(connectorFor(store, { sleep }).listOrders({ ...WINDOW, pageSize: 3 }));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(waitsMs).toHaveLength(3);
    expect(waitsMs.every((ms) => ms <= FAST_RETRY_POLICY.baseDelayMs)).toBe(true);
  });

  const cases = [
    { header: "0.25", expected: [250, 250, 250] },
    { header: "2.0", expected: [2000, 2000, 2000] },
    { header: "86400", expected: [10_000, 10_000, 10_000] },
  ];
  for (const { header, expected } of cases) {
    it(`waits ${expected[0]} ms for Retry-After ${header}`, async () => {
      const store = await startStore();
      store.scriptReplies("orders", () => ({ status: 429, headers: { "retry-after": header }, body: THROTTLE_BODY }), 3);
      const { waitsMs, sleep } = recordingSleep();
      const pages = await collectPages(connectorFor(store, { sleep }).listOrders({ ...WINDOW, pageSize: 3 }));
      expect(idsOf(pages)).toEqual(ALL_IDS);
      expect(waitsMs).toEqual(expected);
      expect(pages[0]!.attempts).toBe(4);
    });
  }

  it("waits until a Retry-After date", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({
      status: 429,
      headers: { "retry-after": new Date(Date.now() + 3_000).toUTCString() },
      body: THROTTLE_BODY,
    }));
    const { waitsMs, sleep } = recordingSleep();
    const pages = await collectPages(connectorFor(store, { sleep }).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(waitsMs).toHaveLength(1);
    expect(waitsMs[0]).toBeGreaterThan(1_000);
    expect(waitsMs[0]).toBeLessThanOrEqual(3_000);
  });

  it("retries at once after a Retry-After date in the past", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({
      status: 429,
      headers: { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" },
      body: THROTTLE_BODY,
    }));
    const { waitsMs, sleep } = recordingSleep();
    await collectPages(connectorFor(store, { sleep }).listOrders(WINDOW));
    expect(waitsMs).toEqual([0]);
  });

  it("backs off on an unreadable Retry-After", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({ status: 429, headers: { "retry-after": "soon" }, body: THROTTLE_BODY }), 2);
    const { waitsMs, sleep } = recordingSleep();
    const pages = await collectPages(connectorFor(store, { sleep }).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(waitsMs).toHaveLength(2);
    expect(waitsMs.every((ms) => ms > 0 && ms <= FAST_RETRY_POLICY.maxDelayMs)).toBe(true);
  });

  it("retries a 429 that carries a THROTTLED body", async () => {
    const store = await startStore();
    const throttled = JSON.stringify({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] });
    store.scriptReplies("orders", () => ({ status: 429, body: throttled }), 3);
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(4);
  });
});

describe("Shopify server errors, stalls and resets", () => {
  it("completes after five 503s in a row", async () => {
    const store = await startStore();
    store.injectFault({ kind: "status", status: 503, times: 5 });
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(6);
  });

  it("stops after a 503 burst longer than the retry bound", async () => {
    const store = await startStore();
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 3 })[Symbol.asyncIterator]();
    const first = await pages.next();
    store.injectFault({ kind: "status", status: 503, times: 10 });
    const error = await failure(pages.next());

    expect(first.value?.orders.map((order: { orderId: string }) => order.orderId)).toEqual(["1001", "1002", "1003"]);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.kind).toBe("server-error");
    expect((error as RetriesExhaustedError).attempts).toBe(FAST_RETRY_POLICY.maxFailureAttempts);
    expect(error.message).toContain("server error (HTTP 503) 6 times in a row");
    expect(error.message).toContain("Try again later");
    expectNoSecret(store, error);
  });

  it("stops after stalls longer than the attempt timeout", async () => {
    const store = await startStore();
    store.injectFault({ kind: "stall", delayMs: 3_000, times: 6 });
    const policy = { ...FAST_RETRY_POLICY, attemptTimeoutMs: 150 };
    const error = await failure(collectPages(connectorFor(store, { retryPolicy: policy }).listOrders(WINDOW)));

    expect(error.kind).toBe("unreachable");
    expect((error as RetriesExhaustedError).repeatedFailure).toBe("timeout");
    expect(error.message).toContain("failed 6 times");
    expect(error.message).toContain("Check the network");
    expect(store.orders()).toHaveLength(6);
  });

  it("completes after a reset in the middle of a body", async () => {
    const store = await startStore();
    proxy = await startCuttingProxy(store.storeUrl);
    proxy.cutResponses(2, { afterBytes: 40, bodyContains: "orders(" });
    const pages = await collectPages(
      connectorFor({ storeUrl: proxy.url, credentials: store.credentials }).listOrders({ ...WINDOW, pageSize: 3 }),
    );
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("stops after resets in the middle of every body", async () => {
    const store = await startStore();
    proxy = await startCuttingProxy(store.storeUrl);
    proxy.cutResponses(6, { afterBytes: 200, bodyContains: "orders(" });
    const error = await failure(
      collectPages(connectorFor({ storeUrl: proxy.url, credentials: store.credentials }).listOrders(WINDOW)),
    );
    expect(error.kind).toBe("unreachable");
    expect((error as RetriesExhaustedError).repeatedFailure).toBe("reset");
    expect(error.message).toContain("failed 6 times");
    expectNoSecret(store, error);
  });

  it("stops after truncated JSON longer than the retry bound", async () => {
    const store = await startStore();
    store.injectFault({ kind: "malformed", times: 6 });
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("could not be read 6 times in a row");
  });

  it("retries an HTML page in place of JSON", async () => {
    const store = await startStore();
    const html = "<!DOCTYPE html><html><body>Store unavailable</body></html>";
    store.scriptReplies("orders", () => ({ status: 200, headers: { "content-type": "text/html" }, body: html }), 2);
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(3);
  });
});

describe("Shopify listing cancelled", () => {
  it("stops between pages when aborted", async () => {
    const store = await startStore();
    const controller = new AbortController();
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 3, signal: controller.signal })[Symbol.asyncIterator]();
    await pages.next();
    const requestsBefore = store.requestLog().length;
    controller.abort();
    const error = await failure(pages.next());
    expect(error.kind).toBe("cancelled");
    expect(store.requestLog().length).toBe(requestsBefore);
  });

  it("stops during a stalled request when aborted", async () => {
    const store = await startStore();
    store.injectFault({ kind: "stall", delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    const listing = collectPages(connectorFor(store).listOrders({ ...WINDOW, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await failure(listing);
    expect(error.kind).toBe("cancelled");
  });

  it("stops during a Retry-After wait when aborted", async () => {
    const store = await startStore();
    store.injectFault({ kind: "status", status: 429, retryAfterSeconds: 5, times: 1 });
    const controller = new AbortController();
    const listing = collectPages(connectorFor(store).listOrders({ ...WINDOW, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await failure(listing);
    expect(error.kind).toBe("cancelled");
  });

  it("sends nothing when aborted before the start", async () => {
    const store = await startStore();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(collectPages(connectorFor(store).listOrders({ ...WINDOW, signal: controller.signal })));
    expect(error.kind).toBe("cancelled");
    expect(store.requestLog().filter((entry) => entry.body.includes("orders("))).toEqual([]);
  });
});

describe("Shopify credentials lost mid-listing", () => {
  it("stops with a plain message when a pasted token is revoked", async () => {
    const store = await startStore();
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    await pages.next();
    store.revokeCredentials();
    const error = await failure(pages.next());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("Shopify rejected the access token");
    expect(error.message).toContain("test the connection again");
    expectNoSecret(store, error);
  });

  it("stops when the client secret is rotated mid-listing", async () => {
    const store = await startStore(6, "client-credentials");
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    await pages.next();
    store.revokeCredentials();
    const error = await failure(pages.next());
    expect(error.kind).toBe("credentials-rejected");
    expect(error.message).toContain("client ID or client secret");
    expect(store.tokenGrants()).toHaveLength(1);
    expectNoSecret(store, error);
  });

  it("renews a token that expires before every page", async () => {
    const store = await startStore(6, "client-credentials");
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    const ids: string[] = [];
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      ids.push(...page.value.orders.map((order) => order.orderId));
      store.expireIssuedTokens();
    }
    expect(ids).toEqual(ALL_IDS);
    // The first token, then one after each of the two 401s; the last page needs no request after it.
    expect(store.tokenGrants()).toHaveLength(3);
    expect(store.requestLog().filter((entry) => entry.status === 401)).toHaveLength(2);
    expectNoSecret(store, null);
  });
});
