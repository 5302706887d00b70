import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { electronFake } from "../tests/shell/electron-fake-access.js";
import { CHANNELS, methodNameOf, type CartCutoverApi } from "./contract.js";

let api: CartCutoverApi;

beforeAll(async () => {
  // Loading the preload runs it, as Electron does before the page loads.
  await import("./preload.js");
  api = electronFake.exposed.get("cartCutover") as CartCutoverApi;
});

beforeEach(() => {
  electronFake.invokeLog.length = 0;
});

describe("preload", () => {
  it("exposes only window.cartCutover", () => {
    expect([...electronFake.exposed.keys()]).toEqual(["cartCutover"]);
  });

  it("exposes exactly one function per channel", () => {
    const expected = CHANNELS.map((channel) => methodNameOf(channel)).sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const name of Object.keys(api)) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe("function");
    }
  });

  it("exposes no generic invoke", () => {
    const names = Object.keys(api);
    expect(names).not.toContain("invoke");
    expect(names).not.toContain("ipcRenderer");
    expect(names).not.toContain("send");
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("method sends its request on its channel", async () => {
    electronFake.state.invokeResponder = () => ({ ok: true, value: null });
    const request = { wallClock: "2025-03-30T02:30" };
    await api.cutoffSet(request);

    expect(electronFake.invokeLog).toEqual([
      { channel: "cutoff:set", args: [request] },
    ]);
  });

  it("every method uses its own channel", async () => {
    electronFake.state.invokeResponder = () => ({ ok: true, value: null });
    for (const channel of CHANNELS) {
      const method = (api as Record<string, (request: unknown) => unknown>)[
        methodNameOf(channel)
      ];
      await method?.({});
    }
    expect(electronFake.invokeLog.map((entry) => entry.channel)).toEqual(
      CHANNELS,
    );
  });

  it("ok envelope resolves to its value", async () => {
    electronFake.state.invokeResponder = () => ({
      ok: true,
      value: { state: "Stopped" },
    });
    await expect(api.syncStatus({})).resolves.toEqual({ state: "Stopped" });
  });

  it("error envelope rejects with its message", async () => {
    electronFake.state.invokeResponder = () => ({
      ok: false,
      error: { kind: "sync-running", message: "Auto Sync is Running." },
    });
    const failure = await api.cutoffSet({ wallClock: "2025-03-30T02:30" }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("Auto Sync is Running.");
  });

  it("unreadable reply rejects with a plain message", async () => {
    electronFake.state.invokeResponder = () => "not an envelope";
    await expect(api.syncStatus({})).rejects.toThrow(
      /^Cart Cutover's main process sent a reply the window cannot read\./,
    );
  });
});
