import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { exportCommand, proofCommand } from "../../main/cutover/cli-commands.js";
import { createExportService } from "../../main/cutover/export-service.js";
import { cutoverLedgerViewOf } from "../../main/cutover/ledger-view.js";
import { checkOverlap, overlapVerdict } from "../../main/cutover/seam-check.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { latestProofForApp } from "../../main/proof/proof-service.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { memoryKeychain } from "../support/memory-keychain.js";
import { seedAt } from "./cutover-rig.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CUTOFF_UTC = "2026-04-01T07:00:00.000Z";
const opened: { services: AppServices; simulator: ShopifySimulator; dataDir: string }[] = [];

afterEach(async () => {
  while (opened.length) {
    const { services, simulator, dataDir } = opened.pop()!;
    await services.close();
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** App services connected to a Berlin Shopify store, with the cut-off set at 09:00 store time. */
async function connectedApp() {
  const at = (offsetMs: number) => new Date(Date.parse(CUTOFF_UTC) + offsetMs).toISOString();
  const simulator = await startShopifySimulator({
    timeZone: "Europe/Berlin",
    orders: [
      seedAt(4001, at(-2 * HOUR)),
      seedAt(4002, at(-MINUTE)),
      seedAt(4003, at(-HOUR), { status: "closed", fulfillment: "fulfilled" }),
    ],
  });
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-app-"));
  let clockMs = Date.parse(CUTOFF_UTC) + 3 * HOUR;
  const services = await createAppServices({
    dataDir,
    keychain: memoryKeychain(),
    now: () => clockMs,
    retryPolicy: FAST_RETRY_POLICY,
    pageSize: 5,
  });
  opened.push({ services, simulator, dataDir });
  await services.handlers["connect:save"]({ platform: "shopify", storeUrl: simulator.storeUrl, credentials: simulator.credentials });
  await services.handlers["connect:test"]({});
  const cutoff = await services.handlers["cutoff:set"]({ wallClock: "2026-04-01T09:00" });
  expect(cutoff.cutoffUtc).toBe(CUTOFF_UTC);
  return { services, simulator, at, advance: (ms: number) => (clockMs += ms) };
}

describe("cut-over through the app services", () => {
  it("exports, syncs and proves through services", async () => {
    const { services, simulator, at } = await connectedApp();
    const exports = createExportService(services.context);

    const started = await exports.start({});
    expect(started.state).toBe("running");
    await exports.idle();
    expect(exports.status().state).toBe("done");
    expect(services.context.settings.current.exportSummary?.orders).toBe(2);

    // An overlap of one hour: the sync reads orders before the cut-off but skips the exported ones.
    const importFromUtc = at(-HOUR);
    const seam = await services.handlers["go-live:save"]({ documentKind: "sales-order", importFromUtc, intervalMinutes: 15, filter: DEFAULT_ORDER_FILTER });
    expect(seam.startAllowed).toBe(true);
    simulator.addOrders([seedAt(4004, at(0)), seedAt(4005, at(HOUR))]);
    const status = await services.handlers["sync:run-now"]({});
    expect(status.history[0]?.imported).toBe(2);

    const { report, lines } = await proofCommand(services, { hours: "6" });
    expect(report.clean).toBe(true);
    expect(report.counts).toEqual({ exported: 2, imported: 2, excluded: 1, missing: 0, doubled: 0 });
    expect(lines[0]).toMatch(/^The cut-over is complete/);
    const html = await readFile(report.files!.html, "utf8");
    expect(html).toContain("<h1>Cut-over proof</h1>");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(await latestProofForApp(services.context)).toEqual(report);
  });

  it("rejects an overlap with unexported orders", async () => {
    const { services, simulator, at } = await connectedApp();
    const exports = createExportService(services.context);
    await exports.start({});
    await exports.idle();
    simulator.addOrders([seedAt(4010, at(-10 * MINUTE))]);

    const context = services.context;
    const check = await checkOverlap({
      connector: await context.connector(),
      ledger: cutoverLedgerViewOf(context.ledger, context.mappingOptions().storeId),
      importFromUtc: at(-HOUR),
      cutoffUtc: CUTOFF_UTC,
      filter: DEFAULT_ORDER_FILTER,
    });
    const verdict = overlapVerdict(check, at(-HOUR), CUTOFF_UTC, "Europe/Berlin", true);

    expect(check.concerned.map((order) => order.orderNumber).sort()).toEqual(["#4002", "#4003", "#4010"]);
    expect(check.notExported.map((order) => order.orderNumber)).toEqual(["#4010"]);
    expect(verdict.startAllowed).toBe(false);
    expect(verdict.ordersConcerned.map((order) => order.orderNumber)).toEqual(["#4010"]);
    expect(verdict.message).toContain("1 of them are not in the export, so the sync would import them although they were created before the cut-off: #4010.");

    await exports.start({});
    await exports.idle();
    const again = await checkOverlap({
      connector: await context.connector(),
      ledger: cutoverLedgerViewOf(context.ledger, context.mappingOptions().storeId),
      importFromUtc: at(-HOUR),
      cutoffUtc: CUTOFF_UTC,
      filter: DEFAULT_ORDER_FILTER,
    });
    expect(overlapVerdict(again, at(-HOUR), CUTOFF_UTC, "Europe/Berlin", true).startAllowed).toBe(true);
    expect(overlapVerdict(again, at(-HOUR), CUTOFF_UTC, "Europe/Berlin", false).startAllowed).toBe(false);
  });

  it("rejects an export while Running", async () => {
    const { services } = await connectedApp();
    await services.context.settings.update((settings) => (settings.sync.state = "Running"));

    await expect(createExportService(services.context).start({})).rejects.toThrow(
      "Auto Sync is Running. Stop it before you export, so that no order can reach both the export and the sync.",
    );
  });

  it("rejects invalid ranges for scope all", async () => {
    const { services, at } = await connectedApp();
    const exports = createExportService(services.context);

    await expect(exports.start({ scope: "all" })).rejects.toThrow(/^An export of all orders needs the start of its date range/);
    await expect(exports.start({ scope: "all", fromUtc: at(HOUR) })).rejects.toThrow(
      "The range start 2026-04-01 10:00:00 (UTC+02:00) is not before the cut-off 2026-04-01 09:00:00 (UTC+02:00). Choose a start before the cut-off.",
    );
    await expect(exportCommand(services, { scope: "all", from: "yesterday" })).rejects.toThrow(/^--from "yesterday" is not an ISO 8601 instant/);
  });

  it("export command prints cut-off and files", async () => {
    const { services } = await connectedApp();
    const { status, lines } = await exportCommand(services, { scope: "all", from: "2026-03-01T00:00:00+01:00" }, () => {});

    expect(status.summary?.orders).toBe(3);
    expect(lines).toContain("Cut-off: 2026-04-01 09:00:00 (UTC+02:00) in the store's zone, Europe/Berlin");
    expect(lines).toContain("Cut-off in UTC: 2026-04-01T07:00:00.000Z");
    expect(lines.some((line) => line.startsWith("Daylight-saving rule: A local time that occurs twice"))).toBe(true);
    expect(lines.filter((line) => line.startsWith("  ")).map((line) => line.trim().split("/").pop())).toEqual([
      "all-orders-from-20260228T230000Z-before-cutoff.csv",
      "all-orders-from-20260228T230000Z-before-cutoff.xlsx",
      "all-orders-from-20260228T230000Z-before-cutoff.summary.json",
      "all-orders-from-20260228T230000Z-before-cutoff.sha256",
    ]);
  });
});
