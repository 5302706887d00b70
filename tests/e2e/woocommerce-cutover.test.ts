import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import {
  cutoverOrders,
  isOpenOrder,
  numbersOf,
  ordersPlacedNow,
  STORE,
  totalMinorOf,
} from "./support/cutover-store.js";
import {
  withCutoverWizard,
  type CutoverWizard,
} from "./support/cutover-wizard.js";
import {
  checkProof,
  groundTruthOf,
  moneyText,
  type GroundTruth,
} from "./support/ground-truth.js";
import { utcText, waitForSecondAfter } from "./support/store-clock.js";
import {
  chosenCutoff,
  connectionTest,
  connectWooCommerce,
  dryRunTable,
  exportOpenOrders,
  exportSummary,
  monitorState,
  openGoLive,
  orderBook,
  orderBookReferences,
  POLL,
  readFacts,
  readTableRows,
  RESULT_TIMEOUT_MS,
  runDryRun,
  saveGoLive,
  seamCheck,
  setCutoff,
  settledMonitor,
  startAutoSync,
  stepHeading,
  typeCutoff,
} from "./support/wizard-steps.js";

/**
 * The cut-over orders as a WooCommerce store lists them. WooCommerce has no
 * test-order flag, so the seed's test order becomes an ordinary open order.
 */
function wooCommerceOrders(nowMs: number): SeedOrder[] {
  return cutoverOrders(nowMs).map((order) => ({ ...order, isTest: false }));
}

