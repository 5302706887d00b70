/**
 * Layout of the proof's timeline: where every lane, mark, label and tick
 * goes, in SVG units. The app draws it as React SVG and the saved report as
 * an SVG string, so both place each order at the same point. It imports no
 * Node or DOM API, because the renderer imports it too.
 */
import type { ProofReport, ProofSet } from "../../preload/contract.js";
import { formatInZone, toWallClock } from "../time/zoned-time.js";
import {
  LANE_SETS,
  LANES_BOTTOM,
  laneMiddleOf,
  stackedOffsetsOf,
  tickInstantsOf,
  TIMELINE,
  timelineScaleOf,
  type TimelineScale,
} from "./timeline-scale.js";

export { STACK_STEP, TIMELINE } from "./timeline-scale.js";

export const SET_COLOURS: Record<ProofSet, string> = {
  exported: "#1f6fb4",
  imported: "#2a9d3c",
  excluded: "#8a8a8a",
  missing: "#d62728",
};
export const DOUBLED_COLOUR = "#ff8c00";

export const SET_LABELS: Record<ProofSet, string> = {
  exported: "Exported",
  imported: "Imported by sync",
  excluded: "Excluded",
  missing: "Missing",
};

/**
 * Half the width of "Cut-off 2026-03-01 09:00:00 (UTC+01:00)" in bold at the
 * label font size, an estimate from the font's average glyph width.
 */
const HALF_CUTOFF_LABEL_WIDTH = 165;

export type TimelineText = {
  x: number;
  y: number;
  text: string;
  anchor: "start" | "middle" | "end";
  fontSize: number;
  bold: boolean;
  fill: string;
};

export type TimelineLane = {
  set: ProofSet;
  top: number;
  fill: string;
  label: TimelineText;
};

export type TimelineMark = {
  cartOrderId: string;
  x: number;
  y: number;
  radius: number;
  fill: string;
  /** The doubled colour on a doubled order, else a thin white edge. */
  stroke: string;
  strokeWidth: number;
  doubled: boolean;
  title: string;
};

export type TimelineTick = {
  instantMs: number;
  x: number;
  label: TimelineText;
};

export type TimelineLayout = {
  width: number;
  /** Height of the lanes and the axis, without any caption below them. */
  height: number;
  axisY: number;
  lanes: TimelineLane[];
  cutoff: {
    x: number;
    lineTop: number;
    lineBottom: number;
    label: TimelineText;
    beforeHint: TimelineText;
    afterHint: TimelineText;
  };
  marks: TimelineMark[];
  ticks: TimelineTick[];
  /** The sentence that names the axis's time zone. */
  zoneNote: string;
  /** The sentence that warns of a split scale, or null when it is linear. */
  splitNote: string | null;
};


function placeText(
  x: number,
  y: number,
  text: string,
  options: Partial<Omit<TimelineText, "x" | "y" | "text">> = {},
): TimelineText {
  return {
    x,
    y,
    text,
    anchor: options.anchor ?? "middle",
    fontSize: options.fontSize ?? TIMELINE.labelFontSize,
    bold: options.bold ?? false,
    fill: options.fill ?? "#000",
  };
}

/** Formats an instant for a label, or returns a non-instant unchanged. */
function formatInstant(instantUtc: string, timeZone: string): string {
  if (Number.isNaN(Date.parse(instantUtc))) return instantUtc;
  return formatInZone(instantUtc, timeZone);
}

