import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { memoryKeychain } from "../support/memory-keychain.js";

const NOW_MS = Date.parse("2026-11-20T09:00:00.000Z");
let services: AppServices | null = null;

afterEach(async () => {
  await services?.close();
  services = null;
});

async function demoServices(): Promise<AppServices> {
  const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-view-"));
  services = await createAppServices({ dataDir, keychain: memoryKeychain(), now: () => NOW_MS });
  await services.handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
  await services.handlers["connect:test"]({});
  return services;
}

describe("preview on screen", () => {
  it("sends light rows and the full row on request", async () => {
    const { handlers } = await demoServices();
    const view = await handlers["dry-run:run"]({ recentDays: 60 });
    expect(view.timeZone).toBe("Europe/Berlin");
    expect(view.rows.length).toBeGreaterThan(100);
    const first = view.rows[0]!;
    expect(first.index).toBe(0);
    expect(first).not.toHaveProperty("document");

    const detail = await handlers["dry-run:detail"]({ index: first.index });
    expect(detail.order.orderId).toBe(first.cartOrderId);
    expect(detail.document.totalMinor).toBe(first.totalMinor);
    expect(detail.findings.map((finding) => finding.code).sort()).toEqual([...first.findingCodes].sort());
  });

  it("serves rows of a reopened saved preview", async () => {
    const { handlers } = await demoServices();
    await handlers["dry-run:run"]({ recentDays: 10 });
    const state = await handlers["app:get-state"]({});
    const reopened = await handlers["dry-run:open"]({ path: state.dryRun!.savedTo });
    expect(reopened.openedFromFile).toBe(state.dryRun!.savedTo);
    const last = reopened.rows[reopened.rows.length - 1]!;
    expect((await handlers["dry-run:detail"]({ index: last.index })).order.orderNumber).toBe(last.orderNumber);
  });

  it("rejects an index outside the preview", async () => {
    const { handlers } = await demoServices();
    const view = await handlers["dry-run:run"]({ recentDays: 5 });
    await expect(handlers["dry-run:detail"]({ index: view.rows.length })).rejects.toThrow(/not in the preview on screen/);
  });

  it("opens only preview files", async () => {
    const { handlers } = await demoServices();
    await expect(handlers["dry-run:open"]({ path: "/etc/passwd" })).rejects.toThrow(/not a Cart Cutover preview/);
  });
});

describe("mapping choices", () => {
  it("keeps the guest policy and known SKUs for the sync", async () => {
    const { handlers } = await demoServices();
    await handlers["dry-run:run"]({ recentDays: 10, guestPolicy: "reject", knownSkus: ["MUG-BLU-350", "TEE-GRN-M"] });
    const state = await handlers["app:get-state"]({});
    expect(state.mapping).toEqual({ guestPolicy: "reject", knownSkuCount: 2 });
    expect(services!.context.mappingOptions().guestPolicy).toBe("reject");
    expect(services!.context.mappingOptions().knownSkus?.has("TEE-GRN-M")).toBe(true);
  });

  it("removes the known SKUs with an empty list", async () => {
    const { handlers } = await demoServices();
    await handlers["dry-run:run"]({ recentDays: 10, knownSkus: ["MUG-BLU-350"] });
    await handlers["dry-run:run"]({ recentDays: 10, knownSkus: [] });
    expect((await handlers["app:get-state"]({})).mapping.knownSkuCount).toBeNull();
    expect(services!.context.mappingOptions().knownSkus).toBeNull();
  });
});
