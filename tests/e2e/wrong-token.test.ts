import { expect, it } from "vitest";
import { cutoverOrders, STORE } from "./support/cutover-store.js";
import { withCutoverWizard } from "./support/cutover-wizard.js";
import {
  connectionTest,
  connectShopify,
  RESULT_TIMEOUT_MS,
  stepButton,
} from "./support/wizard-steps.js";

const WRONG_TOKEN_SENTENCE =
  "Shopify rejected the access token. It may be mistyped, revoked, or belong to another store. Paste the store's current Admin API access token (it starts with shpat_) and test the connection again.";

it("wrong token fails the connection test", async () => {
  const options = {
    testName: "wrong-token",
    orders: cutoverOrders(Date.now()),
  };

  await withCutoverWizard(options, async (wizard) => {
    const { page, screenshots } = wizard;
    await connectShopify(page, {
      storeUrl: wizard.simulator.storeUrl,
      accessToken: `shpat_${"0".repeat(32)}`,
    });
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: RESULT_TIMEOUT_MS });
    expect(await alert.textContent()).toBe(WRONG_TOKEN_SENTENCE);
    expect(await connectionTest(page).count()).toBe(0);
    const continueButton = page.getByRole("button", {
      name: "Continue to Test import",
    });
    expect(await continueButton.count()).toBe(0);
    expect(await stepButton(page, "Test import").isDisabled()).toBe(true);
    const state = await wizard.api.appGetState({});
    expect(state.connection).toBeNull();
    expect(state.startBlockers).toContain(
      "Test the connection: it has not passed since the connection was saved.",
    );
    await screenshots.take("wrong-token");

    // The right token replaces the wrong one, and the test then passes.
    await page
      .getByLabel("Admin API access token", { exact: true })
      .fill(wizard.accessToken);
    await page
      .getByRole("button", { name: "Save and test connection" })
      .click();
    await connectionTest(page).waitFor({ timeout: RESULT_TIMEOUT_MS });
    expect(await page.getByRole("alert").count()).toBe(0);
    const tested = await wizard.api.appGetState({});
    expect(tested.connection?.report.storeName).toBe(STORE.storeName);
    await screenshots.take("right-token");

    expect(wizard.chromium.pageProblems, "page console").toEqual([]);
  });
});
