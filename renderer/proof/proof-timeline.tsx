import type { ProofReport } from "../../preload/contract.js";
import { formatInZone, wallClockAt } from "../format/zoned-time.js";
import {
  DOUBLED_COLOUR,
  PROOF_SET_COLOURS,
  PROOF_SET_LABELS,
  PROOF_SETS,
} from "./proof-labels.js";

const WIDTH = 960;
const LEFT = 160;
const RIGHT = 44;
const TOP = 40;
const LANE_HEIGHT = 44;
const AXIS_HEIGHT = 40;
const TICKS = 6;
/** Marks in one pixel column are stacked in this many rows before they overlap again. */
const STACK_ROWS = 5;

type Mark = {
  key: string;
  x: number;
  y: number;
  colour: string;
  doubled: boolean;
  title: string;
};

function layoutMarks(report: ProofReport, x: (ms: number) => number): Mark[] {
  const stacked = new Map<string, number>();
  return report.rows.map((row) => {
    const lane = PROOF_SETS.indexOf(row.set);
    const markX = x(Date.parse(row.createdAtUtc));
    const column = `${lane}:${Math.round(markX)}`;
    const index = stacked.get(column) ?? 0;
    stacked.set(column, index + 1);
    const doubled = row.foundIn.length > 1;
    const laneMiddle = TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const created = formatInZone(row.createdAtUtc, report.timeZone);
    const suffix = doubled ? ", doubled" : "";
    return {
      key: row.cartOrderId,
      x: markX,
      y: laneMiddle + ((index % STACK_ROWS) - 2) * 7,
      colour: PROOF_SET_COLOURS[row.set],
      doubled,
      title: `${row.orderNumber}, created ${created}: ${PROOF_SET_LABELS[row.set]}${suffix}`,
    };
  });
}

/**
 * Returns the anchor of the cut-off's label. A label centred on a cut-off
 * near either end of the plot would run past the picture's edge, so there it
 * is aligned to the line instead.
 */
function cutoffLabelAnchor(cutoffX: number): "start" | "middle" | "end" {
  const halfLabelWidth = 130;
  if (cutoffX + halfLabelWidth > WIDTH) return "end";
  if (cutoffX - halfLabelWidth < 0) return "start";
  return "middle";
}

function tickLabel(instantMs: number, timeZone: string): string {
  const wallClock = wallClockAt(Math.round(instantMs), timeZone);
  return wallClock.slice(5, 16).replace("T", " ");
}

/**
 * Draws the orders around the cut-off: one lane per set, each order a mark
 * at its creation time in its set's colour, doubled orders ringed, and the
 * cut-off as a dashed line. It mirrors the picture in the saved report.
 */
export function ProofTimeline({ report }: { report: ProofReport }) {
  const fromMs = Date.parse(report.window.fromUtc);
  const cutoffMs = Date.parse(report.cutoffUtc);
  // Keeps the cut-off off the right edge when nothing after it is covered yet.
  const toMs = Math.max(Date.parse(report.window.toUtc), cutoffMs + 60_000);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (ms: number) =>
    LEFT + ((ms - fromMs) / (toMs - fromMs)) * plotWidth;
  const lanesBottom = TOP + PROOF_SETS.length * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT;
  const ticks = Array.from(
    { length: TICKS + 1 },
    (_, tick) => fromMs + ((toMs - fromMs) * tick) / TICKS,
  );

  return (
    <figure className="proof-timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label="Timeline of the cart orders around the cut-off"
        fontFamily="sans-serif"
      >
        {PROOF_SETS.map((set, lane) => (
          <g key={set}>
            <rect
              x={LEFT}
              y={TOP + lane * LANE_HEIGHT}
              width={plotWidth}
              height={LANE_HEIGHT}
              fill={lane % 2 ? "#f7f7f7" : "#fcfcfc"}
            />
            <text
              x={LEFT - 8}
              y={TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2 + 4}
              textAnchor="end"
              fontSize={12}
            >
              {`${PROOF_SET_LABELS[set]} (${report.counts[set]})`}
            </text>
          </g>
        ))}
        <line
          x1={x(cutoffMs)}
          y1={TOP - 14}
          x2={x(cutoffMs)}
          y2={lanesBottom}
          stroke="#000"
          strokeWidth={2}
          strokeDasharray="6 3"
        />
        <text
          x={x(cutoffMs)}
          y={TOP - 18}
          textAnchor={cutoffLabelAnchor(x(cutoffMs))}
          fontSize={12}
          fontWeight="bold"
        >
          {`Cut-off ${formatInZone(report.cutoffUtc, report.timeZone)}`}
        </text>
        {layoutMarks(report, x).map((mark) => (
          <circle
            key={mark.key}
            data-testid="proof-mark"
            cx={mark.x}
            cy={mark.y}
            r={4}
            fill={mark.colour}
            stroke={mark.doubled ? DOUBLED_COLOUR : undefined}
            strokeWidth={mark.doubled ? 3 : undefined}
          >
            <title>{mark.title}</title>
          </circle>
        ))}
        <line
          x1={LEFT}
          y1={lanesBottom}
          x2={WIDTH - RIGHT}
          y2={lanesBottom}
          stroke="#444"
        />
        {ticks.map((ms) => (
          <text
            key={ms}
            x={x(ms)}
            y={lanesBottom + 18}
            textAnchor="middle"
            fontSize={11}
          >
            {tickLabel(ms, report.timeZone)}
          </text>
        ))}
      </svg>
      <figcaption>
        Creation time in the store's zone, {report.timeZone}. A ring marks a
        doubled order.
      </figcaption>
    </figure>
  );
}
