import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cellText, columnLetters, MAX_CELL_CHARS, MAX_SHEET_ROWS, xmlText } from "../../main/xlsx/sheet-writer.js";
import { writeWorkbookFile } from "../../main/xlsx/workbook-file.js";
import { WorkbookWriter } from "../../main/xlsx/workbook-writer.js";
import { readZip } from "./zip-reader.js";

let folder = "";
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "cart-cutover-xlsx-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function writerFor(name: string): { path: string; book: WorkbookWriter } {
  const path = join(folder, name);
  const book = new WorkbookWriter(createWriteStream(path), {
    pinnedAt: new Date("2026-03-02T08:00:00Z"),
    creator: "Cart Cutover",
  });
  return { path, book };
}

async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe("WorkbookWriter", () => {
  it("writes sheets in the tab order given at the end", async () => {
    const { path, book } = writerFor("order.xlsx");
    const data = await book.addSheet("Data", { columnWidths: [12, 30], frozenRows: 1 });
    data.writeRow(["Name", "Amount"]);
    data.writeRow(["Mug", 24.95]);
    await data.end();
    const summary = await book.addSheet("Summary", { columnWidths: [20] });
    summary.writeRow(["Written last, shown first"]);
    await summary.end();
    await book.finish(["Summary", "Data"]);

    const workbook = await readBook(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Data"]);
    const sheet = workbook.getWorksheet("Data")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "Mug", 24.95]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(30);
  });

  it("keeps markup, spaces and other scripts as they are", async () => {
    const texts = [
      "Fish & Chips <large>",
      "  two leading spaces",
      "tab\tand line\nbreak",
      "Zoë 😀 北京",
      "=SUM(A1:A9)",
    ];
    const { path, book } = writerFor("text.xlsx");
    const sheet = await book.addSheet("Text", { columnWidths: [40] });
    for (const text of texts) sheet.writeRow([text]);
    await sheet.end();
    await book.finish(["Text"]);

    const read = (await readBook(path)).getWorksheet("Text")!;
    const values = texts.map((_, index) => read.getRow(index + 1).getCell(1).value);
    expect(values).toEqual(texts);
  });

  it("writes characters XML cannot hold as _xHHHH_", async () => {
    const { path, book } = writerFor("escapes.xlsx");
    const sheet = await book.addSheet("Escapes", { columnWidths: [40] });
    sheet.writeRow(["carriage\rreturn"]);
    sheet.writeRow(["bell\u0007here"]);
    sheet.writeRow(["literal _x0041_ stays"]);
    await sheet.end();
    await book.finish(["Escapes"]);

    // exceljs 4.4 does not decode these escapes, so the sheet XML is read
    // directly: Excel turns _x000D_ into CR and _x005F_ into an underscore.
    const xml = readZip(await readFile(path)).find((entry) => entry.name === "xl/worksheets/sheet1.xml")!.text;
    expect(xml).toContain("<t>carriage_x000D_return</t>");
    expect(xml).toContain("<t>bell_x0007_here</t>");
    expect(xml).toContain("<t>literal _x005F_x0041_ stays</t>");
  });

  it("leaves null and empty cells blank", async () => {
    const { path, book } = writerFor("blank.xlsx");
    const sheet = await book.addSheet("Blank", { columnWidths: [] });
    sheet.writeRow(["a", null, "", 0, "e"]);
    await sheet.end();
    await book.finish(["Blank"]);

    const row = (await readBook(path)).getWorksheet("Blank")!.getRow(1);
    expect([1, 2, 3, 4, 5].map((column) => row.getCell(column).value)).toEqual(["a", null, null, 0, "e"]);
  });

  it("applies fonts, fills, number formats and notes", async () => {
    const { path, book } = writerFor("styles.xlsx");
    const header = book.style({ bold: true, fontArgb: "FF0000FF", fillArgb: "FFFFFF00" });
    const threeDigits = book.style({ numberFormat: "0.000" });
    const twoDigits = book.style({ numberFormat: "0.00" });
    const sheet = await book.addSheet("Styled", {
      columnWidths: [10, 10, 10],
      notes: [{ column: 1, row: 1, text: "Amount in the order's currency & more" }],
    });
    sheet.writeRow(["Kind", "Amount", "Other"], [header, header, 0]);
    sheet.writeRow(["KWD", 1.234, 5.5], [0, threeDigits, twoDigits]);
    await sheet.end();
    await book.finish(["Styled"]);

    const read = (await readBook(path)).getWorksheet("Styled")!;
    const kind = read.getCell("A1");
    expect(kind.font?.bold).toBe(true);
    expect(kind.font?.color?.argb).toBe("FF0000FF");
    expect((kind.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    expect(read.getCell("C1").font?.bold).toBeFalsy();
    expect(read.getCell("B2").numFmt).toBe("0.000");
    expect(read.getCell("C2").numFmt).toBe("0.00");
    const note = read.getCell("B1").note;
    expect(typeof note === "string" ? note : JSON.stringify(note)).toContain("Amount in the order's currency & more");
  });

  it("gives the same styles one id", () => {
    const { book } = writerFor("unused.xlsx");
    const first = book.style({ bold: true });
    expect(book.style({ bold: true })).toBe(first);
    expect(book.style({ bold: true, fontArgb: "FF0000FF" })).not.toBe(first);
    expect(book.style({})).toBe(0);
  });

  it("writes the same bytes twice", async () => {
    const write = async (name: string) => {
      const { path, book } = writerFor(name);
      const sheet = await book.addSheet("Rows", { columnWidths: [10], notes: [{ column: 0, row: 1, text: "n" }] });
      for (let index = 0; index < 1000; index++) sheet.writeRow([`row ${index}`, index]);
      await sheet.end();
      await book.finish(["Rows"]);
      return readFile(path);
    };
    expect((await write("one.xlsx")).equals(await write("two.xlsx"))).toBe(true);
  });

  it("lists every part in the content types", async () => {
    const { path, book } = writerFor("parts.xlsx");
    const sheet = await book.addSheet("Noted", { columnWidths: [10], notes: [{ column: 0, row: 1, text: "n" }] });
    sheet.writeRow(["x"]);
    await sheet.end();
    await book.finish(["Noted"]);

    const entries = readZip(await readFile(path));
    const types = entries.find((entry) => entry.name === "[Content_Types].xml")!.text;
    for (const part of ["xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/comments1.xml", "docProps/core.xml"]) {
      expect(types).toContain(`PartName="/${part}"`);
      expect(entries.map((entry) => entry.name)).toContain(part);
    }
    expect(entries.find((entry) => entry.name === "docProps/core.xml")!.text).toContain("2026-03-02T08:00:00Z");
  });

  it("rejects invalid sheet names and tab orders", async () => {
    const { book } = writerFor("names.xlsx");
    await expect(book.addSheet("a/b", { columnWidths: [] })).rejects.toThrow('Invalid worksheet name "a/b"');
    await expect(book.addSheet("x".repeat(32), { columnWidths: [] })).rejects.toThrow("Invalid worksheet name");
    const sheet = await book.addSheet("One", { columnWidths: [] });
    await sheet.end();
    await expect(book.addSheet("one", { columnWidths: [] })).rejects.toThrow('already has a worksheet named "one"');
    await expect(book.finish(["Two"])).rejects.toThrow("The tab order names Two, which was never written");
  });

  it("rejects a row past the sheet limit", async () => {
    const { book } = writerFor("limit.xlsx");
    const sheet = await book.addSheet("Full", { columnWidths: [] });
    for (let index = 0; index < MAX_SHEET_ROWS; index++) sheet.writeRow([]);
    expect(() => sheet.writeRow(["one too many"])).toThrow(`A worksheet has at most ${MAX_SHEET_ROWS} rows`);
    book.abort();
  });

  it("rejects numbers that are not finite", async () => {
    const { book } = writerFor("nan.xlsx");
    const sheet = await book.addSheet("Numbers", { columnWidths: [] });
    expect(() => sheet.writeRow([1, Number.NaN])).toThrow("Cell B1 is not a finite number: NaN");
    book.abort();
  });
});

describe("SpreadsheetML text", () => {
  it("escapes markup, control characters and literal escapes", () => {
    expect(xmlText("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(xmlText("bell\u0007")).toBe("bell_x0007_");
    expect(xmlText("cr\r")).toBe("cr_x000D_");
    expect(xmlText("_x0041_")).toBe("_x005F_x0041_");
    expect(xmlText("plain text")).toBe("plain text");
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
      "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD",
    ]);
  });
});

describe("writeWorkbookFile", () => {
  it("removes the file when a sheet fails", async () => {
    const path = join(folder, "failed.xlsx");
    const options = { pinnedAt: new Date(0), creator: "Cart Cutover" };
    const failing = writeWorkbookFile(path, options, async (book) => {
      const sheet = await book.addSheet("Rows", { columnWidths: [] });
      sheet.writeRow(["first"]);
      throw new Error("the rows ran out");
    });

    await expect(failing).rejects.toThrow("the rows ran out");
    await expect(readFile(path)).rejects.toThrow("ENOENT");
  });
});

describe("cellText", () => {
  it("keeps text up to Excel's cell limit", () => {
    const text = "x".repeat(MAX_CELL_CHARS);
    expect(cellText(text)).toBe(text);
  });

  it("shortens longer text with an ellipsis", () => {
    const shortened = cellText("y".repeat(100_000));
    expect(shortened).toHaveLength(MAX_CELL_CHARS);
    expect(shortened.endsWith("y…")).toBe(true);
  });

  it("never cuts a surrogate pair", () => {
    // The cut would fall between the halves of the first emoji.
    const text = `${"z".repeat(MAX_CELL_CHARS - 2)}😀😀`;
    const shortened = cellText(text);
    expect(shortened.endsWith("z…")).toBe(true);
    expect(shortened.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  });
});
