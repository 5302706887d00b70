import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** test-artifacts/e2e at the project root; git ignores test-artifacts/. */
const SCREENSHOT_ROOT = fileURLToPath(
  new URL("../../../test-artifacts/e2e", import.meta.url),
);

export type ScreenshotRecorder = {
  readonly folder: string;
  /** Saves the whole page as NN-<step>.png and returns the file's path. */
  take(step: string): Promise<string>;
};

function kebabCaseOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Creates the screenshot folder of one test, test-artifacts/e2e/<test-name>,
 * emptied first so that it contains this run's pictures only.
 */
export async function recordScreenshots(
  page: Page,
  testName: string,
): Promise<ScreenshotRecorder> {
  const folder = join(SCREENSHOT_ROOT, kebabCaseOf(testName));
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  let screenshotCount = 0;

  return {
    folder,
    async take(step) {
      screenshotCount += 1;
      const number = String(screenshotCount).padStart(2, "0");
      const name = `${number}-${kebabCaseOf(step)}.png`;
      const path = join(folder, name);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
