import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { Preview } from "../../preload/contract.js";
import { runDryRun } from "../../main/dry-run/dry-run.js";
import {
  newestPreview,
  openPreview,
  savePreview,
  savePreviewFiles,
  storeUrlWithoutCredentials,
} from "../../main/dry-run/preview-file.js";
import { DEFAULT_ORDER_FILTER } from "../../main/mapping/order-filter.js";
import { connectorFor } from "../carts/shopify-harness.js";
import { startShopifySimulator, type ShopifySimulator } from "../simulators/shopify/shopify-simulator.js";
import { startWooFixture, type WooFixture } from "../simulators/woocommerce/woocommerce-fixture.js";
import { deletedProductCase, KNOWN_SKUS, WINDOW } from "./seed-cases.js";

const MAPPING = {
  storeId: "store-1",
  documentKind: "sales-order" as const,
  filter: DEFAULT_ORDER_FILTER,
  guestPolicy: "placeholder-customer" as const,
  shopCurrency: "EUR",
  knownSkus: KNOWN_SKUS,
};

let shopify: ShopifySimulator | null = null;
let woo: WooFixture | null = null;
const folders: string[] = [];

afterEach(async () => {
  while (folders.length) await rm(folders.pop()!, { recursive: true, force: true });
  await shopify?.close();
  await woo?.simulator.close();
  shopify = null;
  woo = null;
});

async function shopifyPreview(storeUrl: string): Promise<Preview> {
  shopify = await startShopifySimulator({ orders: deletedProductCase(), credentialKind: "client-credentials" });
  return runDryRun({
    connector: connectorFor(shopify),
    mapping: MAPPING,
    window: WINDOW,
    store: { storeName: shopify.storeName, storeUrl },
    now: () => Date.parse("2026-04-02T08:00:00.000Z"),
  });
}

/** Reads every cell of every sheet as text, so that a scan covers what the zipped file hides. */
async function workbookText(path: string): Promise<{ sheets: string[]; rows: Map<string, string[][]>; text: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows = new Map<string, string[][]>();
  for (const sheet of workbook.worksheets) {
    const values: string[][] = [];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.value === null ? "" : String(cell.value)));
      values.push(cells);
    });
    rows.set(sheet.name, values);
  }
  const text = [...rows.values()].flat(2).join("\n");
  return { sheets: workbook.worksheets.map((sheet) => sheet.name), rows, text };
}

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "cart-cutover-preview-"));
  folders.push(folder);
  return folder;
}

describe("saved preview", () => {
  it("reopens offline as read-only", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const folder = await tempFolder();
    const { savedTo } = await savePreviewFiles(folder, "store-1", preview);
    await shopify!.close();
    shopify = null;

    const reopened = await openPreview(savedTo);
    expect(reopened.openedFromFile).toBe(savedTo);
    expect(reopened.rows).toEqual(preview.rows);
    expect(reopened.summary).toEqual(preview.summary);
  });

  it("keeps store, window and creation time", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const { savedTo } = await savePreviewFiles(await tempFolder(), "store-1", preview);
    const reopened = await openPreview(savedTo);
    expect(reopened.storeName).toBe("Lind & Berg Goods");
    expect(reopened.platform).toBe("shopify");
    expect(reopened.storeUrl).toBe("https://lind-berg.example");
    expect(reopened.window).toEqual(WINDOW);
    expect(reopened.createdAtUtc).toBe("2026-04-02T08:00:00.000Z");
  });

  it("holds no Shopify credential", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const credentials = Object.values(shopify!.credentials);
    const { savedTo, spreadsheetTo } = await savePreviewFiles(await tempFolder(), "store-1", preview);
    const texts = [await readFile(savedTo, "utf8"), (await workbookText(spreadsheetTo!)).text];

    expect(credentials.length).toBe(2);
    for (const text of texts) {
      for (const credential of credentials) expect(text.includes(credential)).toBe(false);
      expect(text).not.toMatch(/shp(at|ss|ca|pa)_/);
    }
  });

  it("holds no WooCommerce credential", async () => {
    woo = await startWooFixture({ orders: deletedProductCase() });
    const preview = await runDryRun({
      connector: woo.connector,
      mapping: MAPPING,
      window: WINDOW,
      store: { storeName: "Woo store", storeUrl: woo.simulator.storeUrl },
      now: () => Date.parse("2026-04-02T08:00:00.000Z"),
    });
    const credentials = Object.values(woo.simulator.credentials);
    const { savedTo, spreadsheetTo } = await savePreviewFiles(await tempFolder(), "store-2", preview);
    const texts = [await readFile(savedTo, "utf8"), (await workbookText(spreadsheetTo!)).text];

    expect(credentials.length).toBeGreaterThan(0);
    for (const text of texts) {
      for (const credential of credentials) expect(text.includes(credential)).toBe(false);
    }
  });

  it("drops credentials written into the store address", async () => {
    const preview = await shopifyPreview("https://owner:hunter22secret@lind-berg.example/shop?key=ck_abcdef123456#top");
    const { savedTo, spreadsheetTo } = await savePreviewFiles(await tempFolder(), "store-1", preview);
    const json = await readFile(savedTo, "utf8");
    const sheet = (await workbookText(spreadsheetTo!)).text;

    expect((await openPreview(savedTo)).storeUrl).toBe("https://lind-berg.example/shop");
    for (const text of [json, sheet]) {
      expect(text.includes("hunter22secret")).toBe(false);
      expect(text.includes("ck_abcdef123456")).toBe(false);
    }
  });

  it("names the newest preview in a folder", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const folder = await tempFolder();
    expect(await newestPreview(folder)).toBeNull();
    const path = await savePreview(folder, "store-1", preview);
    expect(await newestPreview(folder)).toBe(path);
  });
});

