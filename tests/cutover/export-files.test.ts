import { createHash } from "node:crypto";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CartConnector } from "../../main/carts/connector.js";
import { ExportJob } from "../../main/cutover/export-job.js";
import { SALES_ORDER_COLUMNS } from "../../main/cutover/sales-orders-sheet.js";
import { connectorFor } from "../carts/shopify-harness.js";
import type { SeedOrder } from "../simulators/common/seed-order.js";
import { startShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { CutoverRig, seedAt } from "./cutover-rig.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const open: CutoverRig[] = [];

afterEach(async () => {
  vi.useRealTimers();
  while (open.length) await open.pop()!.close();
});

async function berlinRig(connector?: (real: CartConnector) => CartConnector): Promise<CutoverRig> {
  const simulator = await startShopifySimulator({ timeZone: "Europe/Berlin" });
  const real = connectorFor(simulator);
  const rig = await CutoverRig.open({
    simulator,
    connector: connector ? connector(real) : real,
    cutoffWallClock: "2026-03-02T09:00",
    nowMs: Date.parse("2026-03-02T12:00:00Z"),
  });
  open.push(rig);
  return rig;
}

function withDiscount(order: SeedOrder, amount: string): SeedOrder {
  const total = (Number(order.total) - Number(amount)).toFixed(2);
  return { ...order, discountCode: "SPRING10", discountAmount: amount, total, presentmentTotal: total };
}

/** Three open orders before the cut-off, one with a discount and two items, one after it. */
function seedStore(rig: CutoverRig): void {
  rig.options.simulator.addOrders([
    seedAt(1001, rig.at(-3 * HOUR)),
    withDiscount(seedAt(1002, rig.at(-2 * HOUR)), "5.00"),
    seedAt(1003, rig.at(-HOUR), { status: "closed", fulfillment: "fulfilled" }),
    seedAt(1004, rig.at(-MINUTE)),
    seedAt(1005, rig.at(MINUTE)),
  ]);
}

async function hashOf(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe("export files", () => {
  it("writes CSV, workbook, summary and checksums", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    const summary = await rig.exportBeforeCutoff();
    const [csvPath, xlsxPath, summaryPath, sumsPath] = summary.files as [string, string, string, string];

    expect(summary.orders).toBe(3);
    expect(basename(csvPath)).toBe("open-orders-before-cutoff.csv");
    const csvLines = (await readFile(csvPath, "utf8")).split("\r\n");
    expect(csvLines[0]).toBe(
      "Order Reference,Cart Order ID,Order Date (UTC),Order Date (store time),Customer,Customer E-mail,Cart Status,Line Type,SKU,Description,Quantity,Unit Price,Line Amount,Line Tax,Currency,Order Total",
    );
    expect(csvLines.length - 2).toBe(summary.lines);
    expect(csvLines.filter((line) => line.includes(",Discount,,Discount: SPRING10,1,-5.00,-5.00,0.00,EUR,")).length).toBe(1);

    const workbook = await readWorkbook(xlsxPath);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Instructions", "Sales Orders"]);
    const instructions = workbook.getWorksheet("Instructions")!;
    const instructionText = instructions.getSheetValues().flat().join(" ");
    expect(instructionText).toContain("2026-03-02 09:00:00 (UTC+01:00) in Europe/Berlin (2026-03-02T08:00:00.000Z UTC)");
    expect(instructionText).toContain("does not publish the column list");

    const sheet = workbook.getWorksheet("Sales Orders")!;
    const header = sheet.getRow(1);
    SALES_ORDER_COLUMNS.forEach((column, index) => {
      const cell = header.getCell(index + 1);
      expect(cell.value).toBe(column.header);
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      expect(fill?.fgColor?.argb ?? null).toBe(column.mandatory ? "FFFFFF00" : null);
      expect(cell.font?.color?.argb ?? null).toBe(column.syntaxChecked ? "FF0000FF" : null);
      expect(typeof cell.note === "string" ? cell.note : JSON.stringify(cell.note)).toContain(column.note.slice(0, 20));
    });
    expect(sheet.actualRowCount - 1).toBe(summary.lines);

    const column = (header: string) => SALES_ORDER_COLUMNS.findIndex((candidate) => candidate.header === header) + 1;
    const rows = Array.from({ length: summary.lines }, (_, index) => sheet.getRow(index + 2));
    const order1002 = rows.filter((row) => row.getCell(column("Cart Order ID")).value === "1002");
    expect(order1002.map((row) => row.getCell(column("Line Type")).value)).toEqual(
      expect.arrayContaining(["Item", "Shipping", "Discount", "Tax"]),
    );
    const discount = order1002.find((row) => row.getCell(column("Line Type")).value === "Discount")!;
    expect(discount.getCell(column("Unit Price")).value).toBe(-5);
    expect(discount.getCell(column("Currency")).value).toBe("EUR");
    expect(order1002[0]!.getCell(column("Order Date")).value).toBe("2026-03-02");
    expect(rows.map((row) => row.getCell(column("Cart Order ID")).value)).not.toContain("1003");
    expect(rows.map((row) => row.getCell(column("Cart Order ID")).value)).not.toContain("1005");

    const summaryFile = JSON.parse(await readFile(summaryPath, "utf8"));
    expect(summaryFile).toMatchObject({ storeId: "rig", scope: "open", orders: 3, lines: summary.lines, leftOut: { fulfilled: 1 } });
    expect(summaryFile.totalsByCurrency).toEqual(summary.totalsByCurrency);

    const sums = (await readFile(sumsPath, "utf8")).trim().split("\n");
    expect(sums).toEqual([
      `${await hashOf(csvPath)}  ${basename(csvPath)}`,
      `${await hashOf(xlsxPath)}  ${basename(xlsxPath)}`,
      `${await hashOf(summaryPath)}  ${basename(summaryPath)}`,
    ]);
    expect((await readdir(dirname(csvPath))).sort()).toEqual(
      ["open-orders-before-cutoff.csv", "open-orders-before-cutoff.sha256", "open-orders-before-cutoff.summary.json", "open-orders-before-cutoff.xlsx"],
    );
  });

  it("writes the same bytes when exported again", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    const first = await rig.exportBeforeCutoff();
    const firstHashes = await Promise.all(first.files.map(hashOf));

    // Hours later by the machine's clock, which an unpinned zip and workbook would carry.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 5 * HOUR);
    const second = await rig.exportBeforeCutoff();
    vi.useRealTimers();

    expect(second.files).toEqual(first.files);
    expect(await Promise.all(second.files.map(hashOf))).toEqual(firstHashes);
  });

  it("sorts unordered pages across runs", async () => {
    // Lists the pages last to first, and one page twice, as a cart that
    // shifted while being paged could.
    let listings = 0;
    const reversed = (real: CartConnector): CartConnector => ({
      ...real,
      async *listOrders(query) {
        listings++;
        const pages = [];
        for await (const page of real.listOrders(query)) pages.push(page);
        yield* pages.reverse();
        if (pages[0]) yield pages[0];
      },
    });
    const rig = await berlinRig(reversed);
    rig.options.simulator.addOrders([
      seedAt(1010, rig.at(-5 * HOUR)),
      seedAt(1011, rig.at(-4 * HOUR)),
      seedAt(1012, rig.at(-4 * HOUR)),
      seedAt(998, rig.at(-4 * HOUR)),
      seedAt(1013, rig.at(-3 * HOUR)),
      seedAt(1014, rig.at(-2 * HOUR)),
      seedAt(1015, rig.at(-HOUR)),
    ]);

    const job = new ExportJob();
    const summary = (await job.run(rig.exportInput({ runOrders: 2, pageSize: 2, reorderOrders: 2 })))!;
    const csv = await readFile(summary.files[0]!, "utf8");
    const ids = [...new Set(csv.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]))];

    expect(ids).toEqual(["1010", "998", "1011", "1012", "1013", "1014", "1015"]);
    expect(summary.orders).toBe(7);
    // The first reading found orders too far out of order and stopped; the second sorted on disk.
    expect(listings).toBe(2);
    expect((await readdir(rig.exportInput().folder)).sort()).toEqual([
      "open-orders-before-cutoff.csv",
      "open-orders-before-cutoff.sha256",
      "open-orders-before-cutoff.summary.json",
      "open-orders-before-cutoff.xlsx",
    ]);
  });

  it("sorts a nearly sorted listing in one reading", async () => {
    // Swaps neighbouring orders, as a cart that breaks ties its own way does.
    let listings = 0;
    const swapped = (real: CartConnector): CartConnector => ({
      ...real,
      async *listOrders(query) {
        listings++;
        for await (const page of real.listOrders(query)) {
          yield { ...page, orders: [...page.orders].reverse() };
        }
      },
    });
    const rig = await berlinRig(swapped);
    rig.options.simulator.addOrders([
      seedAt(1010, rig.at(-5 * HOUR)),
      seedAt(1011, rig.at(-4 * HOUR)),
      seedAt(1012, rig.at(-3 * HOUR)),
      seedAt(1013, rig.at(-2 * HOUR)),
    ]);

    const summary = (await new ExportJob().run(rig.exportInput({ pageSize: 2, reorderOrders: 2 })))!;
    const csv = await readFile(summary.files[0]!, "utf8");
    const ids = [...new Set(csv.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]))];

    expect(ids).toEqual(["1010", "1011", "1012", "1013"]);
    expect(listings).toBe(1);
  });

  it("writes the same bytes whichever way it sorted", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    const direct = await rig.exportBeforeCutoff();
    const directHashes = await Promise.all(direct.files.map(hashOf));

    // A window of no orders sends every listing through the sort on disk.
    const onDisk = (await new ExportJob().run(rig.exportInput({ reorderOrders: 0, runOrders: 1 })))!;
    expect(await Promise.all(onDisk.files.map(hashOf))).toEqual(directHashes);
  });

  it("exports every status with scope all", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    rig.options.simulator.addOrders([
      seedAt(1000, rig.at(-30 * HOUR)),
      seedAt(1006, rig.at(-30 * MINUTE), { status: "cancelled", cancelledAtUtc: rig.at(-20 * MINUTE) }),
      seedAt(1007, rig.at(-20 * MINUTE), { isTest: true }),
    ]);

    const summary = await rig.exportBeforeCutoff("all", rig.at(-24 * HOUR));
    const csv = await readFile(summary.files[0]!, "utf8");
    const ids = [...new Set(csv.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]))];

    expect(basename(summary.files[0]!)).toBe("all-orders-from-20260301T080000Z-before-cutoff.csv");
    expect(ids).toEqual(["1001", "1002", "1003", "1006", "1007", "1004"]);
    expect(csv).toContain(",1003,2026-03-02T07:00:00.000Z,2026-03-02 08:00:00,");
    expect(csv).toMatch(/,1006,[^\r]*,"cancelled, unfulfilled",/);
  });

  it("leaves out orders the sync imported", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    rig.goLive(rig.at(-2 * HOUR - MINUTE));
    const run = await rig.sync();
    expect(run.imported).toBe(3);

    const summary = await rig.exportBeforeCutoff();
    const summaryFile = JSON.parse(await readFile(summary.files[2]!, "utf8"));

    expect(summary.orders).toBe(1);
    expect(summaryFile.leftOut).toEqual({ fulfilled: 1, "imported-by-sync": 2 });
  });
});

