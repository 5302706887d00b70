import type { Locator, Page } from "playwright-core";
import { STORE } from "./cutover-store.js";
import { wallClockIn } from "./store-clock.js";

/**
 * Maximum wait for a result that the services compute, such as a dry run,
 * an export or a sync run, in ms.
 */
export const RESULT_TIMEOUT_MS = 30_000;

/** Options of expect.poll on the page: maximum wait and interval, in ms. */
export const POLL = { timeout: RESULT_TIMEOUT_MS, interval: 100 };

/** Returns the heading of the step on screen. */
export function stepHeading(page: Page, name: string): Locator {
  return page.getByRole("heading", { level: 2, name, exact: true });
}

/** Returns the button of a step in the "Steps" navigation. */
export function stepButton(page: Page, name: string): Locator {
  return page
    .getByRole("navigation", { name: "Steps" })
    .getByRole("button", { name, exact: true });
}

/** Reads the first definition list inside `container` as term → value. */
export function readFacts(container: Locator): Promise<Record<string, string>> {
  return container
    .locator("dl")
    .first()
    .evaluate((list) => {
      const facts: Record<string, string> = {};
      for (const term of Array.from(list.querySelectorAll(":scope > dt"))) {
        const value = term.nextElementSibling;
        if (value?.tagName !== "DD") continue;
        facts[term.textContent?.trim() ?? ""] = value.textContent?.trim() ?? "";
      }
      return facts;
    });
}

/** Reads the body rows of the tables inside `container` as cell texts. */
export function readTableRows(container: Locator): Promise<string[][]> {
  return container.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll("td")).map(
        (cell) => cell.textContent?.trim() ?? "",
      ),
    ),
  );
}

/** Fills in the Connect step for Shopify with a pasted token and submits it. */
export async function connectShopify(
  page: Page,
  store: { storeUrl: string; accessToken: string },
): Promise<void> {
  await stepHeading(page, "Connect").waitFor();
  await page.getByLabel("Platform").selectOption("shopify");
  await page.getByLabel("Store address").fill(store.storeUrl);
  await page
    .getByRole("radio", { name: "Admin API access token (legacy custom app)" })
    .check();
  await page
    .getByLabel("Admin API access token", { exact: true })
    .fill(store.accessToken);
  await page.getByRole("button", { name: "Save and test connection" }).click();
}

/**
 * Fills in the Connect step for WooCommerce with a REST API key and submits
 * it.
 */
export async function connectWooCommerce(
  page: Page,
  store: { storeUrl: string; consumerKey: string; consumerSecret: string },
): Promise<void> {
  await stepHeading(page, "Connect").waitFor();
  await page.getByLabel("Platform").selectOption("woocommerce");
  await page.getByLabel("Store address").fill(store.storeUrl);
  await page.getByLabel("Consumer key").fill(store.consumerKey);
  await page.getByLabel("Consumer secret").fill(store.consumerSecret);
  await page.getByRole("button", { name: "Save and test connection" }).click();
}

/** Returns the region with the last connection test's findings. */
export function connectionTest(page: Page): Locator {
  return page.getByRole("region", { name: "Connection test" });
}

export function dryRunTable(page: Page): Locator {
  return page.getByRole("table", { name: "Orders in the dry run" });
}

/** Opens the Test import step and runs the dry run of the default 30 days. */
export async function runDryRun(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Continue to Test import" }).click();
  await stepHeading(page, "Test import").waitFor();
  await page.getByRole("button", { name: "Run dry run" }).click();
  await dryRunTable(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
}

/** Returns the cut-off's datetime-local input, labelled with the store zone. */
export function cutoffInput(page: Page): Locator {
  return page.getByLabel(`Cut-off, store time (${STORE.timeZone})`);
}

/**
 * Opens the Cut-off and export step and types the cut-off as the store's
 * clock showed it at `cutoffMs`, without submitting it.
 */
export async function typeCutoff(page: Page, cutoffMs: number): Promise<void> {
  await page
    .getByRole("button", { name: "Continue to Cut-off and export" })
    .click();
  await stepHeading(page, "Cut-off and export").waitFor();
  await cutoffInput(page).fill(wallClockIn(cutoffMs, STORE.timeZone));
}

export function exportSummary(page: Page): Locator {
  return page.getByRole("region", { name: "Export summary" });
}

/** Returns the line that shows the cut-off the services stored. */
export function chosenCutoff(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: "Cut-off set:" });
}

