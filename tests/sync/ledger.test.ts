import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Ledger, type LedgerRecord } from "../../main/sync/ledger.js";
import { planChangeWindow, planWindow } from "../../main/sync/sync-window.js";

const AT = "2026-11-02T12:00:00.000Z";
const IMPORT_FROM = "2026-11-01T00:00:00.000Z";
const WINDOW = { fromUtc: IMPORT_FROM, toUtc: "2026-11-02T00:00:00.000Z" };

function imported(sourceKey: string, cartOrderId: string): LedgerRecord {
  return {
    type: "imported",
    sourceKey,
    cartOrderId,
    orderNumber: `#${cartOrderId}`,
    documentId: `SO-${cartOrderId}`,
    createdAtUtc: "2026-11-01T10:00:00.000Z",
    updatedAtUtc: "2026-11-01T10:00:00.000Z",
    cancelled: false,
    runId: "run-1",
    atUtc: AT,
  };
}

function failed(sourceKey: string, cartOrderId: string, runId = "run-1"): LedgerRecord {
  return {
    type: "failed",
    sourceKey,
    cartOrderId,
    orderNumber: `#${cartOrderId}`,
    createdAtUtc: "2026-11-01T10:00:00.000Z",
    reason: "totals do not add up",
    runId,
    atUtc: AT,
  };
}

