import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderBook } from "../../main/destinations/order-book.js";
import { Ledger } from "../../main/sync/ledger.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { bundleSyncChild, runSyncChild, type ChildBundle } from "./child-runner.js";
import { ROOMY_SHOPIFY_BUCKET, seeds } from "./sync-kit.js";

/** Zones with odd offsets, both hemispheres and a daylight-saving change on the day of the orders. */
const MACHINE_ZONES = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"];
const IMPORT_FROM = "2026-10-24T22:00:00.000Z";
// Europe/Berlin repeats 02:00 to 03:00 local from 00:00Z to 01:00Z on 2026-10-25.
const NOW = "2026-10-25T03:00:00.500Z";

const LOCAL_TIME_CALL =
  /\.(getHours|getMinutes|getSeconds|getDate|getDay|getMonth|getFullYear|getYear|getTimezoneOffset|setHours|setMinutes|setDate|setMonth|setFullYear|toLocale\w*|toDateString|toTimeString)\(/;

function sourcesIn(folder: string): string[] {
  const path = fileURLToPath(new URL(`../../main/${folder}/`, import.meta.url));
  return readdirSync(path)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(path, name));
}

type RunResult = { window: unknown; markUtc: string | null; documents: { sourceKey: string; orderDateUtc: string }[] };

describe("machine time zone", () => {
  let bundle: ChildBundle | null = null;
  let simulator: ShopifySimulator | null = null;

  beforeAll(async () => {
    bundle = await bundleSyncChild();
    simulator = await startShopifySimulator({ credentialKind: "access-token", timeZone: "Europe/Berlin", bucket: ROOMY_SHOPIFY_BUCKET });
    simulator.addOrders([
      // One second before Import Orders from, then exactly at it.
      ...seeds(2, 100, "2026-10-24T21:59:59.000Z", 1000),
      ...seeds(12, 200, "2026-10-24T23:30:00.000Z", 10 * 60_000),
      // Exactly at the window's end, which the half-open window leaves out.
      ...seeds(1, 300, "2026-10-25T03:00:00.000Z"),
    ]);
  }, 60_000);

  afterAll(async () => {
    await simulator?.close();
    await bundle?.dispose();
  });

  async function runIn(zone: string): Promise<RunResult> {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-zone-"));
    try {
      const outcome = await runSyncChild({
        bundle: bundle!,
        kill: null,
        env: {
          TZ: zone,
          CART_SYNC_DATA_DIR: dataDir,
          CART_SYNC_ADDRESS: JSON.stringify({ platform: "shopify", storeUrl: simulator!.storeUrl, credentials: simulator!.credentials }),
          CART_SYNC_IMPORT_FROM: IMPORT_FROM,
          CART_SYNC_PAGE_SIZE: "5",
          CART_SYNC_OVERLAP_MS: String(15 * 60_000),
          CART_SYNC_NOW: NOW,
        },
      });
      expect(outcome.stderr).toBe("");
      const ledger = new Ledger(dataDir);
      const orderBook = new OrderBook(dataDir);
      const result = {
        window: outcome.summary?.window,
        markUtc: ledger.lastOrderFromUtc,
        documents: orderBook.documents().map(({ sourceKey, orderDateUtc }) => ({ sourceKey, orderDateUtc })),
      };
      ledger.close();
      orderBook.close();
      return result;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  it("gives the same windows, marks and documents in every zone", async () => {
    const results = await Promise.all(MACHINE_ZONES.map((zone) => runIn(zone)));
    const [utc, ...others] = results;
    expect(utc?.window).toEqual({ fromUtc: IMPORT_FROM, toUtc: "2026-10-25T03:00:00.000Z" });
    expect(utc?.markUtc).toBe("2026-10-25T03:00:00.000Z");
    expect(utc?.documents.map((document) => document.sourceKey.split(":")[2])).toEqual([
      "101", "200", "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211",
    ]);
    for (const result of others) expect(result).toEqual(utc);
  }, 60_000);

  it("uses no local-time Date methods in the sync and the destinations", () => {
    const offenders = [...sourcesIn("sync"), ...sourcesIn("destinations")].filter((path) =>
      LOCAL_TIME_CALL.test(readFileSync(path, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
