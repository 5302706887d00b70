import { EventEmitter } from "node:events";

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => unknown;

/** A stand-in for Electron's preventable events (will-navigate, will-quit). */
export class FakeEvent {
  defaultPrevented = false;

  constructor(readonly url = "") {}

  preventDefault() {
    this.defaultPrevented = true;
  }
}

/**
 * Creates a recording stand-in for the parts of Electron the app uses. Tests
 * reach the recorded state through the `__fake` export of the mocked module
 * and call `__fake.reset()` between tests.
 */
export function createElectronMock() {
  const handlers = new Map<string, Handler>();
  const exposed = new Map<string, unknown>();
  const windows: FakeBrowserWindow[] = [];
  const invokeLog: { channel: string; args: unknown[] }[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const pathOverrides = new Map<string, string>();
  let nextWebContentsId = 1;

  const state = {
    singleInstanceLock: true,
    quitCalls: 0,
    /** What ipcRenderer.invoke resolves to; tests replace it. */
    invokeResponder: (channel: string, ...args: unknown[]): unknown => ({
      ok: true,
      value: { channel, args },
    }),
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => state.singleInstanceLock,
    // Mirrors Electron's order: before-quit and will-quit may cancel the
    // quit with preventDefault; only an uncancelled quit emits "quit".
    quit: () => {
      state.quitCalls += 1;
      const beforeQuit = new FakeEvent();
      app.emit("before-quit", beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      const willQuit = new FakeEvent();
      app.emit("will-quit", willQuit);
      if (willQuit.defaultPrevented) return;
      app.emit("quit");
    },
    exit: () => app.emit("quit"),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) =>
      pathOverrides.get(name) ?? `/tmp/cart-cutover-fake/${name}`,
    setPath: (name: string, path: string) => {
      pathOverrides.set(name, path);
    },
    setAppUserModelId: () => undefined,
  });

  class FakeWebFrame {
    readonly parent: FakeWebFrame | null;
    readonly processId: number;
    readonly routingId: number;

    constructor(
      public url: string,
      options: { parent?: FakeWebFrame; processId: number; routingId: number },
    ) {
      this.parent = options.parent ?? null;
      this.processId = options.processId;
      this.routingId = options.routingId;
    }
  }

  class FakeWebContents extends EventEmitter {
    readonly id = nextWebContentsId++;
    readonly sentMessages: { channel: string; args: unknown[] }[] = [];
    readonly mainFrame = new FakeWebFrame("file:///app/index.html", {
      processId: this.id,
      routingId: 1,
    });
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, ...args: unknown[]) {
      this.sentMessages.push({ channel, args });
    }
    getURL() {
      return this.mainFrame.url;
    }
    /** Returns a child frame of the main frame, as an iframe would be. */
    createChildFrame(url: string) {
      return new FakeWebFrame(url, {
        parent: this.mainFrame,
        processId: this.id,
        routingId: 2,
      });
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedFile: string | null = null;
    loadedUrl: string | null = null;
    destroyed = false;
    minimized = false;
    visible = false;
    focusCount = 0;
    restoreCount = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadFile(path: string) {
      this.loadedFile = path;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return this.minimized;
    }
    isVisible() {
      return this.visible;
    }
    restore() {
      this.restoreCount += 1;
      this.minimized = false;
    }
    focus() {
      this.focusCount += 1;
    }
    show() {
      this.visible = true;
    }
    /** Closes the window and, like Electron, reports when none is left. */
    close() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.visible = false;
      this.emit("closed");
      if (windows.every((window) => window.destroyed)) {
        app.emit("window-all-closed");
      }
    }
    static getAllWindows() {
      return windows.filter((window) => !window.destroyed);
    }
  }

  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) {
        throw new Error(`second handler for ${channel}`);
      }
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      invokeLog.push({ channel, args });
      return Promise.resolve(state.invokeResponder(channel, ...args));
    },
    on: () => undefined,
    removeListener: () => undefined,
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  };
  const webRequest = {
    headerListener: null as Listener | null,
    onHeadersReceived: (listener: Listener) => {
      webRequest.headerListener = listener;
    },
  };
  const defaultSession = {
    webRequest,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    setPermissionRequestHandler: (handler: Listener | null) => {
      defaultSession.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: Listener | null) => {
      defaultSession.permissionCheckHandler = handler;
    },
  };
  const session = { defaultSession };
  const shell = { openExternal: () => Promise.resolve() };
  const dialog = {
    showSaveDialog: () => Promise.resolve({ canceled: true }),
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showErrorBox: (title: string, content: string) => {
      errorBoxes.push({ title, content });
    },
  };

  /** Forgets everything recorded, so that each test starts from a new app. */
  const reset = () => {
    handlers.clear();
    exposed.clear();
    windows.length = 0;
    invokeLog.length = 0;
    errorBoxes.length = 0;
    pathOverrides.clear();
    app.removeAllListeners();
    webRequest.headerListener = null;
    defaultSession.permissionRequestHandler = null;
    defaultSession.permissionCheckHandler = null;
    state.singleInstanceLock = true;
    state.quitCalls = 0;
    state.invokeResponder = (channel, ...args) => ({
      ok: true,
      value: { channel, args },
    });
  };

  const fake = {
    handlers,
    exposed,
    windows,
    invokeLog,
    errorBoxes,
    session,
    state,
    reset,
    FakeWebFrame,
  };
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    session,
    shell,
    dialog,
    __fake: fake,
  };
  return { ...module, default: module };
}

export type ElectronFake = ReturnType<typeof createElectronMock>["__fake"];
