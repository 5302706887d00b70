import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportedOrder } from "../../main/cutover/export-record.js";
import { SALES_ORDER_COLUMNS } from "../../main/cutover/sales-orders-sheet.js";
import { SalesOrdersSheets } from "../../main/cutover/sales-orders-writer.js";
import { WorkbookWriter } from "../../main/xlsx/workbook-writer.js";

const folders: string[] = [];
afterEach(async () => {
  while (folders.length) await rm(folders.pop()!, { recursive: true, force: true });
});

function orderWithLines(id: number, lineCount: number): ExportedOrder {
  return {
    cartOrderId: String(id),
    orderNumber: `#${id}`,
    platform: "demo",
    createdAtUtc: "2026-03-02T07:00:00.000Z",
    createdAtStoreTime: "2026-03-02 08:00:00",
    customerName: "Mara Lind",
    customerEmail: "mara@example.test",
    cartStatus: "paid, unfulfilled",
    currency: "EUR",
    totalMinor: 1000 * lineCount,
    lines: Array.from({ length: lineCount }, () => ({
      kind: "item" as const,
      sku: "MUG-1",
      description: "Mug",
      quantity: 1,
      unitPriceMinor: 1000,
      amountMinor: 1000,
      taxMinor: 0,
    })),
    checks: [],
  };
}

async function writeSheets(orders: ExportedOrder[], maxRows: number) {
  const folder = await mkdtemp(join(tmpdir(), "cart-cutover-sheets-"));
  folders.push(folder);
  const path = join(folder, "orders.xlsx");
  const book = new WorkbookWriter(createWriteStream(path), { pinnedAt: new Date(0), creator: "Cart Cutover" });
  const sheets = new SalesOrdersSheets(book, maxRows);
  await sheets.start();
  for (const order of orders) await sheets.writeOrder(order);
  const names = await sheets.end();
  await book.finish(names);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { names, workbook };
}

const idColumn = SALES_ORDER_COLUMNS.findIndex((column) => column.header === "Cart Order ID") + 1;

describe("SalesOrdersSheets", () => {
  it("continues in a new sheet without splitting an order", async () => {
    // A header and four lines fit in one sheet of five rows.
    const { names, workbook } = await writeSheets(
      [orderWithLines(1, 2), orderWithLines(2, 2), orderWithLines(3, 3), orderWithLines(4, 1)],
      5,
    );

    expect(names).toEqual(["Sales Orders", "Sales Orders 2"]);
    const idsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      return Array.from({ length: sheet.actualRowCount - 1 }, (_, index) =>
        sheet.getRow(index + 2).getCell(idColumn).value,
      );
    };
    expect(idsOf("Sales Orders")).toEqual(["1", "1", "2", "2"]);
    expect(idsOf("Sales Orders 2")).toEqual(["3", "3", "3", "4"]);
    expect(workbook.getWorksheet("Sales Orders 2")!.getRow(1).getCell(1).value).toBe("Order Reference");
  });

  it("rejects an order longer than a sheet", async () => {
    await expect(writeSheets([orderWithLines(9, 5)], 5)).rejects.toThrow(
      "Order #9 has 5 lines, more than one sheet can hold",
    );
  });
});