describe("preview spreadsheet", () => {
  it("lists every line and finding", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const folder = await tempFolder();
    const { savedTo, spreadsheetTo } = await savePreviewFiles(folder, "store-1", preview);

    expect(spreadsheetTo).toBe(savedTo.replace(/\.json$/, ".xlsx"));
    expect((await readdir(folder)).sort()).toEqual(
      [savedTo, spreadsheetTo!].map((path) => path.slice(folder.length + 1)).sort(),
    );
    const workbook = await workbookText(spreadsheetTo!);
    expect(workbook.sheets).toEqual(["Preview", "Documents", "Findings"]);

    const documents = workbook.rows.get("Documents")!;
    const lineCount = preview.rows.reduce((sum, row) => sum + row.document.lines.length, 0);
    expect(documents.length).toBe(lineCount + 1);
    const header = documents[0]!;
    const column = (name: string) => header.indexOf(name);
    const giftWrap = documents.find((row) => row[column("Description")] === "Gift wrap");
    expect(giftWrap?.[column("SKU")]).toBe("CART-NO-SKU");
    expect(giftWrap?.[column("Item match")]).toBe("placeholder");
    expect(giftWrap?.[column("Amount")]).toBe("3");
    expect(giftWrap?.[column("Currency")]).toBe("EUR");

    const findings = workbook.rows.get("Findings")!;
    const findingCount = preview.rows.reduce((sum, row) => sum + row.findings.length, 0);
    expect(findings.length).toBe(findingCount + 1);
    const deleted = findings.find((row) => row[findings[0]!.indexOf("Code")] === "deleted-product");
    expect(deleted?.[findings[0]!.indexOf("Order")]).toBe("#6002");
    expect(deleted?.[findings[0]!.indexOf("Severity")]).toBe("error");
  });

  it("names store, window and creation time", async () => {
    const preview = await shopifyPreview("https://lind-berg.example");
    const { spreadsheetTo } = await savePreviewFiles(await tempFolder(), "store-1", preview);
    const about = new Map((await workbookText(spreadsheetTo!)).rows.get("Preview")!.map(([label, value]) => [label, value]));
    expect(about.get("Store")).toBe("Lind & Berg Goods");
    expect(about.get("Orders created from (UTC)")).toBe(WINDOW.fromUtc);
    expect(about.get("Orders created before (UTC)")).toBe(WINDOW.toUtc);
    expect(about.get("Made at (UTC)")).toBe("2026-04-02T08:00:00.000Z");
    expect(about.get("Orders")).toBe("4");
  });
});

describe("opening a preview file", () => {
  it("rejects a file that is not JSON", async () => {
    const path = join(await tempFolder(), "broken.cartcutover-preview.json");
    await writeFile(path, "{ not json");
    await expect(openPreview(path)).rejects.toThrow(/not valid JSON/);
  });

  it("rejects JSON that is not a preview", async () => {
    const path = join(await tempFolder(), "other.cartcutover-preview.json");
    await writeFile(path, JSON.stringify({ formatVersion: 1, rows: [{ order: {} }] }));
    await expect(openPreview(path)).rejects.toThrow(/not a Cart Cutover preview/);
  });

  it("rejects a missing file with its path", async () => {
    const path = join(await tempFolder(), "missing.cartcutover-preview.json");
    await expect(openPreview(path)).rejects.toThrow(path);
  });
});

describe("store address without credentials", () => {
  it.each([
    ["https://shop.example", "https://shop.example"],
    ["https://shop.example/", "https://shop.example"],
    ["https://a:b@shop.example:8443/wp/?consumer_key=x#y", "https://shop.example:8443/wp/"],
    ["http://127.0.0.1:4100", "http://127.0.0.1:4100"],
    ["", ""],
    ["not a url", ""],
  ])("turns %s into %s", (input, expected) => {
    expect(storeUrlWithoutCredentials(input)).toBe(expected);
  });
});