describe("ledger", () => {
  let dataDir = "";
  const open: Ledger[] = [];
  const openLedger = () => {
    const ledger = new Ledger(dataDir);
    open.push(ledger);
    return ledger;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cart-cutover-ledger-"));
  });

  afterEach(async () => {
    while (open.length) open.pop()!.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps orders of two stores with the same id apart", () => {
    const ledger = openLedger();
    ledger.commit([imported("woocommerce:store-a:812", "812")]);
    expect(ledger.importedOrder("woocommerce:store-a:812")?.documentId).toBe("SO-812");
    expect(ledger.importedOrder("woocommerce:store-b:812")).toBeUndefined();
  });

  it("moves the mark only when a window is done", () => {
    const ledger = openLedger();
    ledger.commit([{ type: "checkpoint", runId: "run-1", window: WINDOW, cursor: "page-2", pageSize: 50, atUtc: AT }]);
    expect(ledger.lastOrderFromUtc).toBeNull();
    expect(ledger.openCheckpoint?.cursor).toBe("page-2");
    ledger.commit([{ type: "window-done", runId: "run-1", window: WINDOW, atUtc: AT }]);
    expect(ledger.lastOrderFromUtc).toBe(WINDOW.toUtc);
    expect(ledger.openCheckpoint).toBeNull();
  });

  it("never moves the mark back for an older window", () => {
    const ledger = openLedger();
    ledger.commit([{ type: "window-done", runId: "run-2", window: WINDOW, atUtc: AT }]);
    ledger.commit([{ type: "window-done", runId: "run-1", window: { fromUtc: IMPORT_FROM, toUtc: "2026-11-01T12:00:00.000Z" }, atUtc: AT }]);
    expect(ledger.lastOrderFromUtc).toBe(WINDOW.toUtc);
  });

  it("restores everything after a restart", () => {
    const first = openLedger();
    first.commit([
      imported("shopify:s:1", "1"),
      failed("shopify:s:2", "2"),
      { type: "checkpoint", runId: "run-1", window: WINDOW, cursor: "c", pageSize: 25, atUtc: AT },
    ]);
    first.close();
    open.pop();
    const second = openLedger();
    expect(second.importedCount).toBe(1);
    expect(second.failedOrders().map((failure) => failure.cartOrderId)).toEqual(["2"]);
    expect(second.openCheckpoint).toEqual({ runId: "run-1", window: WINDOW, cursor: "c", pageSize: 25 });
  });

  it("clears a set-aside order once it is imported or resolved", () => {
    const ledger = openLedger();
    ledger.commit([failed("shopify:s:1", "1"), failed("shopify:s:2", "2")]);
    ledger.commit([imported("shopify:s:1", "1")]);
    ledger.commit([{ type: "failure-resolved", sourceKey: "shopify:s:2", cartOrderId: "2", outcome: "excluded: cancelled in the cart", atUtc: AT }]);
    expect(ledger.failedOrders()).toEqual([]);
  });

  it("keeps a delivery in doubt until its outcome is recorded", () => {
    const ledger = openLedger();
    ledger.commit([{ type: "delivering", runId: "run-1", sourceKeys: ["shopify:s:1", "shopify:s:2"], atUtc: AT }]);
    expect(ledger.isInDoubt("shopify:s:1")).toBe(true);
    ledger.commit([imported("shopify:s:1", "1"), failed("shopify:s:2", "2")]);
    expect(ledger.isInDoubt("shopify:s:1")).toBe(false);
    expect(ledger.isInDoubt("shopify:s:2")).toBe(false);
  });

  it("matches exported orders by store when the export names it", () => {
    const ledger = openLedger();
    ledger.commit([
      { type: "exported", cartOrderIds: ["10"], cutoffUtc: IMPORT_FROM, storeId: "store-a", atUtc: AT },
      { type: "exported", cartOrderIds: ["20"], cutoffUtc: IMPORT_FROM, atUtc: AT },
    ]);
    expect(ledger.exportedFor("10", "store-a")).toBe(IMPORT_FROM);
    expect(ledger.exportedFor("10", "store-b")).toBeUndefined();
    expect(ledger.exportedFor("20", "store-b")).toBe(IMPORT_FROM);
  });

  it("starts over from a mark set by the user", () => {
    const ledger = openLedger();
    ledger.commit([
      { type: "checkpoint", runId: "run-1", window: WINDOW, cursor: "c", pageSize: 25, atUtc: AT },
      { type: "changes-checked", runId: "run-0", window: WINDOW, atUtc: AT },
    ]);
    ledger.commit([{ type: "mark", markUtc: "2026-11-02T06:00:00.000Z", atUtc: AT }]);
    expect(ledger.openCheckpoint).toBeNull();
    expect(ledger.changesCheckedUntilUtc).toBeNull();
    expect(ledger.lastOrderFromUtc).toBe("2026-11-02T06:00:00.000Z");
  });

  it("skips order records written without a sourceKey", () => {
    const legacy = { ...imported("shopify:s:1", "1"), sourceKey: undefined };
    writeFileSync(join(dataDir, "sync-ledger.jsonl"), `${JSON.stringify(legacy)}\n`);
    const ledger = openLedger();
    expect(ledger.importedCount).toBe(0);
  });

  it("never carries a cursor into the next window", () => {
    const ledger = openLedger();
    ledger.commit([{ type: "checkpoint", runId: "run-1", window: WINDOW, cursor: "c", pageSize: 25, atUtc: AT }]);
    const resumed = planWindow(ledger, IMPORT_FROM, Date.parse(AT), 15 * 60_000);
    expect(resumed).toMatchObject({ ...WINDOW, resumeCursor: "c", pageSize: 25, resumed: true });
    ledger.commit([{ type: "window-done", runId: "run-1", window: WINDOW, atUtc: AT }]);
    const fresh = planWindow(ledger, IMPORT_FROM, Date.parse(AT), 15 * 60_000);
    expect(fresh).toEqual({ fromUtc: "2026-11-01T23:45:00.000Z", toUtc: AT, resumeCursor: null, pageSize: null, resumed: false });
  });

  it("plans change checks from the last check minus the overlap", () => {
    const ledger = openLedger();
    expect(planChangeWindow(ledger, IMPORT_FROM, WINDOW.toUtc, 60_000)).toEqual(WINDOW);
    ledger.commit([{ type: "changes-checked", runId: "run-1", window: WINDOW, atUtc: AT }]);
    expect(planChangeWindow(ledger, IMPORT_FROM, AT, 60_000)).toEqual({ fromUtc: "2026-11-01T23:59:00.000Z", toUtc: AT });
  });
});
