import { expect } from "vitest";
import type { ProofReport } from "../../preload/contract.js";
import type { CartOrder } from "../../main/carts/cart-order.js";
import type { CutoverRig } from "../cutover/cutover-rig.js";

/**
 * Checks the proof's promise against the simulator's orders: nothing
 * missing or doubled, the ledger's exported and imported sets disjoint, and
 * every cart order in the window in exactly one of exported, imported and
 * excluded. Drafts count only for carts whose connector lists them.
 */
export function expectSoundCutover(
  report: ProofReport,
  rig: CutoverRig,
  options: { draftsListed?: boolean } = {},
): void {
  const fromMs = Date.parse(report.window.fromUtc);
  const toMs = Date.parse(report.window.toUtc);
  const cartIds = rig.options.simulator
    .orders()
    .filter((order) => options.draftsListed || order.status !== "draft")
    .filter((order) => {
      const createdMs = Date.parse(order.createdAtUtc);
      return createdMs >= fromMs && createdMs < toMs;
    })
    .map((order) => order.id)
    .sort();

  expect(report.counts.missing).toBe(0);
  expect(report.counts.doubled).toBe(0);
  expect(report.clean).toBe(true);

  const ordersById = new Map(report.rows.map((row) => [row.cartOrderId, row]));
  const asOrder = (id: string) => ({ platform: rig.options.connector.platform, orderId: id }) as CartOrder;
  expect([...ordersById.keys()].length).toBe(report.rows.length);
  const exported = cartIds.filter((id) => rig.view.exportedCutoffOf(asOrder(id)) !== undefined);
  const imported = cartIds.filter((id) => rig.view.importedDocumentOf(asOrder(id)) !== undefined);
  expect(exported.filter((id) => imported.includes(id))).toEqual([]);

  const rowIds = report.rows.map((row) => row.cartOrderId).sort();
  expect(rowIds).toEqual(cartIds);
  const bySet = (set: string) => report.rows.filter((row) => row.set === set).map((row) => row.cartOrderId).sort();
  expect(bySet("exported")).toEqual(exported);
  expect(bySet("imported")).toEqual(imported);
  expect([...bySet("exported"), ...bySet("imported"), ...bySet("excluded")].sort()).toEqual(cartIds);
  expect(report.rows.every((row) => row.foundIn.length === 0)).toBe(true);
}
