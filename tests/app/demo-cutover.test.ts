import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServices, type AppServices } from "../../main/app/create-app-services.js";
import { toWallClock } from "../../main/time/zoned-time.js";
import { memoryKeychain } from "../support/memory-keychain.js";

const START_MS = Date.parse("2026-11-20T09:00:00.000Z");
let clockMs = START_MS;
const now = () => clockMs;
const open: AppServices[] = [];

async function openServices(dataDir: string): Promise<AppServices> {
  const services = await createAppServices({ dataDir, keychain: memoryKeychain(), now, schedulerTickMs: 20 });
  open.push(services);
  return services;
}

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, limitMs = 5000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  clockMs = START_MS;
});

describe("demo store cut-over", () => {
  it("runs every wizard step and imports new orders", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-demo-"));
    const services = await openServices(dataDir);
    const { handlers } = services;

    const fresh = await handlers["app:get-state"]({});
    expect(fresh.sync.state).toBe("Stopped");
    expect(fresh.startBlockers.length).toBeGreaterThan(0);

    await handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
    const connection = await handlers["connect:test"]({});
    expect(connection.report.timeZone).toBe("Europe/Berlin");
    expect(connection.report.currency).toBe("EUR");
    expect(connection.report.orderCount).toBeGreaterThan(300);

    const preview = await handlers["dry-run:run"]({ recentDays: 30 });
    expect(preview.rows.length).toBeGreaterThan(50);
    expect(preview.summary.orders).toBe(preview.rows.length);
    expect(await readdir(dataDir)).not.toContain("order-book.jsonl.bak");
    expect((await handlers["order-book:list"]({})).length).toBe(0);

    clockMs += 60 * 60_000;
    const cutoffWall = toWallClock(clockMs - 30 * 60_000, "Europe/Berlin").slice(0, 16);
    const cutoff = await handlers["cutoff:set"]({ wallClock: cutoffWall });
    expect(cutoff.cutoffUtc).toBe(new Date(clockMs - 30 * 60_000).toISOString().replace(/\d\d\.\d{3}Z$/, "00.000Z"));

    await handlers["export:start"]({});
    const exported = await waitFor(() => handlers["export:status"]({}), (status) => status.state !== "running");
    expect(exported.state).toBe("done");
    expect(exported.summary!.orders).toBeGreaterThan(0);
    const csv = await readFile(exported.summary!.files[0]!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("Order Reference");
    expect(csv.split("\r\n").length - 2).toBe(exported.summary!.lines);

    const seam = await handlers["go-live:save"]({
      documentKind: "sales-order",
      importFromUtc: cutoff.cutoffUtc,
      intervalMinutes: 5,
      filter: { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false },
    });
    expect(seam.verdict).toBe("aligned");
    expect((await handlers["app:get-state"]({})).startBlockers).toEqual([]);

    const started = await handlers["sync:start"]({});
    expect(started.state).toBe("Running");
    const afterFirst = await waitFor(() => handlers["sync:status"]({}), (status) => status.history.length > 0 && !status.busy);
    const firstImported = afterFirst.ordersImported;
    expect(afterFirst.history[0]!.error).toBeNull();
    expect(afterFirst.history[0]!.trigger).toBe("start");
    expect(Date.parse(afterFirst.nextRunAtUtc!)).toBe(clockMs + 5 * 60_000);

    clockMs += 20 * 60_000;
    const later = await handlers["sync:run-now"]({});
    expect(later.ordersImported).toBeGreaterThan(firstImported);
    expect(Date.parse(later.lastOrderFromUtc!)).toBe(clockMs);

    const book = await handlers["order-book:list"]({});
    expect(book.length).toBe(later.ordersImported);
    expect(book.every((entry) => entry.document.status === "PENDING")).toBe(true);
    expect(book.every((entry) => Date.parse(entry.document.orderDateUtc) >= Date.parse(cutoff.cutoffUtc))).toBe(true);
    const keys = book.map((entry) => entry.document.sourceKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps Running and the imports across a restart", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-restart-"));
    const first = await openServices(dataDir);
    await first.handlers["connect:save"]({ platform: "demo", storeUrl: "", credentials: {} });
    await first.handlers["connect:test"]({});
    await first.handlers["dry-run:run"]({});
    const cutoff = await first.handlers["cutoff:set"]({ wallClock: toWallClock(clockMs - 3_600_000, "Europe/Berlin").slice(0, 16) });
    await first.handlers["go-live:save"]({ documentKind: "cash-sale", importFromUtc: cutoff.cutoffUtc, intervalMinutes: 15, filter: { includePartiallyFulfilled: true, includeFulfilled: false, includeTest: false } });
    await first.handlers["sync:start"]({});
    clockMs += 10 * 60_000;
    const before = await first.handlers["sync:run-now"]({});
    await open.pop()!.close();

    const second = await openServices(dataDir);
    await second.start();
    const after = await second.handlers["sync:status"]({});
    expect(after.state).toBe("Running");
    expect(after.ordersImported).toBe(before.ordersImported);
    expect(after.lastOrderFromUtc).toBe(before.lastOrderFromUtc);

    const again = await second.handlers["sync:run-now"]({});
    expect(again.ordersImported).toBe(before.ordersImported);
    const book = await second.handlers["order-book:list"]({});
    expect(book.length).toBe(before.ordersImported);
    expect(book.every((entry) => entry.document.kind === "cash-sale")).toBe(true);
  });
});
