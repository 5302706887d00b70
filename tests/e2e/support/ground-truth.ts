import { expect } from "vitest";
import type { SeedOrder } from "../../simulators/common/seed-order.js";
import {
  createdBefore,
  isOpenOrder,
  STORE,
} from "./cutover-store.js";
import type { CutoverWizard } from "./cutover-wizard.js";
import { cutoffBefore } from "./store-clock.js";
import { proofCounts, proofVerdict, runProof } from "./wizard-steps.js";

/** The simulator's orders and the cut-off, which every step checks against. */
export type GroundTruth = {
  storeOrders: SeedOrder[];
  cutoffMs: number;
  cutoffUtc: string;
  openBeforeCutoff: SeedOrder[];
  openAfterCutoff: SeedOrder[];
};

export function groundTruthOf(
  storeOrders: SeedOrder[],
  nowMs: number,
): GroundTruth {
  const { cutoffMs, cutoffUtc } = cutoffBefore(nowMs);
  const openOrders = storeOrders.filter(isOpenOrder);
  return {
    storeOrders,
    cutoffMs,
    cutoffUtc,
    openBeforeCutoff: openOrders.filter((order) =>
      createdBefore(order, cutoffUtc),
    ),
    openAfterCutoff: openOrders.filter(
      (order) => !createdBefore(order, cutoffUtc),
    ),
  };
}

/** Formats an amount in minor units as the wizard prints store money. */
export function moneyText(totalMinor: number): string {
  const amount = (totalMinor / 100).toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${STORE.currency} ${amount}`;
}

/**
 * Hours on each side of the cut-off that the proof covers: 30 days, so that
 * the window reaches the oldest store order, which cutoverOrders places 29
 * days back.
 */
const PROOF_HOURS = 30 * 24;

/**
 * Runs the proof over every store order and checks that it is clean: the
 * exported set is the export's orders, the imported set the sync's, and
 * none is missing or doubled. `placedNow` are the orders added after the
 * simulator started, which the sync imported.
 */
export async function checkProof(
  wizard: CutoverWizard,
  truth: GroundTruth,
  placedNow: SeedOrder[],
): Promise<void> {
  const { page, screenshots } = wizard;
  await runProof(page, PROOF_HOURS);

  const exported = truth.openBeforeCutoff.length;
  const imported = truth.openAfterCutoff.length + placedNow.length;
  const allOrders = truth.storeOrders.length + placedNow.length;
  expect(await proofVerdict(page).getAttribute("class")).toBe(
    "proof-verdict clean",
  );
  const verdict = await proofVerdict(page).textContent();
  expect(verdict).toContain(
    `The cut-over is complete: each of the ${allOrders} cart orders`,
  );
  expect(verdict).toContain("None is missing and none is doubled.");
  expect(await proofCounts(page)).toEqual({
    Exported: String(exported),
    "Imported by sync": String(imported),
    Excluded: String(allOrders - exported - imported),
    Missing: "0",
    Doubled: "0",
  });
  expect(await page.getByText("Orders to act on").count()).toBe(0);
  await screenshots.take("proof");
}
