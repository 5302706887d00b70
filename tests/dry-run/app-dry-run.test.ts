import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { openPreview } from "../../main/dry-run/preview-file.js";
import { FAST_RETRY_POLICY } from "../../main/http/retry-policy.js";
import type { Preview } from "../../preload/contract.js";
import type { Keychain } from "../../main/secrets/keychain.js";
import { toWallClock } from "../../main/time/zoned-time.js";
import type { LoggedRequest } from "../simulators/common/faults.js";
import { generateSeedOrders } from "../simulators/common/generate-orders.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { listingOf, snapshotFolder } from "./data-folder-snapshot.js";

function memoryKeychain(): Keychain {
  const entries = new Map<string, string>();
  return {
    status: async () => ({ available: true }),
    read: async (account) => entries.get(account) ?? null,
    write: async (account, secret) => void entries.set(account, secret),
    remove: async (account) => void entries.delete(account),
  };
}

const NOW_MS = Date.parse("2026-11-20T09:00:00.000Z");
const open: AppServices[] = [];
let simulator: ShopifySimulator | null = null;
const dataDirs: string[] = [];

async function newDataDir(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  dataDirs.push(dataDir);
  return dataDir;
}

const isPreviewFile = (path: string) => path.startsWith("previews/");

async function connectedDemo(): Promise<{ services: AppServices; dataDir: string }> {
  const dataDir = await newDataDir("cart-cutover-dry-run-");
  const services = await createAppServices({ dataDir, keychain: memoryKeychain(), now: () => NOW_MS });
  open.push(services);
  await services.handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
  await services.handlers["connect:test"]({});
  return { services, dataDir };
}

async function settingsWithoutDryRun(dataDir: string): Promise<unknown> {
  const settings = JSON.parse(await readFile(join(dataDir, "settings.json"), "utf8")) as Record<string, unknown>;
  return { ...settings, dryRun: "(compared apart)" };
}

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  await simulator?.close();
  simulator = null;
  while (dataDirs.length) await rm(dataDirs.pop()!, { recursive: true, force: true });
});

describe("app dry run on the demo store", () => {
  it("changes only the preview and its record", async () => {
    const { services, dataDir } = await connectedDemo();
    // A dry run, a cut-off and one sync run first, so that the record, the ledger and the order book hold something.
    await services.handlers["dry-run:run"]({ recentDays: 2 });
    const cutoff = await services.handlers["cutoff:set"]({ wallClock: toWallClock(NOW_MS - 86_400_000, "Europe/Berlin").slice(0, 16) });
    await services.handlers["go-live:save"]({
      documentKind: "sales-order",
      importFromUtc: cutoff.cutoffUtc,
      intervalMinutes: 15,
      filter: { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false },
    });
    await services.handlers["sync:run-now"]({});
    const ignored = (path: string) => isPreviewFile(path) || path === "settings.json";
    const before = await snapshotFolder(dataDir, ignored);
    expect([...before.keys()].length).toBeGreaterThan(0);
    const settingsBefore = await settingsWithoutDryRun(dataDir);
    const bookBefore = await services.handlers["order-book:list"]({});
    const syncBefore = await services.handlers["sync:status"]({});
    expect(bookBefore.length).toBeGreaterThan(0);
    expect(syncBefore.ordersImported).toBe(bookBefore.length);

    const preview = await services.handlers["dry-run:run"]({ recentDays: 30 });

    expect(listingOf(await snapshotFolder(dataDir, ignored))).toEqual(listingOf(before));
    expect(await settingsWithoutDryRun(dataDir)).toEqual(settingsBefore);
    expect(await services.handlers["order-book:list"]({})).toEqual(bookBefore);
    expect(await services.handlers["sync:status"]({})).toEqual(syncBefore);
    expect(preview.rows.length).toBeGreaterThan(50);
  });

  it("adds only preview files", async () => {
    const { services, dataDir } = await connectedDemo();
    const before = await snapshotFolder(dataDir, (path) => !isPreviewFile(path));

    await services.handlers["dry-run:run"]({ recentDays: 30 });

    const after = await snapshotFolder(dataDir, (path) => !isPreviewFile(path));
    const added = [...after.keys()].filter((path) => !before.has(path)).sort();
    const state = (await services.handlers["app:get-state"]({})).dryRun;
    const expected = [state?.savedTo, state?.spreadsheetTo]
      .filter((path): path is string => typeof path === "string")
      .map((path) => relative(dataDir, path).split(sep).join("/"))
      .sort();
    expect(added).toEqual(expected);
    expect(added.filter((path) => path.endsWith(".cartcutover-preview.json"))).toHaveLength(1);
  });

  it("maps window orders and counts findings", async () => {
    const { services } = await connectedDemo();
    await services.handlers["dry-run:run"]({ recentDays: 30 });
    const preview = await fullPreviewOf(services);

    const counted: Record<string, number> = {};
    for (const row of preview.rows) {
      for (const finding of row.findings) counted[finding.code] = (counted[finding.code] ?? 0) + 1;
    }
    expect(preview.summary.findings).toEqual(counted);
    expect(preview.summary.orders).toBe(preview.rows.length);
    expect(preview.summary.importable).toBe(preview.rows.filter((row) => row.importable).length);
    expect(preview.rows.every((row) => row.document.status === "PENDING")).toBe(true);
    const fromMs = Date.parse(preview.window.fromUtc);
    const toMs = Date.parse(preview.window.toUtc);
    expect(toMs - fromMs).toBe(30 * 86_400_000);
    for (const row of preview.rows) {
      const createdMs = Date.parse(row.order.createdAtUtc);
      expect(createdMs).toBeGreaterThanOrEqual(fromMs);
      expect(createdMs).toBeLessThan(toMs);
    }
  });

  it("gives the same documents on a rerun", async () => {
    const { services } = await connectedDemo();
    await services.handlers["dry-run:run"]({ recentDays: 30 });
    const first = await fullPreviewOf(services);
    await services.handlers["dry-run:run"]({ recentDays: 30 });
    const second = await fullPreviewOf(services);
    expect(second.rows.map((row) => row.document)).toEqual(first.rows.map((row) => row.document));
    expect(second.summary).toEqual(first.summary);
  });
});

