import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../main/carts/cart-error.js";
import type { OrderPage } from "../../main/carts/connector.js";
import { RetriesExhaustedError } from "../../main/http/http-client.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { setLogSink } from "../../main/logging/logger.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import type { SimulatorReply } from "../simulators/common/simulator-server.js";
import type { BucketOptions } from "../simulators/shopify/shopify-throttle.js";
import { type ShopifySimulator, startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { collectPages, connectorFor } from "./shopify-harness.js";

const WINDOW = { createdFromUtc: "2026-03-01T00:00:00Z", createdToUtc: "2026-03-02T00:00:00Z" };
const ALL_IDS = ["1001", "1002", "1003", "1004", "1005", "1006"];

let simulator: ShopifySimulator | null = null;
let logLines: string[] = [];

beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  setLogSink(() => {});
});

async function startStore(bucket: Partial<BucketOptions> = {}, count = 6) {
  simulator = await startShopifySimulator({
    bucket,
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

type OrdersBody = {
  data: { orders: { nodes: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
};

/** Changes the body of the store's own orders reply; a reply without orders, such as THROTTLED, passes unchanged. */
function rewrite(change: (body: OrdersBody, variables: Record<string, unknown>) => void) {
  return (storeReply: () => SimulatorReply, request: { body: string }): SimulatorReply => {
    const reply = storeReply();
    const body = JSON.parse(reply.body) as Partial<OrdersBody>;
    if (!body.data?.orders) return reply;
    change(body as OrdersBody, (JSON.parse(request.body) as { variables: Record<string, unknown> }).variables);
    return { ...reply, body: JSON.stringify(body) };
  };
}

const internalError = (): SimulatorReply => ({
  status: 200,
  body: JSON.stringify({
    errors: [
      {
        message: "Internal error. Looks like something went wrong on our end.\nRequest ID: 6c1f0b2e-0000-4000-8000-000000000000",
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "6c1f0b2e-0000-4000-8000-000000000000" },
      },
    ],
  }),
});

describe("Shopify GraphQL error codes", () => {
  it("retries INTERNAL_SERVER_ERROR and completes", async () => {
    const store = await startStore();
    store.scriptReplies("orders", internalError, 2);
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("stops after INTERNAL_SERVER_ERROR longer than the retry bound", async () => {
    const store = await startStore();
    store.scriptReplies("orders", internalError, 10);
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.kind).toBe("server-error");
    expect((error as RetriesExhaustedError).repeatedFailure).toBe("server-error");
    expect(error.message).toContain("internal error (INTERNAL_SERVER_ERROR) 6 times in a row");
    expect(error.message).toContain("Try again later");
    expect(error.detail).toContain("Request ID: 6c1f0b2e");
  });

  it("names the fields withheld as protected customer data", async () => {
    const store = await startStore();
    store.setProtectedDataApproved(false);
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("customer, email, billingAddress, shippingAddress");
    expect(error.message).toContain("protected customer data");
    expect(error.message).not.toContain("read_orders");
    expect(error.detail).toContain("not approved to access the Customer object");
    expectNoSecret(store, error);
  });

  it("asks for read_orders when the scope goes mid-listing", async () => {
    const store = await startStore();
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 3 })[Symbol.asyncIterator]();
    await pages.next();
    store.setScopes(["read_products"]);
    const error = await failure(pages.next());
    expect(error.kind).toBe("permission-missing");
    expect(error.message).toContain("read_orders");
  });

  it("reports an unknown error code with Shopify's message", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({
      status: 200,
      body: JSON.stringify({
        errors: [{ message: "Field 'fooBar' doesn't exist on type 'Order'", extensions: { code: "undefinedField" } }],
      }),
    }));
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("Report this to Cart Cutover support");
    expect(error.detail).toContain("Field 'fooBar' doesn't exist");
  });

  it("names the limit when one order is too costly", async () => {
    const store = await startStore({ singleQueryMaxCost: 1 });
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("even one order per request");
  });
});

describe("Shopify responses that break paging", () => {
  it("retries an orders connection that is null", async () => {
    const store = await startStore();
    store.scriptReplies("orders", () => ({ status: 200, body: JSON.stringify({ data: { orders: null } }) }), 2);
    const pages = await collectPages(connectorFor(store).listOrders(WINDOW));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(pages[0]!.attempts).toBe(3);
  });

  it("stops when orders keep coming without their fields", async () => {
    // Each retry requests a page of 968 points again, so the bucket must refill at once to keep THROTTLED out.
    const store = await startStore({ restoreRate: 1_000_000 });
    const nodeWithoutLines = rewrite((body) => {
      for (const node of body.data.orders.nodes) delete node.lineItems;
    });
    store.scriptReplies("orders", nodeWithoutLines, 6);
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("without its lineItems");
  });

  it("stops on a next page without a cursor", async () => {
    const store = await startStore();
    store.scriptReplies("orders", rewrite((body) => (body.data.orders.pageInfo.endCursor = null)));
    const error = await failure(collectPages(connectorFor(store).listOrders({ ...WINDOW, pageSize: 3 })));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("cannot be trusted to be complete");
    expect(error.detail).toContain("hasNextPage without an end cursor");
  });

  it("stops on a cursor that does not move", async () => {
    const store = await startStore();
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    const first = await pages.next();
    store.scriptReplies("orders", rewrite((body, variables) => (body.data.orders.pageInfo.endCursor = variables.after as string)));
    const error = await failure(pages.next());
    expect(first.value?.orders).toHaveLength(2);
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("the end cursor did not move");
  });

  it("stops when an order comes back on a later page", async () => {
    const store = await startStore();
    let repeated: Record<string, unknown> | null = null;
    store.scriptReplies("orders", rewrite((body) => (repeated = body.data.orders.nodes[1]!)));
    store.scriptReplies("orders", rewrite((body) => body.data.orders.nodes.unshift(repeated!)));
    const pages = connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 })[Symbol.asyncIterator]();
    const first = await pages.next();
    const error = await failure(pages.next());
    expect(first.value?.orders.map((order: { orderId: string }) => order.orderId)).toEqual(["1001", "1002"]);
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("order 1002 (#1002) returned twice");
  });

  it("stops when the same order fills a page twice", async () => {
    const store = await startStore();
    store.scriptReplies("orders", rewrite((body) => body.data.orders.nodes.push(body.data.orders.nodes[0]!)));
    const error = await failure(collectPages(connectorFor(store).listOrders(WINDOW)));
    expect(error.kind).toBe("bad-response");
    expect(error.detail).toContain("order 1001 (#1001) returned twice");
  });
});

