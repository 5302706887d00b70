import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startBrowserMode,
  type BrowserMode,
} from "../../main/browser-mode/start-browser-mode.js";
import type { CartCutoverApi } from "../../preload/contract.js";
import { createHttpBridge } from "../../renderer/bridge/http-bridge.js";
import { rawRequest } from "./raw-http.js";

let workDir: string;
let browserMode: BrowserMode;
let api: CartCutoverApi;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "cart-cutover-services-"));
  const rendererDir = join(workDir, "renderer");
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, "index.html"), "<!doctype html>");

  // The data folder does not exist yet: browser mode creates it.
  browserMode = await startBrowserMode({
    dataDir: join(workDir, "data"),
    rendererDir,
  });
  api = createHttpBridge({ href: browserMode.url });
});

afterAll(async () => {
  await browserMode.close();
  await rm(workDir, { recursive: true, force: true });
});

describe("browser mode with the real services", () => {
  it("new data folder starts with Auto Sync Stopped", async () => {
    const state = await api.appGetState({});
    expect(state.sync.state).toBe("Stopped");
    expect(state.store).toBeNull();
  });

  it("demo store connection is saved", async () => {
    const state = await api.connectSave({
      platform: "demo",
      storeUrl: "",
      credentials: {},
    });
    expect(state.store?.platform).toBe("demo");
  });

  it("refused start rejects with the services' message", async () => {
    await expect(api.syncStart({})).rejects.toThrow(/^Auto Sync cannot start yet: /);
  });

  it("page is served from the given renderer folder", async () => {
    const url = new URL(browserMode.url);
    const response = await rawRequest({
      port: Number(url.port),
      path: url.pathname,
    });
    expect(response.status).toBe(200);
    expect(response.body).toBe("<!doctype html>");
  });
});
