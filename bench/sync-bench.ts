/**
 * The sync benchmark: `npm run bench:sync`. Each figure is measured in this
 * one run beside its baseline, and printed with the machine it ran on.
 *
 * (a) orders per second importing 10,000 orders from an unthrottled Shopify
 *     simulator, as a ratio to a bare client that only pages through the
 *     same simulator and parses the JSON (target at least 0.5);
 * (b) wall time against the simulator's cost bucket, as a ratio to the
 *     minimum that bucket allows for the same queries (target at most 1.15);
 * (c) time for the last 1,000 of 100,000 orders divided by the time for the
 *     first 1,000 (target at most 1.3), against an in-memory cart so that
 *     only the sync's own cost per order is timed.
 *
 * The simulator listens on 127.0.0.1 only. Nothing here asserts a time.
 */
import got from "got";
import { createDemoConnector } from "../main/carts/demo/demo-store.js";
import { graphqlUrl } from "../main/carts/shopify/shopify-api.js";
import { buildCreatedWindowSearch, ORDERS_QUERY } from "../main/carts/shopify/shopify-queries.js";
import { parseStoreAddress } from "../main/carts/store-address.js";
import { FAST_RETRY_POLICY } from "../main/http/retry-policy.js";
import { startShopifySimulator, type ShopifySimulator } from "../tests/simulators/shopify/shopify-simulator.js";
import { connectorAt } from "../tests/sync/platform-connectors.js";
import { seeds } from "../tests/sync/sync-kit.js";
import {
  describeMachine,
  formatRatio,
  inMemoryCart,
  minimumThrottledMs,
  reached,
  timedSync,
} from "./sync-bench-kit.js";

process.env.CART_CUTOVER_QUIET = "1";

const WINDOW = { fromUtc: "2026-11-01T00:00:00.000Z", toUtc: "2026-12-01T00:00:00.000Z" };
const UNLIMITED = { maximumAvailable: 1e12, restoreRate: 1e12, singleQueryMaxCost: 1e12 };

async function shopifyWith(count: number, bucket: Parameters<ShopifySimulator["setBucket"]>[0]): Promise<ShopifySimulator> {
  const simulator = await startShopifySimulator({ credentialKind: "access-token", bucket });
  simulator.addOrders(seeds(count, 100_000, "2026-11-01T00:00:30.000Z", 60_000));
  return simulator;
}

const connectorOf = (simulator: ShopifySimulator) =>
  connectorAt({ platform: "shopify", storeUrl: simulator.storeUrl, credentials: { ...simulator.credentials } }, FAST_RETRY_POLICY);

/** Returns the `first` of the orders queries the simulator received, the page size the connector settled on. */
function pageSizesSent(simulator: ShopifySimulator): number[] {
  return simulator
    .requestLog()
    .filter((entry) => entry.body.includes("CartCutoverOrders"))
    .map((entry) => Number((JSON.parse(entry.body) as { variables: { first: number } }).variables.first));
}

