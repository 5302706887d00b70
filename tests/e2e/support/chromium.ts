import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium, which scripts/install-system-deps.sh installs. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** Maximum wait for one page action or element, in milliseconds. */
const ACTION_TIMEOUT_MS = 15_000;

/**
 * Turns every Content-Security-Policy violation into a console error, so that
 * a violation is reported even where Chromium does not log it itself.
 */
const REPORT_CSP_VIOLATIONS = `
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    "Content-Security-Policy violation: " + event.violatedDirective +
      " blocked " + (event.blockedURI || "inline code") +
      " at " + event.sourceFile + ":" + event.lineNumber,
  );
});
`;

export type ChromiumSession = {
  context: BrowserContext;
  page: Page;
  /**
   * Console errors, CSP violations and uncaught page errors, in the order
   * they happened. A passing run leaves it empty.
   */
  pageProblems: string[];
  close(): Promise<void>;
};

/** Fails with the command that installs Chromium when it is missing. */
export function requireChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `Chromium is missing at ${CHROMIUM_PATH}, so the end-to-end tests ` +
      "cannot run. Run scripts/install-system-deps.sh, which installs " +
      "Debian's chromium package, then run the tests again.",
  );
}

function collectPageProblems(page: Page, pageProblems: string[]): void {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    pageProblems.push(
      `console error: ${message.text()} (${url}:${lineNumber})`,
    );
  });
  page.on("pageerror", (error) => {
    pageProblems.push(`uncaught page error: ${error.message}`);
  });
}

/**
 * Launches headless Chromium with a fresh profile in a temporary folder and
 * opens one page. `timezoneId` sets the browser's own zone, so a test can
 * show that the wizard reads times in the store's zone, not the machine's.
 */
export async function launchChromium(options: {
  timezoneId: string;
}): Promise<ChromiumSession> {
  requireChromium();
  const userDataDir = await mkdtemp(
    join(tmpdir(), "cart-cutover-e2e-profile-"),
  );
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      timezoneId: options.timezoneId,
      locale: "en-US",
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await context.addInitScript(REPORT_CSP_VIOLATIONS);

  const pageProblems: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  collectPageProblems(page, pageProblems);

  return {
    context,
    page,
    pageProblems,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