async function checkConnect(wizard: CutoverWizard, truth: GroundTruth) {
  const { page, screenshots, simulator } = wizard;
  await stepHeading(page, "Connect").waitFor();
  await screenshots.take("connect");

  await connectWooCommerce(page, {
    storeUrl: simulator.storeUrl,
    consumerKey: simulator.credentials.consumerKey ?? "",
    consumerSecret: simulator.credentials.consumerSecret ?? "",
  });
  await connectionTest(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
  const connection = await readFacts(connectionTest(page));
  expect(connection.Store).toBe(STORE.storeName);
  expect(connection.Platform).toBe("WooCommerce");
  expect(connection["Time zone"]).toBe(STORE.timeZone);
  expect(connection.Currency).toBe(STORE.currency);
  expect(connection["Orders in the store"]).toBe(
    String(truth.storeOrders.length),
  );
  const state = await wizard.api.appGetState({});
  expect(state.store?.platform).toBe("woocommerce");
  expect(JSON.stringify(state)).not.toContain(
    simulator.credentials.consumerSecret,
  );
  await screenshots.take("connection-tested");
}

async function checkDryRun(wizard: CutoverWizard, truth: GroundTruth) {
  const { page, screenshots } = wizard;
  const orderCount = truth.storeOrders.length;
  await runDryRun(page);

  const table = dryRunTable(page);
  expect(await table.getAttribute("aria-rowcount")).toBe(
    String(orderCount + 1),
  );
  const summaryRegion = page.getByRole("region", { name: "Summary" });
  const summary = await readFacts(summaryRegion);
  expect(summary.Orders).toBe(String(orderCount));
  expect(summary.Importable).toBe(
    String(truth.storeOrders.filter(isOpenOrder).length),
  );
  expect(await wizard.api.orderBookList({ limit: 100 })).toEqual([]);
  await screenshots.take("dry-run");
}

async function checkCutoffAndExport(wizard: CutoverWizard, truth: GroundTruth) {
  const { page, screenshots } = wizard;
  await typeCutoff(page, truth.cutoffMs);
  await setCutoff(page);
  expect(await chosenCutoff(page).textContent()).toContain(
    utcText(truth.cutoffUtc),
  );
  await screenshots.take("cutoff-set");

  await exportOpenOrders(page);
  const exported = await readFacts(exportSummary(page));
  expect(exported.Orders).toBe(String(truth.openBeforeCutoff.length));
  expect(exported.Totals).toBe(moneyText(totalMinorOf(truth.openBeforeCutoff)));
  const files = await exportSummary(page)
    .locator(".file-list li")
    .allTextContents();
  const csvFile = files.find((file) => file.endsWith(".csv"));
  expect(csvFile).toBeDefined();
  const csv = await readFile(csvFile!, "utf8");
  for (const order of truth.storeOrders) {
    const isExpected = truth.openBeforeCutoff.includes(order);
    expect(csv.includes(order.number), order.number).toBe(isExpected);
  }
  await screenshots.take("export-summary");
}

async function checkGoLive(wizard: CutoverWizard) {
  const { page, screenshots } = wizard;
  await openGoLive(page);
  await screenshots.take("go-live");

  await saveGoLive(page);
  expect(await seamCheck(page).getByRole("heading").textContent()).toBe(
    "Aligned with the export",
  );
  await page
    .getByRole("list", { name: "Start blockers" })
    .waitFor({ state: "detached" });
  await screenshots.take("go-live-saved");
}

/** Starts Auto Sync, whose first run imports the orders after the cut-off. */
async function checkStart(wizard: CutoverWizard, truth: GroundTruth) {
  const { page, screenshots } = wizard;
  await startAutoSync(page);

  await expect
    .poll(() => settledMonitor(page), POLL)
    .toMatchObject({
      facts: { "Orders imported": String(truth.openAfterCutoff.length) },
    });
  const monitor = await settledMonitor(page);
  expect(monitor?.state).toBe("Auto Sync: Running");
  await expect
    .poll(() => orderBookReferences(page), POLL)
    .toEqual(numbersOf(truth.openAfterCutoff));
  await screenshots.take("monitor-running");
}

/**
 * Places three orders now, imports them with "Import new orders now" and
 * stops Auto Sync. Returns the orders placed.
 */
async function checkNewOrders(
  wizard: CutoverWizard,
  truth: GroundTruth,
): Promise<SeedOrder[]> {
  const { page, screenshots } = wizard;
  const placedNow = ordersPlacedNow(2001, 3);
  wizard.simulator.addOrders(placedNow);
  await waitForSecondAfter(placedNow);
  await page.getByRole("button", { name: "Import new orders now" }).click();

  const imported = truth.openAfterCutoff.length + placedNow.length;
  await expect
    .poll(() => settledMonitor(page), POLL)
    .toMatchObject({ facts: { "Orders imported": String(imported) } });
  await expect
    .poll(() => orderBookReferences(page), POLL)
    .toEqual(numbersOf([...truth.openAfterCutoff, ...placedNow]));
  const bookRows = await readTableRows(orderBook(page));
  expect(bookRows.map((cells) => [cells[4], cells[5]])).toEqual(
    bookRows.map(() => ["Sales Order", "PENDING"]),
  );
  const failed = page.getByRole("region", { name: "Orders that failed" });
  expect(await failed.textContent()).toContain("No order failed.");
  await screenshots.take("monitor-imported-now");

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await monitorState(page).filter({ hasText: "Auto Sync: Stopped" }).waitFor();
  await screenshots.take("monitor-stopped");
  return placedNow;
}

it("WooCommerce cut-over runs Connect to Proof", async () => {
  const nowMs = Date.now();
  const options = {
    testName: "woocommerce-cutover",
    orders: wooCommerceOrders(nowMs),
    platform: "woocommerce" as const,
  };

  await withCutoverWizard(options, async (wizard) => {
    const truth = groundTruthOf(wizard.simulator.orders(), nowMs);
    await checkConnect(wizard, truth);
    await checkDryRun(wizard, truth);
    await checkCutoffAndExport(wizard, truth);
    await checkGoLive(wizard);
    await checkStart(wizard, truth);
    const placedNow = await checkNewOrders(wizard, truth);
    await checkProof(wizard, truth, placedNow);

    expect(wizard.chromium.pageProblems, "page console").toEqual([]);
  });
});