/** Pages through the simulator with the connector's own query and only parses the JSON. */
async function bareListing(simulator: ShopifySimulator, pageSize: number): Promise<{ orders: number; ms: number }> {
  const url = graphqlUrl(parseStoreAddress(simulator.storeUrl));
  const query = buildCreatedWindowSearch(WINDOW.fromUtc, WINDOW.toUtc);
  const startedMs = performance.now();
  let after: string | null = null;
  let orders = 0;
  for (let page = 0; page < 10_000; page++) {
    const body: string = await got
      .post(url, {
        headers: { "content-type": "application/json", "x-shopify-access-token": simulator.credentials.accessToken! },
        body: JSON.stringify({ query: ORDERS_QUERY, variables: { first: pageSize, after, query } }),
      })
      .text();
    const parsed = JSON.parse(body) as { data: { orders: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    orders += parsed.data.orders.nodes.length;
    if (!parsed.data.orders.pageInfo.hasNextPage) break;
    after = parsed.data.orders.pageInfo.endCursor;
  }
  return { orders, ms: performance.now() - startedMs };
}

async function throughputRatio(): Promise<string[]> {
  const count = 10_000;
  const simulator = await shopifyWith(count, UNLIMITED);
  try {
    // The connector keeps each query within Shopify's single-query cost
    // limit, so the bare client pages with the size the connector used.
    const run = await timedSync(connectorOf(simulator), WINDOW, 250);
    const pageSize = Math.max(...pageSizesSent(simulator));
    const bare = await bareListing(simulator, pageSize);
    const bareRate = (bare.orders / bare.ms) * 1000;
    const syncRate = (run.summary.imported / (run.endedMs - run.startedMs)) * 1000;
    return [
      `(a) import of ${count} orders from an unthrottled Shopify simulator, pages of ${pageSize}:`,
      `    bare client ${bareRate.toFixed(0)} orders/s (${bare.orders} orders), sync ${syncRate.toFixed(0)} orders/s (${run.summary.imported} imported)`,
      `    ratio ${formatRatio(syncRate / bareRate)} (target at least 0.50)`,
    ];
  } finally {
    await simulator.close();
  }
}

async function throttleRatio(): Promise<string[]> {
  const count = 1_000;
  const bucket = { maximumAvailable: 2_000, restoreRate: 10_000 };
  const simulator = await shopifyWith(count, bucket);
  try {
    const run = await timedSync(connectorOf(simulator), WINDOW, 250);
    // The simulator records what it charged for each query: the points the
    // query needed available and the points it kept after the refund.
    const queries = simulator
      .chargedQueries()
      .map((query) => ({ requested: query.requestedQueryCost, actual: query.actualQueryCost }));
    const minimumMs = minimumThrottledMs(queries, bucket);
    const wallMs = run.endedMs - run.startedMs;
    const points = queries.reduce((sum, query) => sum + query.actual, 0);
    return [
      `(b) import of ${count} orders through a cost bucket of ${bucket.maximumAvailable} points restoring ${bucket.restoreRate}/s:`,
      `    ${queries.length} queries costing ${points} points, pages of up to ${Math.max(...pageSizesSent(simulator))}, THROTTLED responses ${simulator.throttledResponses().length}`,
      `    wall ${(wallMs / 1000).toFixed(2)} s, minimum the bucket allows ${(minimumMs / 1000).toFixed(2)} s`,
      `    ratio ${formatRatio(wallMs / minimumMs)} (target at most 1.15)`,
    ];
  } finally {
    await simulator.close();
  }
}

async function growthRatio(): Promise<string[]> {
  const count = 100_000;
  const pageSize = 100;
  const openedAtMs = Date.parse(WINDOW.fromUtc);
  const demo = createDemoConnector({ openedAtMs, now: () => openedAtMs });
  // Live demo orders arrive about every 90 s, so 120 days hold more than 100,000.
  const orders = demo.ordersUntil(openedAtMs + 120 * 86_400_000).filter((order) => Date.parse(order.createdAtUtc) >= openedAtMs).slice(0, count);
  const window = { fromUtc: WINDOW.fromUtc, toUtc: new Date(Date.parse(orders.at(-1)!.createdAtUtc) + 1000).toISOString() };
  // A short run first, so that the first 1,000 of the measured run are not slowed by compilation.
  await timedSync(inMemoryCart(orders.slice(0, 3_000)), window, pageSize);
  const run = await timedSync(inMemoryCart(orders), window, pageSize);
  const firstMs = reached(run, 1_000).atMs - run.startedMs;
  const lastMs = run.endedMs - reached(run, count - 1_000).atMs;
  // Wall time also contains the disk syncs (three per page) and whatever else
  // the machine runs. CPU time of this process shows growth in the sync's
  // own work without either.
  const firstCpuMs = reached(run, 1_000).cpuMs - run.startedCpuMs;
  const lastCpuMs = run.endedCpuMs - reached(run, count - 1_000).cpuMs;
  return [
    `(c) ${count} orders from an in-memory cart, pages of ${pageSize}, after a warm-up run of 3,000:`,
    `    first 1,000 in ${firstMs.toFixed(0)} ms, last 1,000 in ${lastMs.toFixed(0)} ms, whole run ${((run.endedMs - run.startedMs) / 1000).toFixed(1)} s`,
    `    ratio ${formatRatio(lastMs / firstMs)} (target at most 1.30)`,
    `    CPU time: first 1,000 ${firstCpuMs.toFixed(0)} ms, last 1,000 ${lastCpuMs.toFixed(0)} ms, ratio ${formatRatio(lastCpuMs / firstCpuMs)}`,
  ];
}

async function main(): Promise<void> {
  console.log(`Cart Cutover sync benchmark on ${describeMachine()}`);
  for (const measure of [throughputRatio, throttleRatio, growthRatio]) {
    for (const line of await measure()) console.log(line);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
