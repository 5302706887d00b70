/**
 * Runs Cart Cutover in a browser where Electron cannot start, with
 * `npm run start:browser`: the real services and a local server on
 * 127.0.0.1 that serves the renderer and carries its calls.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultDataDir } from "../main/app/data-dir.js";
import { startBrowserMode } from "../main/browser-mode/start-browser-mode.js";
import { optionValue, resolveDataDir } from "../main/ipc/command-line.js";
import { logFolderOf } from "../main/ipc/log-file.js";
import { logToFolder } from "../main/logging/logger.js";
import { buildRenderer } from "./build.js";

const HELP = `Usage: npm run start:browser -- [options]

Options:
  --data-dir PATH  folder for settings, the order book and logs
                   (default: ${defaultDataDir()})
  --port NUMBER    TCP port on 127.0.0.1; 0 lets the system choose (default: 0)
  --no-build       serve the renderer already in dist/renderer
  --help           print this text`;

/**
 * Starts browser mode and prints the address to open. It runs until the
 * process receives SIGINT or SIGTERM, and then closes the services.
 */
export async function runBrowserMode(
  argv: readonly string[],
  options: { buildRenderer: boolean },
): Promise<void> {
  const dataDir = resolveDataDir(argv, defaultDataDir());
  const port = portOption(argv);
  if (options.buildRenderer) await buildRenderer();

  logToFolder(logFolderOf(dataDir));
  const browserMode = await startBrowserMode({ dataDir, port });

  // Printed, not logged: the address carries the token, which stays out of
  // log files.
  console.log(`Cart Cutover is running. Open ${browserMode.url} in a browser.`);
  console.log(`Data folder: ${dataDir}`);
  console.log("Press Ctrl+C to stop.");

  const stop = () => {
    browserMode
      .close()
      .catch((error: unknown) => {
        console.error(`Cart Cutover did not close cleanly: ${String(error)}`);
        process.exitCode = 1;
      })
      .finally(() => process.exit());
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function portOption(argv: readonly string[]): number {
  const portText = optionValue(argv, "port");
  if (portText === null) return 0;

  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new Error(
      `The option --port needs a port number from 0 to 65535, not "${portText}"; 0 lets the system choose a free port.`,
    );
  }
  return port;
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly) {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    console.log(HELP);
  } else {
    try {
      await runBrowserMode(argv, {
        buildRenderer: !argv.includes("--no-build"),
      });
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  }
}
