import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INTAKE_TOKEN_ACCOUNT } from "../../main/app/destination-choice.js";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import { toWallClock } from "../../main/time/zoned-time.js";
import { startReferenceReceiver, type ReferenceReceiver } from "../receiver/reference-receiver.js";
import { snapshotFolder } from "../support/data-folder.js";
import { memoryKeychain } from "../support/memory-keychain.js";

const START_MS = Date.parse("2026-11-20T09:00:00.000Z");
const FILTER = { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false };
let clockMs = START_MS;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  clockMs = START_MS;
});

async function liveDemo(keychain = memoryKeychain()): Promise<AppServices> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-intake-"));
  const services = await createAppServices({ dataDir, keychain, now: () => clockMs, retryPolicy: FAST_RETRY_POLICY });
  cleanups.push(() => services.close());
  const { handlers } = services;
  await handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
  await handlers["connect:test"]({});
  await handlers["dry-run:run"]({});
  const cutoff = await handlers["cutoff:set"]({ wallClock: toWallClock(clockMs - 3_600_000, "Europe/Berlin").slice(0, 16) });
  await handlers["go-live:save"]({ documentKind: "sales-invoice", importFromUtc: cutoff.cutoffUtc, intervalMinutes: 15, filter: FILTER });
  return services;
}

async function receiver(accessToken?: string): Promise<ReferenceReceiver> {
  const started = await startReferenceReceiver({ accessToken });
  cleanups.push(() => started.close());
  return started;
}

describe("HTTP order intake as destination", () => {
  it("delivers each imported order once to the endpoint", async () => {
    const intake = await receiver("intake-token-0123456789");
    const keychain = memoryKeychain();
    const { handlers } = await liveDemo(keychain);
    const state = await handlers["destination:save"]({ kind: "http-intake", endpointUrl: intake.url, accessToken: "intake-token-0123456789" });
    expect(state.destination).toEqual({ kind: "http-intake", endpointUrl: intake.url, hasAccessToken: true });
    expect(keychain.entries.get(INTAKE_TOKEN_ACCOUNT)).toBe("intake-token-0123456789");

    clockMs += 30 * 60_000;
    const first = await handlers["sync:run-now"]({});
    expect(first.history[0]!.error).toBeNull();
    expect(first.ordersImported).toBeGreaterThan(0);
    clockMs += 30 * 60_000;
    const second = await handlers["sync:run-now"]({});

    const documents = intake.documents();
    expect(documents).toHaveLength(second.ordersImported);
    expect(new Set(documents.map((stored) => stored.body.document.sourceKey)).size).toBe(documents.length);
    expect(documents.every((stored) => stored.body.document.kind === "sales-invoice")).toBe(true);
    expect(documents.every((stored) => stored.body.document.status === "PENDING")).toBe(true);
    expect(await handlers["order-book:list"]({})).toEqual([]);
  });

  it("raises a credential alert on a wrong intake token", async () => {
    const intake = await receiver("the-right-token-123456");
    const { handlers } = await liveDemo();
    await handlers["destination:save"]({ kind: "http-intake", endpointUrl: intake.url, accessToken: "a-wrong-token-1234567" });
    clockMs += 30 * 60_000;
    const status = await handlers["sync:run-now"]({});
    expect(status.credentialAlert).not.toBeNull();
    expect(status.credentialAlert).not.toContain("a-wrong-token-1234567");
    expect(intake.documents()).toEqual([]);
  });

  it("rejects a plain http endpoint on a public host before writing", async () => {
    const services = await liveDemo();
    const before = await snapshotFolder(services.context.options.dataDir);
    await expect(services.handlers["destination:save"]({ kind: "http-intake", endpointUrl: "http://intake.example.com/orders", accessToken: null })).rejects.toThrow();
    expect(await snapshotFolder(services.context.options.dataDir)).toEqual(before);
    expect((await services.handlers["app:get-state"]({})).destination).toEqual({ kind: "order-book" });
  });

  it("removes the stored token when asked", async () => {
    const intake = await receiver();
    const keychain = memoryKeychain();
    const { handlers } = await liveDemo(keychain);
    await handlers["destination:save"]({ kind: "http-intake", endpointUrl: intake.url, accessToken: "temporary-token-12345" });
    const state = await handlers["destination:save"]({ kind: "http-intake", endpointUrl: intake.url, accessToken: null });
    expect(state.destination).toEqual({ kind: "http-intake", endpointUrl: intake.url, hasAccessToken: false });
    expect(keychain.entries.has(INTAKE_TOKEN_ACCOUNT)).toBe(false);
  });
});