describe("Shopify throttle storms", () => {
  it("lists every order once while another client drains the bucket", async () => {
    // Refilling the 140 points of a two-order page takes 280 ms, far longer than the client needs to ask for the next page.
    const store = await startStore({ restoreRate: 500 });
    const drainAfter = (storeReply: () => SimulatorReply): SimulatorReply => {
      const reply = storeReply();
      if (reply.body.includes('"data"')) store.setAvailablePoints(0);
      return reply;
    };
    store.scriptReplies("orders", drainAfter, 50);
    const pages = await collectPages(connectorFor(store).listOrders({ ...WINDOW, pageSize: 2 }));
    expect(idsOf(pages)).toEqual(ALL_IDS);
    expect(store.throttledResponses().length).toBeGreaterThan(0);
    expect(pages.reduce((sum, page) => sum + page.attempts, 0)).toBe(3 + store.throttledResponses().length);
  });

  it("gives up on a bucket that barely refills", async () => {
    // A page of 3 orders requests 209 points, which the first page leaves in the 500-point bucket.
    const store = await startStore({ maximumAvailable: 500, restoreRate: 0.5 });
    const policy = { ...FAST_RETRY_POLICY, maxRetryAfterMs: 50, rateLimitBudgetMs: 300 };
    const pages = connectorFor(store, { retryPolicy: policy }).listOrders({ ...WINDOW, pageSize: 3 })[Symbol.asyncIterator]();
    const first = await pages.next();
    store.setAvailablePoints(0);
    const error = await failure(pages.next());
    expect(first.value?.orders).toHaveLength(3);
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("kept throttling requests");
    expect(error.message).toContain("Try again later");
  });

  it("fails at once instead of waiting for a bucket that barely refills", async () => {
    const store = await startStore({ restoreRate: 0.01 }, 40);
    const waitsMs: number[] = [];
    const sleep = async (ms: number) => void waitsMs.push(ms);
    const pages = connectorFor(store, { sleep }).listOrders({ ...WINDOW, pageSize: 20 })[Symbol.asyncIterator]();
    const first = await pages.next();
    const error = await failure(pages.next());

    // The next page of 14 orders requests 968 points again, and the bucket lacks only what earlier queries used.
    const left = 1000 - store.chargedQueries().reduce((sum, query) => sum + query.actualQueryCost, 0);
    const waitMinutes = Math.ceil((968 - left) / 0.01 / 60);
    expect(first.value?.orders).toHaveLength(14);
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain("refills at only 0.01 points per second");
    expect(error.message).toContain(`about ${waitMinutes} minutes`);
    expect(waitsMs).toEqual([]);
    expect(store.throttledResponses()).toEqual([]);
  });
});
