import { describe, expect, it } from "vitest";
import type { ProofReport, ProofRow, ProofSet } from "../../preload/contract.js";
import { STACK_STEP, TIMELINE } from "../../main/proof/timeline-layout.js";
import { renderTimelineSvg } from "../../main/proof/timeline-svg.js";

const PLOT_WIDTH = TIMELINE.width - TIMELINE.left - TIMELINE.right;
const CUTOFF_UTC = "2026-03-02T08:00:00.000Z";
/** Six hours on each side of the cut-off, so that an hour is PLOT_WIDTH / 12. */
const EVEN_WINDOW = {
  fromUtc: "2026-03-02T02:00:00.000Z",
  toUtc: "2026-03-02T14:00:00.000Z",
};
const CUTOFF_X = TIMELINE.left + PLOT_WIDTH / 2;
/** The lanes' middles: "Exported" is the first lane, "Imported by sync" the second. */
const EXPORTED_MIDDLE = TIMELINE.top + TIMELINE.laneHeight / 2;
const IMPORTED_MIDDLE = EXPORTED_MIDDLE + TIMELINE.laneHeight;

function row(id: string, createdAtUtc: string, set: ProofSet): ProofRow {
  return {
    cartOrderId: id,
    orderNumber: `#${id}`,
    createdAtUtc,
    currency: "EUR",
    totalMinor: 1000,
    set,
    reason: null,
    foundIn: [],
  };
}

function reportOf(
  rows: ProofRow[],
  window: ProofReport["window"] = EVEN_WINDOW,
): ProofReport {
  const count = (set: ProofSet) =>
    rows.filter((candidate) => candidate.set === set).length;
  return {
    cutoffUtc: CUTOFF_UTC,
    timeZone: "Europe/Berlin",
    window,
    generatedAtUtc: "2026-03-03T10:00:00.000Z",
    counts: {
      exported: count("exported"),
      imported: count("imported"),
      excluded: count("excluded"),
      missing: count("missing"),
      doubled: 0,
    },
    totalsByCurrency: { exported: {}, imported: {}, excluded: {}, missing: {} },
    rows,
    clean: true,
    messages: ["The cut-over is complete."],
    files: null,
  };
}

type DrawnMark = { orderNumber: string; x: number; y: number };

/** Reads each mark's centre from the SVG, keyed by the order number in its title. */
function marksIn(svg: string): Map<string, DrawnMark> {
  const marks = new Map<string, DrawnMark>();
  const circle = /<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>(#\d+),/g;
  for (const match of svg.matchAll(circle)) {
    const orderNumber = match[3]!;
    marks.set(orderNumber, {
      orderNumber,
      x: Number(match[1]),
      y: Number(match[2]),
    });
  }
  return marks;
}

function cutoffLineX(svg: string): number {
  const line = /<line x1="([\d.]+)"[^>]*stroke-dasharray="6 3"\/>/.exec(svg);
  return Number(line?.[1]);
}

/** Returns the attributes of the <text> element whose content is `content`. */
function textAttributes(svg: string, content: string): string | undefined {
  const texts = svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g);
  return [...texts].find((match) => match[2] === content)?.[1];
}