/** Reads the full preview the last dry run saved; the renderer gets only light rows. */
function fullPreviewOf(services: AppServices): Promise<Preview> {
  return openPreview(services.context.settings.current.dryRun!.savedTo);
}

/** True for a GraphQL query or the client credentials grant: requests that change nothing in the store. */
function isRead(request: LoggedRequest): boolean {
  if (request.method === "POST" && request.path === "/admin/oauth/access_token") return true;
  if (request.method !== "POST" || !/\/graphql\.json$/.test(request.path)) return false;
  const { query } = JSON.parse(request.body) as { query: string };
  return /^\s*(query\b|\{)/.test(query) && !/\bmutation\b/.test(query);
}

async function everyFileText(folder: string): Promise<string> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile() && !entry.name.endsWith(".xlsx"));
  const texts = await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name), "utf8")));
  return texts.join("\n");
}

describe("app dry run against Shopify", () => {
  async function connectedShopify() {
    const seeds = generateSeedOrders({ count: 30, startUtc: new Date(NOW_MS - 20 * 86_400_000).toISOString(), stepMs: 3_600_000 });
    simulator = await startShopifySimulator({ orders: seeds, credentialKind: "client-credentials", now: () => NOW_MS });
    const dataDir = await newDataDir("cart-cutover-shopify-dry-run-");
    const services = await createAppServices({
      dataDir,
      keychain: memoryKeychain(),
      now: () => NOW_MS,
      retryPolicy: FAST_RETRY_POLICY,
    });
    open.push(services);
    await services.handlers["connect:save"]({ platform: "shopify", storeUrl: simulator.storeUrl, credentials: simulator.credentials });
    await services.handlers["connect:test"]({});
    return { services, dataDir, simulator };
  }

  it("sends queries only, changes no file", async () => {
    const { services, dataDir, simulator } = await connectedShopify();
    const ignored = (path: string) => isPreviewFile(path) || path === "settings.json";
    const before = await snapshotFolder(dataDir, ignored);
    const settingsBefore = await settingsWithoutDryRun(dataDir);
    const ordersBefore = simulator.orders();
    const requestsBefore = simulator.requestLog().length;

    const preview = await services.handlers["dry-run:run"]({ recentDays: 30 });

    expect(preview.summary.orders).toBe(30);
    expect(listingOf(await snapshotFolder(dataDir, ignored))).toEqual(listingOf(before));
    expect(await settingsWithoutDryRun(dataDir)).toEqual(settingsBefore);
    const requests = simulator.requestLog().slice(requestsBefore);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((request) => !isRead(request)).map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(simulator.orders()).toEqual(ordersBefore);
  });

  it("keeps credentials out of data folder", async () => {
    const { services, dataDir, simulator } = await connectedShopify();
    await services.handlers["dry-run:run"]({ recentDays: 30 });
    const text = await everyFileText(dataDir);
    const credentials = Object.values(simulator.credentials);

    expect(text).toContain('"orderNumber":"#1001"');
    expect(credentials.length).toBe(2);
    for (const credential of credentials) expect(text.includes(credential)).toBe(false);
    expect(text).not.toMatch(/shp(at|ss|ca|pa)_/);
  });
});
