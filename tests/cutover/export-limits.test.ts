import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CartConnector } from "../../main/carts/connector.js";
import { ExportJob } from "../../main/cutover/export-job.js";
import { connectorFor } from "../carts/shopify-harness.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { readZip } from "../xlsx/zip-reader.js";
import { CutoverRig, seedAt } from "./cutover-rig.js";

/** Characters a cell can contain, from Microsoft's "Excel specifications and limits" page. */
const EXCEL_MAX_CELL_CHARS = 32_767;
const MINUTE = 60_000;
const open: CutoverRig[] = [];
const folders: string[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  while (folders.length) await rm(folders.pop()!, { recursive: true, force: true });
});

async function berlinRig(): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
  const rig = await CutoverRig.open({
    simulator,
    connector: connectorFor(simulator),
    cutoffWallClock: "2026-03-02T09:00",
    nowMs: Date.parse("2026-03-02T12:00:00Z"),
  });
  open.push(rig);
  return rig;
}

/** Lists the pages last to first and each page's orders last to first. */
function reversedListing(real: CartConnector): CartConnector {
  return {
    ...real,
    async *listOrders(query) {
      const pages = [];
      for await (const page of real.listOrders(query)) {
        pages.push({ ...page, orders: [...page.orders].reverse() });
      }
      yield* pages.reverse();
    },
  };
}

/** Returns the length of the longest text in the sheet and shared string parts. */
function longestCellText(xlsx: Buffer): number {
  let longest = 0;
  for (const entry of readZip(xlsx)) {
    const isCellText =
      entry.name.startsWith("xl/worksheets/") ||
      entry.name === "xl/sharedStrings.xml";
    if (!isCellText) continue;
    for (const match of entry.text.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) {
      longest = Math.max(longest, match[1]!.length);
    }
  }
  return longest;
}

describe("export workbook", () => {
  it("keeps every cell within Excel's limit", async () => {
    const rig = await berlinRig();
    const order = seedAt(1001, rig.at(-MINUTE));
    rig.options.simulator.addOrders([
      {
        ...order,
        lines: order.lines.map((line) => ({ ...line, title: "x".repeat(100_000) })),
      },
    ]);

    const summary = await rig.exportBeforeCutoff();
    const xlsx = await readFile(summary.files[1]!);

    // NOTE: what Excel does with a longer cell (truncate it or repair the
    // file) is not checked here, for want of Excel. Either way the .xlsx
    // would not give the text the CSV has, so the export should shorten the
    // text visibly or fail with the order named.
    expect(longestCellText(xlsx)).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
  });
});

describe("export summary", () => {
  it("names an order whose lines miss the cart total", async () => {
    const rig = await berlinRig();
    // The cart total is 10.00 more than the lines, which the dry run flags
    // as a totals-mismatch error.
    const order = seedAt(1001, rig.at(-MINUTE));
    const cartTotal = (Number(order.total) + 10).toFixed(2);
    rig.options.simulator.addOrders([
      { ...order, total: cartTotal, presentmentTotal: cartTotal },
    ]);

    const summary = await rig.exportBeforeCutoff();
    const summaryFile = JSON.parse(await readFile(summary.files[2]!, "utf8"));
    const xlsx = readZip(await readFile(summary.files[1]!));
    const instructions = xlsx.find((entry) => entry.name === "xl/worksheets/sheet2.xml")!.text;

    expect(summary.ordersToCheck).toBe(1);
    expect(summaryFile.ordersToCheck).toBe(1);
    expect(summaryFile.checks).toEqual([
      { orderNumber: "#1001", cartOrderId: "1001", reasons: [expect.stringContaining(cartTotal)] },
    ]);
    expect(instructions).toContain("Orders to check");
    expect(instructions).toContain("Cart order 1001:");
  });

  it("has the same bytes whatever the listing order", async () => {
    const rig = await berlinRig();
    rig.options.simulator.addOrders([
      seedAt(1001, rig.at(-50 * MINUTE), { status: "closed", fulfillment: "fulfilled" }),
      seedAt(1002, rig.at(-40 * MINUTE)),
      seedAt(1003, rig.at(-30 * MINUTE), {
        status: "cancelled",
        cancelledAtUtc: rig.at(-20 * MINUTE),
      }),
      seedAt(1004, rig.at(-10 * MINUTE)),
    ]);
    const inCreationOrder = await mkdtemp(join(tmpdir(), "cart-cutover-breaker-"));
    const reversed = await mkdtemp(join(tmpdir(), "cart-cutover-breaker-"));
    folders.push(inCreationOrder, reversed);

    const first = await new ExportJob().run(
      rig.exportInput({ folder: inCreationOrder, pageSize: 2 }),
    );
    const second = await new ExportJob().run(
      rig.exportInput({
        folder: reversed,
        pageSize: 2,
        connector: reversedListing(rig.options.connector),
      }),
    );

    const summaryOf = (files: string[]) => readFile(files[2]!, "utf8");
    const checksumsOf = (files: string[]) => readFile(files[3]!, "utf8");
    expect(await summaryOf(second!.files)).toBe(await summaryOf(first!.files));
    expect(await checksumsOf(second!.files)).toBe(await checksumsOf(first!.files));
  });
});