/** Sets the typed cut-off and waits until the services report it. */
export async function setCutoff(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Set cut-off" }).click();
  await chosenCutoff(page).waitFor();
}

/** Exports the open orders before the cut-off and waits for the summary. */
export async function exportOpenOrders(page: Page): Promise<void> {
  await page
    .getByRole("button", { name: "Export open orders before the cut-off" })
    .click();
  await exportSummary(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
}

/** Returns the seam check shown after Save, whose heading is the verdict. */
export function seamCheck(page: Page): Locator {
  return page
    .getByRole("status")
    .filter({ has: page.getByRole("heading", { level: 3 }) });
}

export async function openGoLive(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Continue to Go live" }).click();
  await stepHeading(page, "Go live").waitFor();
}

/** Saves the Go live form with its current values and awaits the seam check. */
export async function saveGoLive(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await seamCheck(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
}

/** Presses Start on Go live, which opens the Monitor. */
export async function startAutoSync(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await stepHeading(page, "Monitor").waitFor({ timeout: RESULT_TIMEOUT_MS });
}

/** Returns the Monitor's status line: "Auto Sync: Running" or "Stopped". */
export function monitorState(page: Page): Locator {
  return page.getByRole("status").filter({ hasText: /^Auto Sync: / });
}

export function syncOverview(page: Page): Locator {
  return page.getByRole("region", { name: "Auto Sync status" });
}

export function orderBook(page: Page): Locator {
  return page.getByRole("region", { name: "Order book" });
}

export function runHistory(page: Page): Locator {
  return page.getByRole("region", { name: "Run history" });
}

/** Returns the references (order numbers) in the order book, sorted. */
export async function orderBookReferences(page: Page): Promise<string[]> {
  const rows = await readTableRows(orderBook(page));
  return rows.map((cells) => cells[0] ?? "").sort();
}

/**
 * Reads what the Monitor shows once no run is in progress: the status line,
 * the overview's facts and the run history. Returns null while a run is in
 * progress, so that a poll waits for the run to end.
 */
export async function settledMonitor(page: Page) {
  const state = (await monitorState(page).textContent())?.trim() ?? "";
  if (state.includes("importing now")) return null;
  return {
    state,
    facts: await readFacts(syncOverview(page)),
    runs: await readTableRows(runHistory(page)),
  };
}

/** Returns the proof's verdict line: a clean verdict or a problem. */
export function proofVerdict(page: Page): Locator {
  return page.locator(".proof-verdict");
}

/**
 * Opens the Proof step, runs the proof over `hoursAround` hours on each side
 * of the cut-off and waits for its verdict.
 */
export async function runProof(page: Page, hoursAround: number): Promise<void> {
  await stepButton(page, "Proof").click();
  await stepHeading(page, "Proof").waitFor();
  await page
    .getByLabel("Hours before and after the cut-off")
    .fill(String(hoursAround));
  await page.getByRole("button", { name: "Run the proof" }).click();
  await proofVerdict(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
}

/** Reads the proof's table of sets as set label → order count. */
export function proofCounts(page: Page): Promise<Record<string, string>> {
  return page
    .getByRole("table", { name: "Orders and totals per set" })
    .locator("tbody tr")
    .evaluateAll((rows) => {
      const counts: Record<string, string> = {};
      for (const row of rows) {
        const label = row.querySelector("th")?.textContent?.trim() ?? "";
        counts[label] = row.querySelector("td")?.textContent?.trim() ?? "";
      }
      return counts;
    });
}
