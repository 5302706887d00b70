import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../main/app/user-error.js";
import {
  createBrowserModeServer,
  type BrowserModeServer,
} from "../../main/browser-mode/server.js";
import { CHANNELS, methodNameOf, type CartCutoverApi } from "../../preload/contract.js";
import { createHttpBridge } from "../../renderer/bridge/http-bridge.js";
import { createFakeHandlers, type HandlerCall } from "./fake-handlers.js";

let rendererDir: string;
let server: BrowserModeServer;
let calls: HandlerCall[];
let api: CartCutoverApi;

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), "cart-cutover-bridge-"));
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, "index.html"), "<!doctype html>");
});

afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

beforeEach(async () => {
  const fake = createFakeHandlers({
    "sync:status": async () => ({ state: "Stopped", busy: false }),
    "sync:start": async () => {
      throw new UserError(
        "start-refused",
        "Auto Sync cannot start yet: run a dry run first.",
      );
    },
    "dry-run:choose-file": async () => null,
  });
  calls = fake.calls;
  server = await createBrowserModeServer({
    handlers: fake.handlers,
    rendererDir,
    currentLogFile: () => "/tmp/cart-cutover-bridge/logs/today.log",
  });
  // The renderer's page URL, with a route in the fragment.
  api = createHttpBridge({ href: `${server.url}#/monitor` });
});

afterEach(async () => {
  await server.close();
});

describe("createHttpBridge", () => {
  it("method names match the contract", () => {
    const expected = CHANNELS.map((channel) => methodNameOf(channel)).sort();
    expect(Object.keys(api).sort()).toEqual(expected);
  });

  it("call resolves to the handler's value", async () => {
    await expect(api.syncStatus({})).resolves.toEqual({
      state: "Stopped",
      busy: false,
    });
  });

  it("call sends its request to its channel", async () => {
    await api.syncRetryOrder({ cartOrderId: "1001" });
    expect(calls).toEqual([
      { channel: "sync:retry-order", request: { cartOrderId: "1001" } },
    ]);
  });

  it("null value resolves to null", async () => {
    await expect(api.dryRunChooseFile({})).resolves.toBeNull();
  });

  it("error envelope rejects with its message", async () => {
    const error = await rejectionOf(api.syncStart({}));
    expect(error.message).toBe("Auto Sync cannot start yet: run a dry run first.");
  });

  it("invalid request rejects with the check's message", async () => {
    const error = await rejectionOf(
      api.cutoffSet({ wallClock: "tomorrow" }),
    );
    expect(error.message).toMatch(/^The request cutoff:set was invalid: wallClock: /);
    expect(calls).toHaveLength(0);
  });

  it("wrong token rejects with the HTTP status", async () => {
    const port = new URL(server.url).port;
    const stranger = createHttpBridge({
      href: `http://127.0.0.1:${port}/not-the-token/`,
    });
    const error = await rejectionOf(stranger.syncStatus({}));

    expect(error.message).toMatch(
      /^Cart Cutover's local server rejected the request sync:status \(HTTP 404\)\./,
    );
    expect(calls).toHaveLength(0);
  });

  it("stopped server rejects with a plain message", async () => {
    await server.close();
    const error = await rejectionOf(api.syncStatus({}));
    expect(error.message).toMatch(/^Cart Cutover's local server did not respond\./);
    // afterEach closes the server a second time.
    server = await createBrowserModeServer({
      handlers: createFakeHandlers().handlers,
      rendererDir,
      currentLogFile: () => "",
    });
  });
});
