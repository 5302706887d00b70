import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { ProofReport, ProofRow } from "../../preload/contract.js";
import { latestProof, saveProof } from "../../main/proof/proof-files.js";
import { renderProofHtml } from "../../main/proof/proof-html.js";
import { renderTimelineSvg } from "../../main/proof/timeline-svg.js";

const folders: string[] = [];

afterEach(async () => {
  while (folders.length) await rm(folders.pop()!, { recursive: true, force: true });
});

function row(overrides: Partial<ProofRow>): ProofRow {
  return {
    cartOrderId: "1",
    orderNumber: "#1",
    createdAtUtc: "2026-03-02T07:00:00.000Z",
    currency: "EUR",
    totalMinor: 1000,
    set: "exported",
    reason: null,
    foundIn: [],
    ...overrides,
  };
}

function reportOf(rows: ProofRow[], generatedAtUtc = "2026-03-03T10:00:00.000Z"): ProofReport {
  const doubled = rows.filter((candidate) => candidate.foundIn.length > 1).length;
  const count = (set: ProofRow["set"]) => rows.filter((candidate) => candidate.set === set).length;
  const missing = count("missing");
  return {
    cutoffUtc: "2026-03-02T08:00:00.000Z",
    timeZone: "Europe/Berlin",
    window: { fromUtc: "2026-03-02T02:00:00.000Z", toUtc: "2026-03-02T14:00:00.000Z" },
    generatedAtUtc,
    counts: { exported: count("exported"), imported: count("imported"), excluded: count("excluded"), missing, doubled },
    totalsByCurrency: { exported: { EUR: 1000 }, imported: { EUR: 2500, USD: 700 }, excluded: {}, missing: {} },
    rows,
    clean: missing === 0 && doubled === 0,
    messages: missing || doubled ? ["The cut-over is NOT complete: 1 order(s) are missing.", "#<3> needs a re-export."] : ["The cut-over is complete."],
    files: null,
  };
}

const problemRows = [
  row({ cartOrderId: "1", orderNumber: "#1" }),
  row({ cartOrderId: "2", orderNumber: "#2", createdAtUtc: "2026-03-02T09:00:00.000Z", set: "imported" }),
  row({ cartOrderId: "3", orderNumber: "#<3>", createdAtUtc: "2026-03-02T07:30:00.000Z", set: "missing", reason: "Missing: export again & check." }),
  row({ cartOrderId: "4", orderNumber: "#4", createdAtUtc: "2026-03-02T09:00:00.000Z", set: "imported", foundIn: ["exported", "imported"], reason: "Doubled: cancel SO-000001." }),
];

describe("proof report files", () => {
  it("draws one mark per order with doubled ones ringed", () => {
    const svg = renderTimelineSvg(reportOf(problemRows));

    expect(svg.match(/<circle [^>]*><title>/g)?.length).toBe(4);
    expect(svg.match(/stroke="#ff8c00" stroke-width="3"><title>/g)?.length).toBe(1);
    expect(svg).toContain("<title>#&lt;3&gt;, created 2026-03-02 08:30:00 (UTC+01:00): Missing</title>");
    expect(svg).toContain("Cut-off 2026-03-02 09:00:00 (UTC+01:00)");
    expect(svg).toContain(">Missing (1)</text>");
  });

  it("keeps the cut-off label inside the picture", () => {
    const labelOf = (window: ProofReport["window"]) => {
      const svg = renderTimelineSvg({ ...reportOf(problemRows), window });
      const label = /<text x="([\d.]+)" [^>]*text-anchor="(\w+)"[^>]*>Cut-off /.exec(svg);
      return { x: Number(label?.[1]), anchor: label?.[2] };
    };

    // The cut-off keeps at least a quarter of the plot on each side, so its
    // label, an estimated 330 units wide, fits centred on the line in every window.
    const centred = { fromUtc: "2026-03-02T02:00:00.000Z", toUtc: "2026-03-02T14:00:00.000Z" };
    const cutoffAtRightEdge = { fromUtc: "2026-02-01T08:00:00.000Z", toUtc: "2026-03-02T08:30:00.000Z" };
    const cutoffAtLeftEdge = { fromUtc: "2026-03-02T07:30:00.000Z", toUtc: "2026-04-01T08:00:00.000Z" };
    expect(labelOf(centred)).toEqual({ x: 553, anchor: "middle" });
    expect(labelOf(cutoffAtRightEdge)).toEqual({ x: 734.5, anchor: "middle" });
    expect(labelOf(cutoffAtLeftEdge)).toEqual({ x: 371.5, anchor: "middle" });
  });

  it("renders a self-contained page", () => {
    const html = renderProofHtml(reportOf(problemRows), { storeName: "Lind & Berg", userTimeZone: "Europe/Berlin" });

    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import|url\(/i);
    expect(html).toContain('<p class="verdict problem">The cut-over is NOT complete: 1 order(s) are missing.</p>');
    expect(html).toContain("<li>#&lt;3&gt; needs a re-export.</li>");
    expect(html).toContain("<dd>Lind &amp; Berg</dd>");
    expect(html).toContain("<td>Missing: export again &amp; check.</td>");
    expect(html).toContain('<tr class="doubled">');
    expect(html).toContain("<td>EUR 25.00, USD 7.00</td>");
    expect(html).not.toContain("Cut-off in Europe/Berlin</dt>");
  });

  it("saves page, rows and latest report", async () => {
    const folder = await mkdtemp(join(tmpdir(), "cart-cutover-proofs-"));
    folders.push(folder);
    expect(await latestProof(folder)).toBeNull();

    const older = await saveProof(reportOf(problemRows), folder, { storeName: null, userTimeZone: "UTC" });
    const newer = await saveProof(reportOf(problemRows.slice(0, 2), "2026-03-04T10:00:00.000Z"), folder, { storeName: null, userTimeZone: "UTC" });

    expect((await readdir(folder)).filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect(newer.files!.html).toBe(join(folder, "proof-20260304T100000Z-cutoff-20260302T080000Z.html"));
    expect(await latestProof(folder)).toEqual(newer);
    expect(await readFile(older.files!.html, "utf8")).toContain("Cut-off in UTC</dt><dd>2026-03-02T08:00:00.000Z</dd>");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(older.files!.spreadsheet);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Orders"]);
    const orders = workbook.getWorksheet("Orders")!;
    expect(orders.actualRowCount).toBe(5);
    expect(orders.getRow(4).values).toEqual([
      undefined,
      "#<3>",
      "3",
      "2026-03-02 08:30:00 (UTC+01:00)",
      "2026-03-02T07:30:00.000Z",
      "Missing",
      undefined,
      "EUR",
      10,
      "Missing: export again & check.",
    ]);
    expect(orders.getRow(5).getCell(6).value).toBe("Exported and Imported by sync");
  });
});
