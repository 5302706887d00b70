/**
 * `npm start`: builds the app, opens it in Electron, and falls back to
 * browser mode when Electron is not installed or cannot start (no display,
 * missing system libraries). HELP below lists the options.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { defaultDataDir } from "../main/app/data-dir.js";
import { optionValue } from "../main/ipc/command-line.js";
import { READY_LINE_VARIABLE } from "../main/ipc/launch-signal.js";
import { buildApp, PROJECT_DIR } from "./build.js";

const READY_LINE = "cart-cutover: window shown";

const HELP = `Usage: npm start -- [options]

Builds Cart Cutover and opens it in Electron, or in browser mode where
Electron is not installed or cannot start.

Options:
  --data-dir PATH       folder for settings, the order book and logs
                        (default: ${defaultDataDir()})
  --port NUMBER         TCP port of browser mode on 127.0.0.1 (default: 0,
                        which lets the system choose)
  --browser             open browser mode without trying Electron
  --download-electron   let the electron package download its binary when
                        it is missing (needs internet access)
  --help                print this text`;

/** The outcome of an attempt to open the Electron window. */
export type ElectronLaunch =
  | { outcome: "shown"; exited: Promise<number> }
  | { outcome: "ended-without-window"; code: number }
  | { outcome: "failed"; reason: string };

/**
 * Returns the path of the Electron binary, or null when it is not
 * installed. Requiring the electron package returns that path, but its entry
 * (index.js of electron 45) also downloads a missing binary. So unless
 * `allowDownload` is set, the binary is first looked up the way that entry
 * looks it up, and the package is required only when the binary is there.
 */
export function findElectronBinary(allowDownload: boolean): string | null {
  const require = createRequire(import.meta.url);
  if (allowDownload) return require("electron") as string;

  const packageDir = dirname(require.resolve("electron/package.json"));
  const pathFile = join(packageDir, "path.txt");
  const relativePath = existsSync(pathFile)
    ? readFileSync(pathFile, "utf8")
    : null;
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH;

  let binaryPath: string | null = null;
  if (overrideDir) binaryPath = join(overrideDir, relativePath ?? "electron");
  else if (relativePath) binaryPath = join(packageDir, "dist", relativePath);
  if (binaryPath === null || !existsSync(binaryPath)) return null;
  return require("electron") as string;
}

/**
 * Starts Electron on the built app and resolves once the window is on
 * screen, or once Electron has ended or failed before that. Electron's
 * output is passed through, except the ready line it prints for this script.
 */
export function launchElectron(
  binaryPath: string,
  args: readonly string[],
): Promise<ElectronLaunch> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [READY_LINE_VARIABLE]: READY_LINE,
  };
  // Set by some tools, it would run the binary as plain Node.js.
  delete env.ELECTRON_RUN_AS_NODE;

  const child = spawn(binaryPath, [PROJECT_DIR, ...args], {
    env,
    stdio: ["inherit", "pipe", "inherit"],
  });
  // Ctrl+C and `kill` reach Electron, which then closes the services.
  const forwardSignal = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forwardSignal);
  process.on("SIGTERM", forwardSignal);
  const stopForwarding = () => {
    process.off("SIGINT", forwardSignal);
    process.off("SIGTERM", forwardSignal);
  };
  const exited = new Promise<number>((resolveExit) => {
    // "close" comes after the output is read, so a ready line printed just
    // before the exit is still seen.
    child.once("close", (code, signal) => {
      stopForwarding();
      resolveExit(code ?? (signal ? 1 : 0));
    });
  });

  return new Promise((resolveLaunch) => {
    let windowShown = false;
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line === READY_LINE && !windowShown) {
        windowShown = true;
        resolveLaunch({ outcome: "shown", exited });
        return;
      }
      process.stdout.write(`${line}\n`);
    });
    child.once("error", (error) => {
      stopForwarding();
      resolveLaunch({ outcome: "failed", reason: error.message });
    });
    child.once("close", (code, signal) => {
      if (windowShown) return;
      if (code === 0) {
        resolveLaunch({ outcome: "ended-without-window", code });
      } else {
        const ending = signal ? `signal ${signal}` : `exit code ${code}`;
        resolveLaunch({ outcome: "failed", reason: `it ended with ${ending}` });
      }
    });
  });
}

/**
 * Starts browser mode. It is imported only here, so that opening Electron
 * does not load the services into this process.
 */
async function fallBackToBrowserMode(argv: readonly string[]): Promise<void> {
  const { runBrowserMode } = await import("./browser-mode.js");
  await runBrowserMode(argv, { buildRenderer: false });
}

async function start(argv: readonly string[]): Promise<void> {
  await buildApp();
  const electronArgs = forwardedDataDir(argv);

  if (argv.includes("--browser")) {
    await fallBackToBrowserMode(argv);
    return;
  }

  let binaryPath: string | null;
  try {
    binaryPath = findElectronBinary(argv.includes("--download-electron"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(
      `Electron could not be downloaded (${reason}), so Cart Cutover opens in browser mode instead.`,
    );
    await fallBackToBrowserMode(argv);
    return;
  }
  if (binaryPath === null) {
    console.log(
      "Electron is not installed on this machine (`npx install-electron` downloads it), so Cart Cutover opens in browser mode instead.",
    );
    await fallBackToBrowserMode(argv);
    return;
  }

  const launch = await launchElectron(binaryPath, electronArgs);
  if (launch.outcome === "failed") {
    console.log(
      `Electron could not start (${launch.reason}), so Cart Cutover opens in browser mode instead.`,
    );
    await fallBackToBrowserMode(argv);
    return;
  }
  // An Electron that ended with code 0 before showing a window either found
  // another Cart Cutover running, which brought its own window to the front,
  // or showed the user why it could not start.
  process.exitCode =
    launch.outcome === "shown" ? await launch.exited : launch.code;
}

/** Returns the --data-dir option for Electron, with the path made absolute. */
function forwardedDataDir(argv: readonly string[]): string[] {
  const dataDir = optionValue(argv, "data-dir");
  return dataDir === null ? [] : [`--data-dir=${resolve(dataDir)}`];
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly && process.argv.includes("--help")) {
  console.log(HELP);
} else if (invokedDirectly) {
  try {
    await start(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
