import { expect, it } from "vitest";
import {
  createdBefore,
  cutoverOrders,
  isOpenOrder,
  numbersOf,
} from "./support/cutover-store.js";
import { withCutoverWizard } from "./support/cutover-wizard.js";
import { cutoffBefore } from "./support/store-clock.js";
import {
  connectionTest,
  connectShopify,
  exportOpenOrders,
  openGoLive,
  orderBookReferences,
  POLL,
  RESULT_TIMEOUT_MS,
  runDryRun,
  saveGoLive,
  setCutoff,
  settledMonitor,
  startAutoSync,
  stepButton,
  stepHeading,
  typeCutoff,
} from "./support/wizard-steps.js";

it("reload keeps the Monitor's state", async () => {
  const nowMs = Date.now();
  const { cutoffMs, cutoffUtc } = cutoffBefore(nowMs);
  const options = {
    testName: "reload-keeps-state",
    orders: cutoverOrders(nowMs),
  };

  await withCutoverWizard(options, async (wizard) => {
    const { page, simulator, screenshots } = wizard;
    const openAfterCutoff = simulator
      .orders()
      .filter(
        (order) => isOpenOrder(order) && !createdBefore(order, cutoffUtc),
      );
    const importedAfterStart = String(openAfterCutoff.length);

    await connectShopify(page, {
      storeUrl: simulator.storeUrl,
      accessToken: wizard.accessToken,
    });
    await connectionTest(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
    await runDryRun(page);
    await typeCutoff(page, cutoffMs);
    await setCutoff(page);
    await exportOpenOrders(page);
    await openGoLive(page);
    await saveGoLive(page);
    await startAutoSync(page);
    await expect
      .poll(() => settledMonitor(page), POLL)
      .toMatchObject({ facts: { "Orders imported": importedAfterStart } });
    await expect
      .poll(() => orderBookReferences(page), POLL)
      .toEqual(numbersOf(openAfterCutoff));
    const beforeReload = await settledMonitor(page);
    expect(beforeReload?.state).toBe("Auto Sync: Running");
    await screenshots.take("monitor-before-reload");

    await page.reload();
    await stepHeading(page, "Monitor").waitFor();
    const monitorStep = stepButton(page, "Monitor");
    expect(await monitorStep.getAttribute("aria-current")).toBe("step");
    await expect
      .poll(() => orderBookReferences(page), POLL)
      .toEqual(numbersOf(openAfterCutoff));
    expect(await settledMonitor(page)).toEqual(beforeReload);
    await screenshots.take("monitor-after-reload");

    expect(wizard.chromium.pageProblems, "page console").toEqual([]);
  });
});