describe("export cancel", () => {
  it("keeps earlier files and no partial", async () => {
    let cancelAfterListing: (() => void) | null = null;
    const cancelling = (real: CartConnector): CartConnector => ({
      ...real,
      async *listOrders(query) {
        yield* real.listOrders(query);
        cancelAfterListing?.();
      },
    });
    const rig = await berlinRig(cancelling);
    seedStore(rig);
    const earlier = await rig.exportBeforeCutoff();
    const earlierHashes = await Promise.all(earlier.files.map(hashOf));
    const exportedBefore = rig.ledger.exportedCount;
    rig.options.simulator.addOrders([seedAt(1020, rig.at(-10 * MINUTE))]);

    const job = new ExportJob();
    cancelAfterListing = () => job.cancel();
    const result = await job.run(rig.exportInput());

    expect(result).toBeNull();
    expect(job.status.state).toBe("cancelled");
    expect(job.status.error).toBe("The export was cancelled. No file was written, and files of an earlier export stay as they were.");
    expect((await readdir(rig.exportInput().folder)).sort()).toEqual(earlier.files.map((file) => basename(file)).sort());
    expect(await Promise.all(earlier.files.map(hashOf))).toEqual(earlierHashes);
    expect(rig.ledger.exportedCount).toBe(exportedBefore);
  });

  it("stops while reading the cart", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    const job = new ExportJob();
    job.cancel();

    expect(await job.run(rig.exportInput())).toBeNull();
    expect(job.status.state).toBe("cancelled");
    expect(await readdir(rig.exportInput().folder)).toEqual([]);
  });
});

describe("export write failure", () => {
  it("fails with the file error and keeps no partial file", async () => {
    const rig = await berlinRig();
    seedStore(rig);
    const folder = rig.exportInput().folder;
    // A folder where the partial .xlsx belongs makes opening that file fail.
    await mkdir(join(folder, "open-orders-before-cutoff.xlsx.partial"), { recursive: true });

    const job = new ExportJob();
    expect(await job.run(rig.exportInput())).toBeNull();

    expect(job.status.state).toBe("failed");
    expect(job.status.error).toMatch(/^The export failed: EISDIR: illegal operation on a directory.* No file was written\. Start the export again\.$/);
    expect(await readdir(folder)).toEqual(["open-orders-before-cutoff.xlsx.partial"]);
  });
});
