import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ProofRow, ProofSet } from "../../preload/contract.js";
import { renderTimelineSvg } from "../../main/proof/timeline-svg.js";
import { proofReportFixture } from "../test-support/fixtures.js";
import { TIMELINE } from "../../main/proof/timeline-layout.js";
import { ProofTimeline } from "./proof-timeline.js";

const PLOT_WIDTH = TIMELINE.width - TIMELINE.left - TIMELINE.right;

function importedRow(
  index: number,
  createdAtUtc: string,
  set: ProofSet = "imported",
): ProofRow {
  return {
    cartOrderId: `after-${index}`,
    orderNumber: `#${2000 + index}`,
    createdAtUtc,
    currency: "EUR",
    totalMinor: 1000,
    set,
    reason: null,
    foundIn: [],
  };
}

type Centre = { x: number; y: number };

/** Reads each mark's centre from circles, keyed by the mark's title. */
function centresByTitle(circles: Iterable<Element>): Map<string, Centre> {
  const centres = new Map<string, Centre>();
  for (const circle of circles) {
    const title = circle.querySelector("title")?.textContent ?? "";
    centres.set(title, {
      x: Number(circle.getAttribute("cx")),
      y: Number(circle.getAttribute("cy")),
    });
  }
  return centres;
}

function markCentres(): { x: number; y: number }[] {
  return screen.getAllByTestId("proof-mark").map((mark) => ({
    x: Number(mark.getAttribute("cx")),
    y: Number(mark.getAttribute("cy")),
  }));
}

function cutoffLineX(): number {
  return Number(screen.getByTestId("proof-cutoff-line").getAttribute("x1"));
}

describe("Proof timeline", () => {
  it("centres cut-off in an even window", () => {
    const report = proofReportFixture();
    report.window = {
      fromUtc: "2026-03-01T08:00:00.000Z",
      toUtc: "2026-03-03T08:00:00.000Z",
    };
    render(<ProofTimeline report={report} />);

    expect(cutoffLineX()).toBeCloseTo(TIMELINE.left + PLOT_WIDTH / 2, 6);
    expect(screen.getByText(/^Cut-off /).getAttribute("text-anchor")).toBe("middle");
    expect(screen.queryByText(/drawn to different scales/)).toBeNull();
  });

  it("gives a short side a quarter", () => {
    const report = proofReportFixture();
    // 30 days before the cut-off, 1 hour after it.
    report.window = {
      fromUtc: "2026-01-31T08:00:00.000Z",
      toUtc: "2026-03-02T09:00:00.000Z",
    };
    report.rows = [
      importedRow(1, "2026-03-02T08:10:00.000Z"),
      importedRow(2, "2026-03-02T08:40:00.000Z"),
    ];
    render(<ProofTimeline report={report} />);

    expect(cutoffLineX()).toBeCloseTo(TIMELINE.left + PLOT_WIDTH * 0.75, 6);
    const [first, second] = markCentres();
    // 30 minutes are half the side after the cut-off, an eighth of the plot.
    expect(second!.x - first!.x).toBeCloseTo(PLOT_WIDTH / 8, 6);
    expect(screen.getByText(/drawn to different scales/)).toBeTruthy();

    const tickXs = screen
      .getAllByTestId("proof-tick")
      .map((tick) => Number(tick.getAttribute("x")));
    expect(tickXs).toContain(cutoffLineX());
    for (let index = 1; index < tickXs.length; index++) {
      expect(tickXs[index]! - tickXs[index - 1]!).toBeGreaterThanOrEqual(110);
    }
  });

  it("stacks marks at one instant apart", () => {
    const report = proofReportFixture();
    report.rows = Array.from({ length: 5 }, (_, index) =>
      importedRow(index, "2026-03-02T08:00:00.000Z"),
    );
    render(<ProofTimeline report={report} />);

    const ys = markCentres()
      .map((centre) => centre.y)
      .sort((a, b) => a - b);
    for (let index = 1; index < ys.length; index++) {
      expect(ys[index]! - ys[index - 1]!).toBeGreaterThanOrEqual(
        2 * TIMELINE.markRadius,
      );
    }
    // The "Imported by sync" lane is the second one.
    const laneTop = TIMELINE.top + TIMELINE.laneHeight;
    expect(ys[0]! - TIMELINE.markRadius).toBeGreaterThanOrEqual(laneTop);
    expect(ys.at(-1)! + TIMELINE.markRadius).toBeLessThanOrEqual(
      laneTop + TIMELINE.laneHeight,
    );
  });

  it("keeps a lone mark on the lane's middle", () => {
    const report = proofReportFixture();
    render(<ProofTimeline report={report} />);

    const laneMiddles = [0, 1].map(
      (lane) => TIMELINE.top + lane * TIMELINE.laneHeight + TIMELINE.laneHeight / 2,
    );
    expect(markCentres().map((centre) => centre.y)).toEqual(laneMiddles);
  });

  it("places marks as the saved report does", () => {
    const report = proofReportFixture();
    // 30 days before the cut-off, 1 hour after it: a split scale.
    report.window = {
      fromUtc: "2026-01-31T08:00:00.000Z",
      toUtc: "2026-03-02T09:00:00.000Z",
    };
    report.rows = [
      importedRow(1, "2026-02-10T12:00:00.000Z", "exported"),
      importedRow(2, "2026-03-02T07:59:59.000Z", "missing"),
      importedRow(3, "2026-03-02T08:00:00.000Z"),
      importedRow(4, "2026-03-02T08:00:00.000Z"),
      importedRow(5, "2026-03-02T08:01:00.000Z"),
      importedRow(6, "2026-03-02T08:59:00.000Z", "excluded"),
    ];
    report.rows[3]!.foundIn = ["exported", "imported"];
    render(<ProofTimeline report={report} />);

    const svg = new DOMParser().parseFromString(
      renderTimelineSvg(report),
      "image/svg+xml",
    );
    const saved = centresByTitle(svg.querySelectorAll("circle:has(title)"));
    const onScreen = centresByTitle(screen.getAllByTestId("proof-mark"));
    expect([...saved.keys()].sort()).toEqual([...onScreen.keys()].sort());
    expect(saved.size).toBe(report.rows.length);
    for (const [title, centre] of onScreen) {
      expect(saved.get(title)!.x, title).toBeCloseTo(centre.x, 1);
      expect(saved.get(title)!.y, title).toBe(centre.y);
    }
    const savedCutoff = svg.querySelector("line[stroke-dasharray]")!;
    expect(Number(savedCutoff.getAttribute("x1"))).toBeCloseTo(cutoffLineX(), 1);
  });
});