function marksOf(report: ProofReport, scale: TimelineScale): TimelineMark[] {
  const marks: TimelineMark[] = [];
  for (const set of LANE_SETS) {
    const rows = report.rows.filter((row) => row.set === set);
    const xs = rows.map((row) => scale.x(Date.parse(row.createdAtUtc)));
    const offsets = stackedOffsetsOf(xs);
    rows.forEach((row, index) => {
      const doubled = row.foundIn.length > 1;
      const created = formatInstant(row.createdAtUtc, report.timeZone);
      const suffix = doubled ? ", doubled" : "";
      marks.push({
        cartOrderId: row.cartOrderId,
        x: xs[index]!,
        y: laneMiddleOf(set) + offsets[index]!,
        radius: doubled ? TIMELINE.markRadius + 1 : TIMELINE.markRadius,
        fill: SET_COLOURS[set],
        stroke: doubled ? DOUBLED_COLOUR : "#fff",
        strokeWidth: doubled ? 3 : 1.5,
        doubled,
        title: `${row.orderNumber}, created ${created}: ${SET_LABELS[set]}${suffix}`,
      });
    });
  }
  return marks;
}

function ticksOf(scale: TimelineScale, timeZone: string): TimelineTick[] {
  return tickInstantsOf(scale).map((instantMs) => {
    const wallClock = toWallClock(Math.round(instantMs), timeZone);
    const x = scale.x(instantMs);
    const text = wallClock.slice(5, 16).replace("T", " ");
    const label = placeText(x, LANES_BOTTOM + 22, text, {
      fontSize: TIMELINE.tickFontSize,
      bold: instantMs === scale.cutoffMs,
    });
    return { instantMs, x, label };
  });
}

function cutoffOf(
  report: ProofReport,
  cutoffX: number,
): TimelineLayout["cutoff"] {
  // Centred on a cut-off near either end of the picture, the label would run
  // past its edge, so there it is aligned to the line instead. With each side
  // at least a quarter of the plot, that happens only if the sizes change.
  let anchor: TimelineText["anchor"] = "middle";
  if (cutoffX + HALF_CUTOFF_LABEL_WIDTH > TIMELINE.width) anchor = "end";
  else if (cutoffX - HALF_CUTOFF_LABEL_WIDTH < 0) anchor = "start";

  const label = `Cut-off ${formatInstant(report.cutoffUtc, report.timeZone)}`;
  const hint = { fontSize: TIMELINE.tickFontSize, fill: "#444" };
  const hintY = TIMELINE.top - 10;
  return {
    x: cutoffX,
    lineTop: TIMELINE.top - 22,
    lineBottom: LANES_BOTTOM,
    label: placeText(cutoffX, 20, label, { anchor, bold: true }),
    beforeHint: placeText(cutoffX - 8, hintY, "← before: old system", {
      ...hint,
      anchor: "end",
    }),
    afterHint: placeText(cutoffX + 8, hintY, "after: Auto Sync →", {
      ...hint,
      anchor: "start",
    }),
  };
}

const SPLIT_NOTE =
  "The two sides of the cut-off are drawn to different scales, " +
  "because the proof covers much less time on one side.";

/**
 * Lays out the proof's timeline: one lane per set and each order a mark at
 * its creation time in its set's colour, with doubled orders ringed. The
 * cut-off is a labelled line, and marks close in time are stacked.
 */
export function timelineLayoutOf(report: ProofReport): TimelineLayout {
  const scale = timelineScaleOf(report);
  const lanes = LANE_SETS.map((set, lane) => ({
    set,
    top: TIMELINE.top + lane * TIMELINE.laneHeight,
    fill: lane % 2 ? "#eef1f4" : "#f8f9fa",
    label: placeText(
      TIMELINE.left - 10,
      laneMiddleOf(set) + 5,
      `${SET_LABELS[set]} (${report.counts[set]})`,
      { anchor: "end" },
    ),
  }));

  return {
    width: TIMELINE.width,
    height: LANES_BOTTOM + TIMELINE.axisHeight,
    axisY: LANES_BOTTOM,
    lanes,
    cutoff: cutoffOf(report, scale.x(scale.cutoffMs)),
    marks: marksOf(report, scale),
    ticks: ticksOf(scale, report.timeZone),
    zoneNote: `Creation time in the store's zone, ${report.timeZone}.`,
    splitNote: scale.isSplit ? SPLIT_NOTE : null,
  };
}
