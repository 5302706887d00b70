import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as keytar from "@napi-rs/keyring/keytar.js";
import type { Page } from "playwright-core";
import {
  startBrowserMode,
  type BrowserMode,
} from "../../../main/browser-mode/start-browser-mode.js";
import { FAST_RETRY_POLICY } from "../../../main/http/retry-policy.js";
import { createSystemKeychain } from "../../../main/secrets/keychain.js";
import type { CartCutoverApi } from "../../../preload/contract.js";
import { createHttpBridge } from "../../../renderer/bridge/http-bridge.js";
import type { SeedOrder } from "../../simulators/common/seed-order.js";
import type { SimulatorControl } from "../../simulators/common/simulator-control.js";
import { startShopifySimulator } from "../../simulators/shopify/shopify-simulator.js";
import { startWooCommerceSimulator } from "../../simulators/woocommerce/woocommerce-simulator.js";
import {
  launchChromium,
  requireChromium,
  type ChromiumSession,
} from "./chromium.js";
import { STORE } from "./cutover-store.js";
import { recordScreenshots, type ScreenshotRecorder } from "./screenshots.js";
import { BROWSER_TIME_ZONE } from "./store-clock.js";

/** The renderer as `npx vite build` writes it. */
const RENDERER_DIR = fileURLToPath(
  new URL("../../../dist/renderer", import.meta.url),
);

/**
 * How often the scheduler checks for a due run: 200 ms in place of 15 s, so
 * that a run falling due during a test starts promptly.
 */
const SCHEDULER_TICK_MS = 200;

/**
 * A cost bucket far larger and faster than a real store's, so that the
 * wizard never waits on Shopify's rate limit, which the connector tests
 * cover. The limit on the cost of one query stays as Shopify sets it.
 */
const FAST_REFILLING_BUCKET = {
  maximumAvailable: 100_000,
  restoreRate: 100_000,
};

/** The carts whose simulators the end-to-end tests drive the wizard against. */
export type CutoverPlatform = "shopify" | "woocommerce";

export type CutoverWizardOptions = {
  testName: string;
  orders: SeedOrder[];
  /** The cart to simulate. Defaults to Shopify. */
  platform?: CutoverPlatform;
};

export type CutoverWizard = {
  simulator: SimulatorControl;
  /**
   * The Shopify access token the simulator accepts, as a user would paste
   * it, or "" for another platform, whose keys are in simulator.credentials.
   */
  accessToken: string;
  browserMode: BrowserMode;
  chromium: ChromiumSession;
  page: Page;
  screenshots: ScreenshotRecorder;
  /** The services' API over the browser-mode bridge, for checks of state. */
  api: CartCutoverApi;
  close(): Promise<void>;
};

function requireBuiltRenderer(): void {
  if (existsSync(join(RENDERER_DIR, "index.html"))) return;
  throw new Error(
    `The built renderer is missing in ${RENDERER_DIR}. ` +
      'Run "npx vite build" first (npm test does).',
  );
}

/**
 * Returns the OS keychain under a service name of this run alone, so that
 * the test neither reads nor overwrites anyone else's entries.
 */
async function testKeychain(service: string) {
  const keychain = createSystemKeychain(service);
  const status = await keychain.status();
  if (!status.available) {
    throw new Error(
      "No Secret Service is running, so the Connect step cannot store the " +
        "access token. Run the end-to-end tests through " +
        "scripts/with-secret-service.sh, as npm test does.",
    );
  }
  return keychain;
}

async function removeKeychainEntries(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) {
    await keytar.deletePassword(service, account);
  }
}

/** Starts the platform's simulator as the store of the end-to-end tests. */
function startSimulator(
  platform: CutoverPlatform,
  orders: SeedOrder[],
): Promise<SimulatorControl> {
  if (platform === "woocommerce") {
    return startWooCommerceSimulator({ ...STORE, orders });
  }
  return startShopifySimulator({
    ...STORE,
    orders,
    bucket: FAST_REFILLING_BUCKET,
  });
}

/**
 * Starts a cart simulator with the orders, the real services in browser
 * mode on a fresh data folder, and Chromium with the wizard open. `close`
 * stops all of it and removes the folders and keychain entries it made.
 */
export async function openCutoverWizard(
  options: CutoverWizardOptions,
): Promise<CutoverWizard> {
  requireChromium();
  requireBuiltRenderer();
  const keychainService = `Cart Cutover e2e ${randomUUID()}`;
  const keychain = await testKeychain(keychainService);
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-e2e-data-"));
  const cleanups: (() => Promise<unknown>)[] = [
    () => rm(dataDir, { recursive: true, force: true }),
    () => removeKeychainEntries(keychainService),
  ];
  // Stops what started last first, and runs every step even after one fails.
  const close = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  };

  try {
    const simulator = await startSimulator(
      options.platform ?? "shopify",
      options.orders,
    );
    cleanups.push(() => simulator.close());
    const browserMode = await startBrowserMode({
      dataDir,
      rendererDir: RENDERER_DIR,
      serviceOptions: {
        keychain,
        retryPolicy: FAST_RETRY_POLICY,
        schedulerTickMs: SCHEDULER_TICK_MS,
      },
    });
    cleanups.push(() => browserMode.close());
    const chromium = await launchChromium({ timezoneId: BROWSER_TIME_ZONE });
    cleanups.push(() => chromium.close());
    const screenshots = await recordScreenshots(
      chromium.page,
      options.testName,
    );

    await chromium.page.goto(browserMode.url);
    return {
      simulator,
      accessToken: simulator.credentials.accessToken ?? "",
      browserMode,
      chromium,
      page: chromium.page,
      screenshots,
      api: createHttpBridge({ href: browserMode.url }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs `body` with a wizard from openCutoverWizard and closes it afterwards.
 * When `body` fails, the page is saved as a last screenshot named "failed",
 * and the page's console problems are added to the error's message, since
 * a page that crashed shows nothing else.
 */
export async function withCutoverWizard(
  options: CutoverWizardOptions,
  body: (wizard: CutoverWizard) => Promise<void>,
): Promise<void> {
  const wizard = await openCutoverWizard(options);
  try {
    await body(wizard);
  } catch (error) {
    await wizard.screenshots.take("failed").catch(() => undefined);
    const problems = wizard.chromium.pageProblems;
    if (error instanceof Error && problems.length > 0) {
      error.message += `\nPage console:\n${problems.join("\n")}`;
    }
    throw error;
  } finally {
    await wizard.close();
  }
}