describe("timeline SVG", () => {
  it("draws an order at the cut-off on its line", () => {
    const svg = renderTimelineSvg(
      reportOf([
        row("1", "2026-03-02T07:00:00.000Z", "exported"),
        row("2", CUTOFF_UTC, "imported"),
        row("3", "2026-03-02T09:00:00.000Z", "imported"),
      ]),
    );
    const marks = marksIn(svg);

    expect(cutoffLineX(svg)).toBe(CUTOFF_X);
    expect(marks.get("#2")!.x).toBe(CUTOFF_X);
    expect(marks.get("#1")!.x).toBeCloseTo(CUTOFF_X - PLOT_WIDTH / 12, 2);
    expect(marks.get("#3")!.x).toBeCloseTo(CUTOFF_X + PLOT_WIDTH / 12, 2);
    expect(marks.get("#1")!.y).toBe(EXPORTED_MIDDLE);
    expect(marks.get("#2")!.y).toBe(IMPORTED_MIDDLE);
  });

  it("gives a short side a quarter", () => {
    // 30 days before the cut-off, 1 hour after it.
    const window = {
      fromUtc: "2026-01-31T08:00:00.000Z",
      toUtc: "2026-03-02T09:00:00.000Z",
    };
    const svg = renderTimelineSvg(
      reportOf(
        [
          row("1", "2026-03-02T08:10:00.000Z", "imported"),
          row("2", "2026-03-02T08:40:00.000Z", "imported"),
        ],
        window,
      ),
    );
    const marks = marksIn(svg);

    expect(cutoffLineX(svg)).toBe(TIMELINE.left + PLOT_WIDTH * 0.75);
    // 30 minutes are half the side after the cut-off, an eighth of the plot.
    expect(marks.get("#2")!.x - marks.get("#1")!.x).toBeCloseTo(
      PLOT_WIDTH / 8,
      1,
    );
    expect(svg).toContain("drawn to different scales");
  });

  it("keeps one scale for an even window", () => {
    const svg = renderTimelineSvg(reportOf([]));

    expect(svg).not.toContain("drawn to different scales");
  });

  it("stacks touching marks in rows", () => {
    // One minute is PLOT_WIDTH / 720, about one unit, so marks 5 minutes
    // apart touch and marks 20 minutes apart do not.
    const svg = renderTimelineSvg(
      reportOf([
        row("1", "2026-03-02T09:00:00.000Z", "imported"),
        row("2", "2026-03-02T09:00:00.000Z", "imported"),
        row("3", "2026-03-02T09:00:00.000Z", "imported"),
        row("4", "2026-03-02T09:05:00.000Z", "imported"),
        row("5", "2026-03-02T09:25:00.000Z", "imported"),
      ]),
    );
    const marks = marksIn(svg);

    expect(marks.get("#1")!.y).toBe(IMPORTED_MIDDLE);
    expect(marks.get("#2")!.y).toBe(IMPORTED_MIDDLE - STACK_STEP);
    expect(marks.get("#3")!.y).toBe(IMPORTED_MIDDLE + STACK_STEP);
    expect(marks.get("#4")!.y).toBe(IMPORTED_MIDDLE - 2 * STACK_STEP);
    expect(marks.get("#5")!.y).toBe(IMPORTED_MIDDLE);
    expect(marks.get("#1")!.x).toBe(marks.get("#2")!.x);
  });

  it("labels lanes, cut-off and sides", () => {
    const svg = renderTimelineSvg(
      reportOf([row("1", "2026-03-02T09:00:00.000Z", "imported")]),
    );

    expect(textAttributes(svg, "Imported by sync (1)")).toBe(
      `x="${TIMELINE.left - 10}" y="${IMPORTED_MIDDLE + 5}" text-anchor="end" font-size="15"`,
    );
    expect(
      textAttributes(svg, "Cut-off 2026-03-02 09:00:00 (UTC+01:00)"),
    ).toBe(
      `x="${CUTOFF_X}" y="20" text-anchor="middle" font-size="15" font-weight="bold"`,
    );
    expect(textAttributes(svg, "← before: old system")).toBe(
      `x="${CUTOFF_X - 8}" y="54" text-anchor="end" font-size="13" fill="#444"`,
    );
    expect(textAttributes(svg, "after: Auto Sync →")).toBe(
      `x="${CUTOFF_X + 8}" y="54" text-anchor="start" font-size="13" fill="#444"`,
    );
    expect(textAttributes(svg, "03-02 09:00")).toContain(
      `x="${CUTOFF_X}" y="342" text-anchor="middle" font-size="13" font-weight="bold"`,
    );
    expect(textAttributes(svg, "03-02 11:00")).not.toContain("bold");
    expect(svg).toContain(
      ">Creation time in the store&#39;s zone, Europe/Berlin.</text>",
    );
  });

  it("spaces axis labels apart", () => {
    const svg = renderTimelineSvg(reportOf([]));
    const tickXs = [...svg.matchAll(/<text x="([\d.]+)" y="342"/g)].map(
      (match) => Number(match[1]),
    );

    expect(tickXs.length).toBe(7);
    for (let index = 1; index < tickXs.length; index++) {
      expect(tickXs[index]! - tickXs[index - 1]!).toBeGreaterThanOrEqual(110);
    }
  });
});
