import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { app } from "electron";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { CHANNELS } from "../../preload/contract.js";
import type { ShellServices } from "../../main/ipc/app-lifecycle.js";
import { runDesktopApp } from "../../main/ipc/desktop-app.js";
import { FakeEvent } from "../setup/electron-fake.js";
import { electronFake, type FakeWindow } from "./electron-fake-access.js";
import { createFakeHandlers, syncStatusIn } from "./fake-handlers.js";

const MAIN_DIR = "/opt/cart-cutover/dist/main";
const RENDERER_INDEX = "/opt/cart-cutover/dist/renderer/index.html";
const APP_URL = pathToFileURL(RENDERER_INDEX).href;

// The app creates its data folder, so each run gets a temporary one.
let workDir: string;
let dataDir: string;

const EXPECTED_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Launch = {
  services: ShellServices & {
    start: ReturnType<typeof vi.fn>;
    close: ReturnType<typeof vi.fn>;
  };
  createServices: ReturnType<typeof vi.fn>;
};

async function launch(
  options: { syncState?: "Running" | "Stopped"; argv?: string[] } = {},
): Promise<Launch> {
  const { handlers } = createFakeHandlers({
    "sync:status": syncStatusIn(options.syncState ?? "Stopped"),
  });
  const services = {
    handlers,
    start: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
  };
  const createServices = vi.fn(async () => services);
  await runDesktopApp({
    argv: options.argv ?? ["electron", ".", `--data-dir=${dataDir}`],
    mainDir: MAIN_DIR,
    createServices,
    writeLogsTo: () => undefined,
  });
  return { services, createServices };
}

function onlyWindow(): FakeWindow {
  expect(electronFake.windows).toHaveLength(1);
  return electronFake.windows[0]!;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "cart-cutover-desktop-"));
  dataDir = join(workDir, "data");
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => electronFake.reset());
afterEach(() => electronFake.reset());

