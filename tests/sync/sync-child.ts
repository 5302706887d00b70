/**
 * One sync run in its own process, for tests that kill it with SIGKILL at a
 * random instant. It reads its setup from the environment, writes "ready",
 * one "page" line per committed page and a final "summary" line with the
 * run's summary as JSON to stdout, and exits.
 *
 * CART_SYNC_DATA_DIR      folder of the ledger and the order book
 * CART_SYNC_ADDRESS       ConnectorAddress of the simulator, as JSON
 * CART_SYNC_IMPORT_FROM   Import Orders from, a UTC instant
 * CART_SYNC_PAGE_SIZE     page size of a fresh window
 * CART_SYNC_OVERLAP_MS    overlap before Last Order from, in milliseconds
 * CART_SYNC_INTAKE_URL    when set, documents go to this HTTP order intake instead of the order book
 * CART_SYNC_NOW           when set, a fixed UTC instant the run takes as now
 */
import type { Destination } from "../../main/destinations/destination.js";
import { HttpIntake } from "../../main/destinations/http-intake.js";
import { OrderBook } from "../../main/destinations/order-book.js";
import { Ledger } from "../../main/sync/ledger.js";
import { runSync } from "../../main/sync/sync-engine.js";
import { connectorAt, type ConnectorAddress } from "./platform-connectors.js";
import { SUITE_MAPPING, SUITE_RETRY_POLICY } from "./sync-kit.js";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const dataDir = required("CART_SYNC_DATA_DIR");
  const address = JSON.parse(required("CART_SYNC_ADDRESS")) as ConnectorAddress;
  const intakeUrl = process.env.CART_SYNC_INTAKE_URL;
  const fixedNowMs = process.env.CART_SYNC_NOW ? Date.parse(process.env.CART_SYNC_NOW) : null;
  const ledger = new Ledger(dataDir);
  const orderBook = intakeUrl ? null : new OrderBook(dataDir);
  const destination: Destination =
    orderBook ?? new HttpIntake({ endpointUrl: intakeUrl!, retryPolicy: SUITE_RETRY_POLICY, concurrency: 3 });

  process.stdout.write("ready\n");
  const summary = await runSync(
    {
      connector: connectorAt(address, SUITE_RETRY_POLICY),
      destination,
      ledger,
      mapping: SUITE_MAPPING,
      importFromUtc: required("CART_SYNC_IMPORT_FROM"),
      pageSize: Number(required("CART_SYNC_PAGE_SIZE")),
      overlapMs: Number(required("CART_SYNC_OVERLAP_MS")),
      now: fixedNowMs === null ? Date.now : () => fixedNowMs,
      onPageCommitted: (event) => process.stdout.write(`page ${event.orders} ${event.imported}\n`),
    },
    "manual",
  );
  ledger.close();
  orderBook?.close();
  process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
