import type { ProofReport } from "../../preload/contract.js";
import {
  TIMELINE,
  timelineLayoutOf,
  type TimelineLayout,
  type TimelineText,
} from "../../main/proof/timeline-layout.js";

function Label({ label, testId }: { label: TimelineText; testId?: string }) {
  return (
    <text
      data-testid={testId}
      x={label.x}
      y={label.y}
      textAnchor={label.anchor}
      fontSize={label.fontSize}
      fontWeight={label.bold ? "bold" : undefined}
      fill={label.fill}
    >
      {label.text}
    </text>
  );
}

function Lanes({ layout }: { layout: TimelineLayout }) {
  const plotWidth = TIMELINE.width - TIMELINE.left - TIMELINE.right;
  return layout.lanes.map((lane) => (
    <g key={lane.set}>
      <rect
        x={TIMELINE.left}
        y={lane.top}
        width={plotWidth}
        height={TIMELINE.laneHeight}
        fill={lane.fill}
      />
      <Label label={lane.label} />
    </g>
  ));
}

function CutoffMarker({ cutoff }: { cutoff: TimelineLayout["cutoff"] }) {
  return (
    <g>
      <line
        data-testid="proof-cutoff-line"
        x1={cutoff.x}
        y1={cutoff.lineTop}
        x2={cutoff.x}
        y2={cutoff.lineBottom}
        stroke="#000"
        strokeWidth={2}
        strokeDasharray="6 3"
      />
      <Label label={cutoff.label} />
      <Label label={cutoff.beforeHint} />
      <Label label={cutoff.afterHint} />
    </g>
  );
}

function Axis({ layout }: { layout: TimelineLayout }) {
  const { axisY } = layout;
  return (
    <g>
      <line
        x1={TIMELINE.left}
        y1={axisY}
        x2={TIMELINE.width - TIMELINE.right}
        y2={axisY}
        stroke="#444"
      />
      {layout.ticks.map((tick) => (
        <g key={tick.instantMs}>
          <line
            x1={tick.x}
            y1={axisY}
            x2={tick.x}
            y2={axisY + 5}
            stroke="#444"
          />
          <Label label={tick.label} testId="proof-tick" />
        </g>
      ))}
    </g>
  );
}

/**
 * Draws the orders around the cut-off from the layout that the saved report
 * draws too, so the picture a user sends on matches the one on screen.
 */
export function ProofTimeline({ report }: { report: ProofReport }) {
  const layout = timelineLayoutOf(report);

  return (
    <figure className="proof-timeline">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label="Timeline of the cart orders around the cut-off"
        fontFamily="sans-serif"
      >
        <Lanes layout={layout} />
        <CutoffMarker cutoff={layout.cutoff} />
        {layout.marks.map((mark) => (
          <circle
            key={mark.cartOrderId}
            data-testid="proof-mark"
            cx={mark.x}
            cy={mark.y}
            r={mark.radius}
            fill={mark.fill}
            stroke={mark.stroke}
            strokeWidth={mark.strokeWidth}
          >
            <title>{mark.title}</title>
          </circle>
        ))}
        <Axis layout={layout} />
      </svg>
      <figcaption>
        {layout.zoneNote} A ring marks a doubled order.
        {layout.splitNote ? ` ${layout.splitNote}` : null}
      </figcaption>
    </figure>
  );
}