describe("app window", () => {
  it("window options are secure", async () => {
    await launch();
    const preferences = onlyWindow().options.webPreferences as Record<
      string,
      unknown
    >;

    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.preload).toBe(
      "/opt/cart-cutover/dist/preload/preload.cjs",
    );
  });

  it("window loads the built renderer", async () => {
    await launch();
    expect(onlyWindow().loadedFile).toBe(RENDERER_INDEX);
  });

  it("window shows once ready to show", async () => {
    await launch();
    const window = onlyWindow();
    expect(window.visible).toBe(false);

    window.emit("ready-to-show");
    expect(window.visible).toBe(true);
  });

  it("navigation to another URL is prevented", async () => {
    await launch();
    const navigation = new FakeEvent("https://example.com/");
    onlyWindow().webContents.emit("will-navigate", navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it("navigation within the app page is allowed", async () => {
    await launch();
    const navigation = new FakeEvent(`${APP_URL}#/monitor`);
    onlyWindow().webContents.emit("will-navigate", navigation);
    expect(navigation.defaultPrevented).toBe(false);
  });

  it("navigation to another local file is prevented", async () => {
    await launch();
    const navigation = new FakeEvent("file:///etc/passwd");
    onlyWindow().webContents.emit("will-navigate", navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it("redirect to another URL is prevented", async () => {
    await launch();
    const redirect = new FakeEvent("https://example.com/");
    onlyWindow().webContents.emit("will-redirect", redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it("window.open is denied", async () => {
    await launch();
    const openHandler = onlyWindow().webContents.windowOpenHandler;
    expect(openHandler?.({ url: "https://example.com/" })).toEqual({
      action: "deny",
    });
    expect(openHandler?.({ url: APP_URL })).toEqual({ action: "deny" });
  });

  it("frame navigation is prevented", async () => {
    await launch();
    const navigation = Object.assign(new FakeEvent(APP_URL), {
      isMainFrame: false,
    });
    onlyWindow().webContents.emit("will-frame-navigate", navigation);
    expect(navigation.defaultPrevented).toBe(true);
  });

  it("webview is not attached", async () => {
    await launch();
    const attach = new FakeEvent();
    onlyWindow().webContents.emit("will-attach-webview", attach);
    expect(attach.defaultPrevented).toBe(true);
  });
});

describe("session", () => {
  it("CSP header is set with the exact policy", async () => {
    await launch();
    const listener = electronFake.session.defaultSession.webRequest
      .headerListener;
    const callback = vi.fn();

    listener?.(
      {
        responseHeaders: {
          "content-security-policy": ["default-src *"],
          "Content-Type": ["text/html"],
        },
      },
      callback,
    );

    expect(callback).toHaveBeenCalledTimes(1);
    const { responseHeaders } = callback.mock.calls[0]![0] as {
      responseHeaders: Record<string, string[]>;
    };
    expect(responseHeaders["Content-Security-Policy"]).toEqual([
      EXPECTED_POLICY,
    ]);
    expect(responseHeaders["content-security-policy"]).toBeUndefined();
    expect(responseHeaders["Content-Type"]).toEqual(["text/html"]);
  });

  it("permission requests are denied", async () => {
    await launch();
    const session = electronFake.session.defaultSession;
    const callback = vi.fn();

    session.permissionRequestHandler?.({}, "media", callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.({}, "notifications")).toBe(false);
  });
});

describe("single instance", () => {
  it("second instance quits without a window", async () => {
    electronFake.state.singleInstanceLock = false;
    const { createServices } = await launch();

    expect(electronFake.state.quitCalls).toBe(1);
    expect(electronFake.windows).toHaveLength(0);
    expect(createServices).not.toHaveBeenCalled();
  });

  it("second launch focuses the first window", async () => {
    await launch();
    const window = onlyWindow();
    window.minimized = true;

    app.emit("second-instance", new FakeEvent(), ["electron", "."]);

    expect(electronFake.windows).toHaveLength(1);
    expect(window.restoreCount).toBe(1);
    expect(window.focusCount).toBe(1);
    expect(window.visible).toBe(true);
  });

  it("second launch reopens a closed window", async () => {
    await launch({ syncState: "Running" });
    onlyWindow().close();

    app.emit("second-instance", new FakeEvent(), ["electron", "."]);

    expect(electronFake.windows).toHaveLength(2);
    expect(electronFake.windows[1]?.isDestroyed()).toBe(false);
  });
});

describe("services", () => {
  it("services are created once with the data folder", async () => {
    const { createServices, services } = await launch();

    expect(createServices).toHaveBeenCalledTimes(1);
    expect(createServices.mock.calls[0]?.[0]).toMatchObject({
      dataDir,
    });
    expect(services.start).toHaveBeenCalledTimes(1);
  });

  it("data folder defaults to the userData folder", async () => {
    app.setPath("appData", join(workDir, "appData"));
    const { createServices } = await launch({ argv: ["electron", "."] });

    const expected = join(workDir, "appData", "Cart Cutover");
    expect(app.getPath("userData")).toBe(expected);
    expect(createServices.mock.calls[0]?.[0]).toMatchObject({
      dataDir: expected,
    });
  });

  it("every channel is registered once", async () => {
    await launch();
    expect([...electronFake.handlers.keys()].sort()).toEqual(
      [...CHANNELS].sort(),
    );
  });

  it("startup failure shows an error box and quits", async () => {
    await runDesktopApp({
      argv: ["electron", ".", `--data-dir=${dataDir}`],
      mainDir: MAIN_DIR,
      createServices: async () => {
        throw new Error("The settings file is not valid JSON.");
      },
      writeLogsTo: () => undefined,
    });

    expect(electronFake.errorBoxes).toHaveLength(1);
    expect(electronFake.errorBoxes[0]?.content).toContain(
      "The settings file is not valid JSON.",
    );
    expect(electronFake.errorBoxes[0]?.content).toContain(
      join(dataDir, "logs"),
    );
    expect(electronFake.state.quitCalls).toBe(1);
    expect(electronFake.windows).toHaveLength(0);
  });
});

describe("closing and quitting", () => {
  it("closing the window keeps a running sync", async () => {
    const { services } = await launch({ syncState: "Running" });
    const syncStatus = vi.spyOn(services.handlers, "sync:status");

    onlyWindow().close();
    await vi.waitFor(() => expect(syncStatus).toHaveBeenCalled());
    await new Promise((resolve) => setImmediate(resolve));

    expect(electronFake.state.quitCalls).toBe(0);
    expect(services.close).not.toHaveBeenCalled();
  });

  it("closing the window quits when sync is stopped", async () => {
    const { services } = await launch({ syncState: "Stopped" });
    const quit = once(app, "quit");

    onlyWindow().close();
    await quit;

    expect(services.close).toHaveBeenCalledTimes(1);
  });

  it("quit waits for the services to close", async () => {
    const { services } = await launch();
    let finishClose: () => void = () => undefined;
    services.close.mockImplementation(
      () => new Promise<void>((resolve) => (finishClose = resolve)),
    );
    let quitEmitted = false;
    app.once("quit", () => (quitEmitted = true));

    app.quit();
    expect(services.close).toHaveBeenCalledTimes(1);
    expect(quitEmitted).toBe(false);

    const quit = once(app, "quit");
    finishClose();
    await quit;
    expect(services.close).toHaveBeenCalledTimes(1);
  });
});
