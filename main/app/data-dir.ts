import { homedir } from "node:os";
import { join } from "node:path";

export const PRODUCT_NAME = "Cart Cutover";

/** Returns the data folder the desktop app uses on this OS, which the CLI shares by default. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, environment: NodeJS.ProcessEnv = process.env): string {
  if (platform === "win32") return join(environment.APPDATA ?? join(homedir(), "AppData", "Roaming"), PRODUCT_NAME);
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", PRODUCT_NAME);
  return join(environment.XDG_CONFIG_HOME ?? join(homedir(), ".config"), PRODUCT_NAME);
}
