import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "../../main/cutover/csv.js";
import { compareOrderIds, type ExportedOrder } from "../../main/cutover/export-record.js";
import { exportCsvOf, exportRowsOf } from "../../main/cutover/export-rows.js";
import { instructionRows, SALES_ORDER_COLUMNS } from "../../main/cutover/sales-orders-sheet.js";
import { decodeStagedOrder, encodeStagedOrder } from "../../main/cutover/staged-order-codec.js";
import { formatMinor } from "../../main/money/money.js";

function awkwardOrder(currency = "EUR"): ExportedOrder {
  return {
    cartOrderId: "1002",
    orderNumber: "=HYPERLINK(\"x\")",
    platform: "woocommerce",
    createdAtUtc: "2026-03-02T07:00:00.000Z",
    createdAtStoreTime: "2026-03-02 08:00:00",
    customerName: "Lind, Mara \"M\"",
    customerEmail: null,
    cartStatus: "cancelled, unfulfilled",
    currency,
    totalMinor: -1995,
    lines: [
      { kind: "item", sku: "+SKU-1", description: "Mug\nblue", quantity: 2, unitPriceMinor: 1250, amountMinor: 2500, taxMinor: 475 },
      { kind: "discount", sku: null, description: "Discount: -5", quantity: 1, unitPriceMinor: -500, amountMinor: -500, taxMinor: 0 },
    ],
    checks: ["The lines add up to EUR -19.95, but the cart's total is EUR -9.95."],
  };
}

describe("csvField", () => {
  it.each([
    [null, ""],
    [-5, "-5"],
    ["-5.00", "-5.00"],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+49 30 1234", "'+49 30 1234"],
    ["@handle", "'@handle"],
    ["\tindented", "'\tindented"],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["two\nlines", '"two\nlines"'],
    ["plain", "plain"],
  ])("writes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("exportCsvOf", () => {
  it("matches csvRow over the export rows", () => {
    for (const currency of ["EUR", "JPY", "KWD"]) {
      const order = awkwardOrder(currency);
      expect(exportCsvOf(order)).toBe(exportRowsOf(order).map(csvRow).join(""));
    }
  });
});

describe("Sales Orders money cells", () => {
  it("hold the same number as the decimal text", () => {
    const unitPrice = SALES_ORDER_COLUMNS.find((column) => column.header === "Unit Price")!;
    const mismatches: string[] = [];
    for (const currency of ["EUR", "JPY", "KWD"]) {
      for (let minor = -100_000; minor <= 100_000; minor += 7) {
        for (const value of [minor, minor * 1_000_003]) {
          const order = awkwardOrder(currency);
          const line = { ...order.lines[0]!, unitPriceMinor: value };
          const cell = unitPrice.value(order, line);
          if (cell !== Number(formatMinor(value, currency))) mismatches.push(`${currency} ${value}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("staged order codec", () => {
  it("decodes what it encodes", () => {
    const order = awkwardOrder();
    expect(decodeStagedOrder(encodeStagedOrder(order))).toEqual(order);
  });

  it("keeps an order without lines", () => {
    const order = { ...awkwardOrder(), lines: [] };
    expect(decodeStagedOrder(encodeStagedOrder(order))).toEqual(order);
  });
});

describe("Instructions tab", () => {
  const facts = {
    storeTimeZone: "Europe/Berlin",
    cutoffInStoreZone: "2026-03-02 09:00:00 (UTC+01:00)",
    cutoffUtc: "2026-03-02T08:00:00.000Z",
    scopeSentence: "Open orders.",
    orders: 3,
    lines: 9,
    totals: "EUR 10.00",
    ordersToCheck: 0,
    checks: [],
  };

  it("names every Sales Orders sheet when there are several", () => {
    const text = instructionRows({ ...facts, salesOrderSheets: ["Sales Orders", "Sales Orders 2"] }).flat().join(" ");
    expect(text).toContain("1,048,576 rows a sheet can hold");
    expect(text).toContain("Sales Orders, Sales Orders 2");
  });

  it("names the orders to check", () => {
    const checks = [{ orderNumber: "#1001", cartOrderId: "1001", reasons: ["The lines do not add up."] }];
    const rows = instructionRows({ ...facts, salesOrderSheets: ["Sales Orders"], ordersToCheck: 1, checks });
    expect(rows).toContainEqual(["Orders to check", expect.stringMatching(/^1 order\(s\) would not import as the cart has them\./)]);
    expect(rows).toContainEqual(["#1001", "Cart order 1001: The lines do not add up."]);
  });

  it("says nothing of sheets when one holds every row", () => {
    const rows = instructionRows({ ...facts, salesOrderSheets: ["Sales Orders"] });
    expect(rows.map((row) => row[0])).not.toContain("Sheets");
  });
});

describe("compareOrderIds", () => {
  it("sorts numeric ids by value", () => {
    expect(["1001", "999", "10"].sort(compareOrderIds)).toEqual(["10", "999", "1001"]);
  });

  it("puts numeric ids before others", () => {
    // Without the split, "2" < "10" < "1a" < "2" would make the order depend on the listing.
    for (const ids of [["1a", "10", "2"], ["2", "1a", "10"], ["10", "2", "1a"]]) {
      expect([...ids].sort(compareOrderIds)).toEqual(["2", "10", "1a"]);
    }
  });
});
