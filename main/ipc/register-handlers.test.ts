import { pathToFileURL } from "node:url";
import { BrowserWindow } from "electron";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHANNELS, type Envelope } from "../../preload/contract.js";
import {
  electronFake,
  type FakeWindow,
} from "../../tests/shell/electron-fake-access.js";
import {
  createFakeHandlers,
  type HandlerCall,
} from "../../tests/shell/fake-handlers.js";
import { UserError } from "../app/user-error.js";
import { CartError } from "../carts/cart-error.js";
import { setLogSink } from "../logging/logger.js";
import { createHandlerCaller } from "./call-handler.js";
import { registerHandlers } from "./register-handlers.js";
import { createSenderCheck } from "./sender-check.js";

const APP_URL = pathToFileURL("/opt/cart-cutover/dist/renderer/index.html")
  .href;
const LOG_FILE = "/tmp/cart-cutover-ipc-test/logs/cart-cutover-2025-01-01.log";

type SenderEvent = { sender: unknown; senderFrame: unknown };

let window: FakeWindow;
let calls: HandlerCall[];
let logLines: string[];

function register(
  overrides: Parameters<typeof createFakeHandlers>[0] = {},
): void {
  const fake = createFakeHandlers(overrides);
  calls = fake.calls;
  registerHandlers({
    callHandler: createHandlerCaller({
      handlers: fake.handlers,
      currentLogFile: () => LOG_FILE,
    }),
    isAppSender: createSenderCheck({
      appUrl: APP_URL,
      currentWindow: () => window as unknown as BrowserWindow,
    }),
  });
}

function appEvent(): SenderEvent {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

function invoke(
  channel: string,
  request: unknown,
  event: SenderEvent = appEvent(),
): Promise<Envelope<unknown>> {
  const handler = electronFake.handlers.get(channel);
  if (!handler) throw new Error(`no handler registered for ${channel}`);
  return handler(event, request) as Promise<Envelope<unknown>>;
}

beforeEach(() => {
  electronFake.reset();
  window = new BrowserWindow({}) as unknown as FakeWindow;
  window.webContents.mainFrame.url = APP_URL;
  logLines = [];
  setLogSink((line) => logLines.push(line));
});

afterEach(() => {
  electronFake.reset();
  setLogSink(() => undefined);
});

describe("registerHandlers", () => {
  it("each channel is registered exactly once", () => {
    register();
    expect(electronFake.handlers.size).toBe(CHANNELS.length);
    expect([...electronFake.handlers.keys()].sort()).toEqual(
      [...CHANNELS].sort(),
    );
  });

  it("a second registration throws", () => {
    register();
    expect(() => register()).toThrow(/second handler/);
  });

  it("valid request reaches its handler", async () => {
    register();
    const reply = await invoke("cutoff:set", { wallClock: "2025-03-30T02:30" });

    expect(reply).toEqual({
      ok: true,
      value: {
        answeredBy: "cutoff:set",
        request: { wallClock: "2025-03-30T02:30" },
      },
    });
    expect(calls).toHaveLength(1);
  });

  it("unknown request keys are dropped", async () => {
    register();
    await invoke("sync:retry-order", { cartOrderId: "1001", extra: true });
    expect(calls[0]?.request).toEqual({ cartOrderId: "1001" });
  });

  it("invalid payload returns an error envelope", async () => {
    register();
    const reply = await invoke("cutoff:set", { wallClock: "next Tuesday" });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.kind).toBe("invalid-request");
    expect(reply.error.message).toMatch(
      /^The request cutoff:set was invalid: wallClock: /,
    );
    expect(calls).toHaveLength(0);
  });

  it("missing payload returns an error envelope", async () => {
    register();
    const reply = await invoke("sync:status", undefined);

    expect(reply.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });
});

describe("sender check", () => {
  it("request from an iframe is rejected", async () => {
    register();
    const frame = window.webContents.createChildFrame(APP_URL);
    const reply = await invoke("sync:status", {}, {
      sender: window.webContents,
      senderFrame: frame,
    });

    expect(reply).toEqual({
      ok: false,
      error: {
        kind: "sender-rejected",
        message:
          "Cart Cutover rejected a request that did not come from its own window.",
      },
    });
    expect(calls).toHaveLength(0);
  });

  it("request from another URL is rejected", async () => {
    register();
    window.webContents.mainFrame.url = "https://example.com/";
    const reply = await invoke("sync:status", {});

    expect(reply.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("request from another window is rejected", async () => {
    register();
    const other = new BrowserWindow({}) as unknown as FakeWindow;
    other.webContents.mainFrame.url = APP_URL;
    const reply = await invoke("sync:status", {}, {
      sender: other.webContents,
      senderFrame: other.webContents.mainFrame,
    });

    expect(reply.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("request without a sender frame is rejected", async () => {
    register();
    const reply = await invoke("sync:status", {}, {
      sender: window.webContents,
      senderFrame: null,
    });

    expect(reply.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("request after the window closed is rejected", async () => {
    register();
    window.close();
    const reply = await invoke("sync:status", {});

    expect(reply.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("request with a fragment in the URL is accepted", async () => {
    register();
    window.webContents.mainFrame.url = `${APP_URL}#/monitor`;
    const reply = await invoke("sync:status", {});
    expect(reply.ok).toBe(true);
  });
});

describe("handler failures", () => {
  it("CartError message reaches the envelope", async () => {
    register({
      "connect:test": async () => {
        throw new CartError(
          "credentials-rejected",
          "Shopify rejected the access token. Create a new token and save it.",
          "HTTP 401 Invalid API key or access token",
        );
      },
    });
    const reply = await invoke("connect:test", {});

    expect(reply).toEqual({
      ok: false,
      error: {
        kind: "credentials-rejected",
        message:
          "Shopify rejected the access token. Create a new token and save it.",
      },
    });
  });

  it("UserError message reaches the envelope", async () => {
    register({
      "export:start": async () => {
        throw new UserError("cutoff-missing", "Set the cut-off before exporting.");
      },
    });
    const reply = await invoke("export:start", {});

    expect(reply).toEqual({
      ok: false,
      error: { kind: "cutoff-missing", message: "Set the cut-off before exporting." },
    });
  });

  it("unexpected error gets the generic message", async () => {
    register({
      "sync:start": async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'rows')");
      },
    });
    const reply = await invoke("sync:start", {});

    expect(reply).toEqual({
      ok: false,
      error: {
        kind: "internal",
        message: `Something went wrong inside Cart Cutover; the details are in the log file at ${LOG_FILE}.`,
      },
    });
    expect(JSON.stringify(reply)).not.toContain("reading 'rows'");
  });

  it("unexpected error is logged with its text", async () => {
    register({
      "sync:start": async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'rows')");
      },
    });
    await invoke("sync:start", {});

    const errorLines = logLines.filter((line) => line.includes(" ERROR "));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain("channel=sync:start");
    expect(errorLines[0]).toContain("reading 'rows'");
  });
});
