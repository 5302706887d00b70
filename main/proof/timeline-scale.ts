/**
 * The time axis and the stacking of the proof's timeline, in SVG units:
 * the sizes, where an instant goes across the plot and which row a mark
 * takes in its lane. It imports no Node or DOM API, because the renderer
 * imports it too.
 */
import type { ProofReport, ProofSet } from "../../preload/contract.js";

/** Lanes from top to bottom, in the order the proof lists its sets. */
export const LANE_SETS: readonly ProofSet[] = [
  "exported",
  "imported",
  "excluded",
  "missing",
];

/**
 * Sizes in SVG units. In a 1280 px wide window the app draws the picture
 * about 1,000 px wide, and the saved report draws it 960 px wide, so one
 * unit is about one CSS pixel in both.
 */
export const TIMELINE = {
  width: 960,
  left: 190,
  right: 44,
  top: 64,
  laneHeight: 64,
  axisHeight: 44,
  markRadius: 5,
  labelFontSize: 15,
  tickFontSize: 13,
} as const;

const PLOT_WIDTH = TIMELINE.width - TIMELINE.left - TIMELINE.right;
export const LANES_BOTTOM = TIMELINE.top + LANE_SETS.length * TIMELINE.laneHeight;

/** The plot's share that each side of the cut-off gets at least. */
const MIN_SIDE_SHARE = 0.25;

/** Vertical distance between stacked marks, so that neighbours just touch. */
export const STACK_STEP = TIMELINE.markRadius * 2 + 1;

/** Rows a lane fits around its middle: 0, -1, +1, -2, +2 steps. */
const STACK_ROWS = Math.floor(TIMELINE.laneHeight / STACK_STEP);

/**
 * Minimum distance between two axis labels. A label such as "12-04 11:31" is
 * about 85 units wide at the tick font size, so this leaves a gap.
 */
const MIN_TICK_SPACING = 110;

export type TimelineScale = {
  fromMs: number;
  cutoffMs: number;
  toMs: number;
  /** The cut-off's position across the plot, from 0 to 1. */
  cutoffShare: number;
  /** True when the two sides are drawn to different scales. */
  isSplit: boolean;
  x: (instantMs: number) => number;
};

/**
 * Builds the time axis. Each side of the cut-off is linear. When one side
 * covers far less time than the other, for example an hour of imports after
 * thirty days of exports, it still gets a quarter of the plot, so that its
 * orders stay apart.
 */
export function timelineScaleOf(
  report: Pick<ProofReport, "window" | "cutoffUtc">,
): TimelineScale {
  const cutoffMs = Date.parse(report.cutoffUtc);
  // Each side covers at least a minute, so that the cut-off stays inside the
  // plot even when nothing after it is covered yet.
  const fromMs = Math.min(
    Date.parse(report.window.fromUtc),
    cutoffMs - 60_000,
  );
  const toMs = Math.max(Date.parse(report.window.toUtc), cutoffMs + 60_000);
  const beforeMs = cutoffMs - fromMs;
  const afterMs = toMs - cutoffMs;

  const linearShare = beforeMs / (beforeMs + afterMs);
  const cutoffShare = Math.min(
    1 - MIN_SIDE_SHARE,
    Math.max(MIN_SIDE_SHARE, linearShare),
  );
  const cutoffX = TIMELINE.left + cutoffShare * PLOT_WIDTH;
  const rightX = TIMELINE.width - TIMELINE.right;
  const x = (instantMs: number) => {
    if (instantMs < cutoffMs) {
      const share = (cutoffMs - instantMs) / beforeMs;
      return cutoffX - share * (cutoffX - TIMELINE.left);
    }
    return cutoffX + ((instantMs - cutoffMs) / afterMs) * (rightX - cutoffX);
  };

  return {
    fromMs,
    cutoffMs,
    toMs,
    cutoffShare,
    isSplit: cutoffShare !== linearShare,
    x,
  };
}

/**
 * Returns the instants of the axis labels: the cut-off, and evenly spaced
 * instants on each side, as many as fit MIN_TICK_SPACING apart.
 */
export function tickInstantsOf(scale: TimelineScale): number[] {
  const ticksOn = (share: number) =>
    Math.max(1, Math.floor((share * PLOT_WIDTH) / MIN_TICK_SPACING));
  const beforeTicks = ticksOn(scale.cutoffShare);
  const afterTicks = ticksOn(1 - scale.cutoffShare);

  const ticks: number[] = [];
  const beforeMs = scale.cutoffMs - scale.fromMs;
  for (let tick = 0; tick < beforeTicks; tick++) {
    ticks.push(scale.fromMs + (beforeMs * tick) / beforeTicks);
  }
  const afterMs = scale.toMs - scale.cutoffMs;
  for (let tick = 0; tick <= afterTicks; tick++) {
    ticks.push(scale.cutoffMs + (afterMs * tick) / afterTicks);
  }
  return ticks;
}

/** Returns the y of a lane's middle. */
export function laneMiddleOf(set: ProofSet): number {
  const lane = LANE_SETS.indexOf(set);
  return TIMELINE.top + lane * TIMELINE.laneHeight + TIMELINE.laneHeight / 2;
}

function rowOffset(row: number): number {
  // Rows alternate around the middle: 0, -1, +1, -2, +2, ...
  const step = Math.ceil(row / 2);
  return (row % 2 === 1 ? -step : step) * STACK_STEP;
}

/**
 * Places marks of one lane: each takes the row nearest the lane's middle in
 * which it does not touch the mark before it. When every row is taken at
 * that point, it goes to the row whose last mark is furthest to the left,
 * where the overlap is smallest.
 */
export function stackedOffsetsOf(xs: readonly number[]): number[] {
  const order = xs.map((_, index) => index).sort((a, b) => xs[a]! - xs[b]!);
  const rowEnds: number[] = Array.from(
    { length: STACK_ROWS },
    () => Number.NEGATIVE_INFINITY,
  );
  const offsets = new Array<number>(xs.length).fill(0);

  for (const index of order) {
    const x = xs[index]!;
    let row = rowEnds.findIndex((endX) => x - endX >= STACK_STEP);
    if (row === -1) {
      row = rowEnds.indexOf(Math.min(...rowEnds));
    }
    rowEnds[row] = x;
    offsets[index] = rowOffset(row);
  }
  return offsets;
}
