import type { ProofReport, ProofSet } from "../../preload/contract.js";
import {
  DOUBLED_COLOUR,
  SET_COLOURS,
  SET_LABELS,
  TIMELINE,
  timelineLayoutOf,
  type TimelineLayout,
  type TimelineMark,
  type TimelineText,
} from "./timeline-layout.js";

export { DOUBLED_COLOUR, SET_COLOURS, SET_LABELS };

/** Height of one line of the notes below the axis. */
const NOTE_LINE_HEIGHT = 20;
const LEGEND_HEIGHT = 34;
const LEGEND_SPACING = 150;
const PLOT_RIGHT = TIMELINE.width - TIMELINE.right;

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Formats a number with at most two decimals, as finer steps are invisible. */
function formatCoordinate(value: number): string {
  return String(Math.round(value * 100) / 100);
}

type Attributes = Record<string, string | number | undefined>;

/**
 * Renders one SVG element. Attributes keep their order and undefined ones
 * are left out. The content must be escaped already.
 */
function renderElement(
  name: string,
  attributes: Attributes,
  content?: string,
): string {
  const attributeText = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text =
        typeof value === "number"
          ? formatCoordinate(value)
          : escapeXml(value as string);
      return ` ${key}="${text}"`;
    })
    .join("");
  if (content === undefined) return `<${name}${attributeText}/>`;
  return `<${name}${attributeText}>${content}</${name}>`;
}

function renderText(label: TimelineText): string {
  const attributes = {
    x: label.x,
    y: label.y,
    "text-anchor": label.anchor,
    "font-size": label.fontSize,
    "font-weight": label.bold ? "bold" : undefined,
    fill: label.fill === "#000" ? undefined : label.fill,
  };
  return renderElement("text", attributes, escapeXml(label.text));
}

function renderMark(mark: TimelineMark): string {
  const attributes = {
    cx: mark.x,
    cy: mark.y,
    r: mark.radius,
    fill: mark.fill,
    stroke: mark.stroke,
    "stroke-width": mark.strokeWidth,
  };
  const title = `<title>${escapeXml(mark.title)}</title>`;
  return renderElement("circle", attributes, title);
}

function renderLegend(sets: readonly ProofSet[], y: number): string[] {
  const parts: string[] = [];
  const fontSize = TIMELINE.tickFontSize;
  const entry = (x: number, label: string, swatch: Attributes) => {
    parts.push(renderElement("circle", { cx: x, cy: y, r: 6, ...swatch }));
    const text = { x: x + 12, y: y + 5, "font-size": fontSize };
    parts.push(renderElement("text", text, escapeXml(label)));
  };

  let x = TIMELINE.left;
  for (const set of sets) {
    entry(x, SET_LABELS[set], { fill: SET_COLOURS[set] });
    x += LEGEND_SPACING;
  }
  const ring = { stroke: DOUBLED_COLOUR, "stroke-width": 3 };
  entry(x, "Doubled (ring)", { fill: "#fff", ...ring });
  return parts;
}

function renderAxis(layout: TimelineLayout): string[] {
  const y = layout.axisY;
  const stroke = "#444";
  const axisLine = { x1: TIMELINE.left, y1: y, x2: PLOT_RIGHT, y2: y, stroke };
  const parts = [renderElement("line", axisLine)];
  for (const { x, label } of layout.ticks) {
    const tickLine = { x1: x, y1: y, x2: x, y2: y + 5, stroke };
    parts.push(renderElement("line", tickLine), renderText(label));
  }
  return parts;
}

/**
 * Draws the proof's timeline as a self-contained SVG for the saved report,
 * from the layout that the app draws too. Below it come the notes and the
 * legend, which the app shows as text beside its picture.
 */
export function renderTimelineSvg(report: ProofReport): string {
  const layout = timelineLayoutOf(report);
  const { cutoff, width } = layout;
  const notes = [layout.zoneNote];
  if (layout.splitNote) notes.push(layout.splitNote);
  const notesHeight = notes.length * NOTE_LINE_HEIGHT;
  const legendY = layout.height + notesHeight + LEGEND_HEIGHT / 2;
  const height = legendY + LEGEND_HEIGHT / 2;

  const parts = [renderElement("rect", { width, height, fill: "#fff" })];
  for (const lane of layout.lanes) {
    const band = {
      x: TIMELINE.left,
      y: lane.top,
      width: PLOT_RIGHT - TIMELINE.left,
      height: TIMELINE.laneHeight,
      fill: lane.fill,
    };
    parts.push(renderElement("rect", band), renderText(lane.label));
  }

  const cutoffLine = {
    x1: cutoff.x,
    y1: cutoff.lineTop,
    x2: cutoff.x,
    y2: cutoff.lineBottom,
    stroke: "#000",
    "stroke-width": 2,
    "stroke-dasharray": "6 3",
  };
  parts.push(renderElement("line", cutoffLine), renderText(cutoff.label));
  parts.push(renderText(cutoff.beforeHint), renderText(cutoff.afterHint));
  parts.push(...layout.marks.map(renderMark));
  parts.push(...renderAxis(layout));

  notes.forEach((note, line) => {
    const y = layout.height + (line + 1) * NOTE_LINE_HEIGHT - 4;
    const fontSize = TIMELINE.tickFontSize;
    const text = { x: TIMELINE.left, y, "font-size": fontSize, fill: "#555" };
    parts.push(renderElement("text", text, escapeXml(note)));
  });
  const sets = layout.lanes.map((lane) => lane.set);
  parts.push(...renderLegend(sets, legendY));

  const svg = {
    xmlns: "http://www.w3.org/2000/svg",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": "Timeline of the cart orders around the cut-off",
    "font-family": "sans-serif",
  };
  return renderElement("svg", svg, `\n${parts.join("\n")}\n`);
}
