import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { proofReportFixture } from "../test-support/fixtures.js";
import { ProofTimeline } from "./proof-timeline.js";

function cutoffLabel(): Element {
  return screen.getByText(/^Cut-off /);
}

describe("Proof timeline", () => {
  it("centres the cut-off label mid-window", () => {
    const report = proofReportFixture();
    report.window = {
      fromUtc: "2026-03-01T08:00:00.000Z",
      toUtc: "2026-03-03T08:00:00.000Z",
    };
    render(<ProofTimeline report={report} />);

    expect(cutoffLabel().getAttribute("text-anchor")).toBe("middle");
  });

  it("ends the cut-off label at a right-edge cut-off", () => {
    const report = proofReportFixture();
    report.window = {
      fromUtc: "2026-02-01T08:00:00.000Z",
      toUtc: "2026-03-02T08:30:00.000Z",
    };
    render(<ProofTimeline report={report} />);

    expect(cutoffLabel().getAttribute("text-anchor")).toBe("end");
  });
});
