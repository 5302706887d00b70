import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { toWallClock } from "../../main/time/zoned-time.js";
import { snapshotFolder } from "../support/data-folder.js";
import { memoryKeychain } from "../support/memory-keychain.js";

const NOW_MS = Date.parse("2026-11-20T09:00:00.000Z");
const DEFAULT_FILTER = { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false };
const open: AppServices[] = [];

async function servicesAt(dataDir: string, keychain = memoryKeychain()): Promise<AppServices> {
  const services = await createAppServices({ dataDir, keychain, now: () => NOW_MS });
  open.push(services);
  return services;
}

async function liveDemo(): Promise<{ services: AppServices; dataDir: string; cutoffUtc: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
  const services = await servicesAt(dataDir);
  await services.handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
  await services.handlers["connect:test"]({});
  await services.handlers["dry-run:run"]({});
  const cutoff = await services.handlers["cutoff:set"]({ wallClock: toWallClock(NOW_MS - 3 * 86_400_000, "Europe/Berlin").slice(0, 16) });
  await services.handlers["go-live:save"]({ documentKind: "sales-order", importFromUtc: cutoff.cutoffUtc, intervalMinutes: 15, filter: DEFAULT_FILTER });
  await services.handlers["sync:run-now"]({});
  return { services, dataDir, cutoffUtc: cutoff.cutoffUtc };
}

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

describe("bad input is refused before anything is written", () => {
  it("rejects a store address without https", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
    const keychain = memoryKeychain();
    const { handlers } = await servicesAt(dataDir, keychain);
    const before = await snapshotFolder(dataDir);
    await expect(handlers["connect:save"]({ platform: "shopify", storeUrl: "http://shop.example.com", credentials: { accessToken: "shpat_abcdef123456" } })).rejects.toThrow(/plain http/);
    expect(await snapshotFolder(dataDir)).toEqual(before);
    expect(keychain.entries.size).toBe(0);
  });

  it("rejects an invalid store address", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
    const { handlers } = await servicesAt(dataDir);
    await expect(handlers["connect:save"]({ platform: "woocommerce", storeUrl: "https://", credentials: { consumerKey: "ck_1234567890", consumerSecret: "cs_1234567890" } })).rejects.toThrow(/not a valid store address|no valid host/);
    expect((await handlers["app:get-state"]({})).store).toBeNull();
  });

  it("rejects missing credentials", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
    const { handlers } = await servicesAt(dataDir);
    await expect(handlers["connect:save"]({ platform: "shopify", storeUrl: "https://shop.example.com", credentials: { clientId: "abc" } })).rejects.toThrow(/access token, or a client ID and client secret/);
  });

  it("stores nothing without a keychain and says so", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
    const { handlers } = await servicesAt(dataDir, memoryKeychain({ available: false }));
    await expect(handlers["connect:save"]({ platform: "shopify", storeUrl: "https://shop.example.com", credentials: { accessToken: "shpat_abcdef123456" } })).rejects.toThrow(/No keychain/);
    const state = await handlers["app:get-state"]({});
    expect(state.store).toBeNull();
    expect(state.keychainAvailable).toBe(false);
  });

  it("rejects a cut-off in the future", async () => {
    const { services, dataDir } = await liveDemo();
    await services.handlers["sync:stop"]({});
    const before = await snapshotFolder(dataDir);
    const future = toWallClock(NOW_MS + 3_600_000, "Europe/Berlin").slice(0, 16);
    await expect(services.handlers["cutoff:set"]({ wallClock: future })).rejects.toThrow(/in the future/);
    expect(await snapshotFolder(dataDir)).toEqual(before);
  });

  it("refuses a gap after the cut-off", async () => {
    const { services, dataDir, cutoffUtc } = await liveDemo();
    const before = await snapshotFolder(dataDir);
    const seam = await services.handlers["go-live:save"]({ documentKind: "sales-order", importFromUtc: new Date(Date.parse(cutoffUtc) + 86_400_000).toISOString(), intervalMinutes: 15, filter: DEFAULT_FILTER });
    expect(seam.verdict).toBe("gap");
    expect(seam.startAllowed).toBe(false);
    expect(seam.ordersConcerned.length).toBeGreaterThan(0);
    expect(seam.message).toMatch(/neither the export nor the sync/);
    expect(await snapshotFolder(dataDir)).toEqual(before);
  });

  it("refuses an overlap before the export is done", async () => {
    const { services, dataDir, cutoffUtc } = await liveDemo();
    const before = await snapshotFolder(dataDir);
    const seam = await services.handlers["go-live:save"]({ documentKind: "sales-order", importFromUtc: new Date(Date.parse(cutoffUtc) - 86_400_000).toISOString(), intervalMinutes: 15, filter: DEFAULT_FILTER });
    expect(seam.verdict).toBe("overlap");
    expect(seam.startAllowed).toBe(false);
    expect(seam.message).toMatch(/Export the orders before the cut-off first/);
    expect(await snapshotFolder(dataDir)).toEqual(before);
    expect((await services.handlers["sync:status"]({})).importFromUtc).toBe(cutoffUtc);
  });

  it("refuses Start before a connection test and dry run", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-bad-"));
    const { handlers } = await servicesAt(dataDir);
    await handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
    await expect(handlers["sync:start"]({})).rejects.toThrow(/Test the connection/);
    expect((await handlers["sync:status"]({})).state).toBe("Stopped");
  });
});

describe("credential sets", () => {
  it("switches a Shopify store from a token to client credentials", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-creds-"));
    const keychain = memoryKeychain();
    const { handlers } = await servicesAt(dataDir, keychain);
    const storeUrl = "https://lindenhof.myshopify.com";
    await handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { accessToken: "shpat_first_token_1" } });
    const switched = await handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { clientId: "client-id-1", clientSecret: "client-secret-1" } });
    expect(switched.store!.storedCredentialFields).toEqual(["clientId", "clientSecret"]);
    expect([...keychain.entries.values()].sort()).toEqual(["client-id-1", "client-secret-1"]);
  });

  it("keeps stored secrets when the fields are left empty", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-creds-"));
    const keychain = memoryKeychain();
    const { handlers } = await servicesAt(dataDir, keychain);
    const storeUrl = "https://lindenhof.myshopify.com";
    await handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { accessToken: "shpat_kept_token_1" } });
    const again = await handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { accessToken: "" } });
    expect(again.store!.storedCredentialFields).toEqual(["accessToken"]);
    expect([...keychain.entries.values()]).toEqual(["shpat_kept_token_1"]);
  });

  it("rejects half of the other set", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-creds-"));
    const { handlers } = await servicesAt(dataDir);
    const storeUrl = "https://lindenhof.myshopify.com";
    await handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { accessToken: "shpat_kept_token_1" } });
    await expect(handlers["connect:save"]({ platform: "shopify", storeUrl, credentials: { clientId: "only-the-id" } })).rejects.toThrow(/needs/);
  });
});

describe("Shopify addresses", () => {
  it("saves the admin address as the store address", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-address-"));
    const { handlers } = await servicesAt(dataDir);
    const state = await handlers["connect:save"]({ platform: "shopify", storeUrl: "https://admin.shopify.com/store/lindenhof/orders", credentials: { accessToken: "shpat_abcdef123456" } });
    expect(state.store!.storeUrl).toBe("https://lindenhof.myshopify.com");
  });
});
