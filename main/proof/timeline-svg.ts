import type { ProofReport, ProofSet } from "../../preload/contract.js";
import { formatInZone, toWallClock } from "../time/zoned-time.js";
import { PROOF_SETS } from "./proof-classify.js";

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

const WIDTH = 960;
const LEFT = 160;
const RIGHT = 44;
const TOP = 40;
const LANE_HEIGHT = 44;
const AXIS_HEIGHT = 40;
const LEGEND_HEIGHT = 30;
const TICKS = 6;
/** Marks in one pixel column are stacked in this many rows before they overlap again. */
const STACK_ROWS = 5;

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

type Scale = { fromMs: number; toMs: number; x(ms: number): number };

function scaleOf(report: Pick<ProofReport, "window" | "cutoffUtc">): Scale {
  const fromMs = Date.parse(report.window.fromUtc);
  // Keep the cut-off off the right edge when nothing after it is covered yet.
  const toMs = Math.max(
    Date.parse(report.window.toUtc),
    Date.parse(report.cutoffUtc) + 60_000,
  );
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (ms: number) => LEFT + ((ms - fromMs) / (toMs - fromMs)) * plotWidth;
  return { fromMs, toMs, x };
}

function axis(scale: Scale, timeZone: string, axisY: number): string[] {
  const parts = [`<line x1="${LEFT}" y1="${axisY}" x2="${WIDTH - RIGHT}" y2="${axisY}" stroke="#444"/>`];
  for (let tick = 0; tick <= TICKS; tick++) {
    const ms = scale.fromMs + ((scale.toMs - scale.fromMs) * tick) / TICKS;
    const x = scale.x(ms).toFixed(1);
    const wallClock = toWallClock(Math.round(ms), timeZone);
    const label = wallClock.slice(5, 16).replace("T", " ");
    parts.push(`<line x1="${x}" y1="${axisY}" x2="${x}" y2="${axisY + 5}" stroke="#444"/>`);
    parts.push(`<text x="${x}" y="${axisY + 18}" text-anchor="middle" font-size="11">${escapeXml(label)}</text>`);
  }
  parts.push(
    `<text x="${LEFT}" y="${axisY + 34}" font-size="11" fill="#555">${escapeXml(`Creation time in the store's zone, ${timeZone}`)}</text>`,
  );
  return parts;
}

function marks(report: ProofReport, scale: Scale): string[] {
  const stacked = new Map<string, number>();
  const parts: string[] = [];
  for (const row of report.rows) {
    const lane = PROOF_SETS.indexOf(row.set);
    const x = scale.x(Date.parse(row.createdAtUtc));
    const key = `${lane}:${Math.round(x)}`;
    const index = stacked.get(key) ?? 0;
    stacked.set(key, index + 1);
    const laneMiddle = TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
    const y = laneMiddle + ((index % STACK_ROWS) - 2) * 7;
    const doubled = row.foundIn.length > 1;
    const created = formatInZone(row.createdAtUtc, report.timeZone);
    const suffix = doubled ? ", doubled" : "";
    const title = `${row.orderNumber}, created ${created}: ${SET_LABELS[row.set]}${suffix}`;
    const ring = doubled ? ` stroke="${DOUBLED_COLOUR}" stroke-width="3"` : "";
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y}" r="4" fill="${SET_COLOURS[row.set]}"${ring}><title>${escapeXml(title)}</title></circle>`,
    );
  }
  return parts;
}

function legend(y: number): string[] {
  const parts: string[] = [];
  let x = LEFT;
  for (const set of PROOF_SETS) {
    parts.push(`<circle cx="${x}" cy="${y}" r="5" fill="${SET_COLOURS[set]}"/>`);
    parts.push(`<text x="${x + 10}" y="${y + 4}" font-size="12">${SET_LABELS[set]}</text>`);
    x += 150;
  }
  parts.push(`<circle cx="${x}" cy="${y}" r="5" fill="#fff" stroke="${DOUBLED_COLOUR}" stroke-width="3"/>`);
  parts.push(`<text x="${x + 10}" y="${y + 4}" font-size="12">Doubled (ring)</text>`);
  return parts;
}

/**
 * Returns the anchor of the cut-off's label. A label centred on a cut-off
 * near either end of the plot would run past the picture's edge, so there it
 * is aligned to the line instead. The on-screen timeline uses the same rule.
 */
function cutoffLabelAnchor(cutoffX: number): "start" | "middle" | "end" {
  // About half the width of "Cut-off 2026-03-01 09:00:00 (UTC+01:00)" at 12px bold.
  const halfLabelWidth = 130;
  if (cutoffX + halfLabelWidth > WIDTH) return "end";
  if (cutoffX - halfLabelWidth < 0) return "start";
  return "middle";
}

/**
 * Draws the proof's timeline as a self-contained SVG: one lane per set,
 * each order a mark at its creation time coloured by its set, doubled
 * orders ringed, and the cut-off as a vertical line.
 */
export function renderTimelineSvg(report: ProofReport): string {
  const scale = scaleOf(report);
  const lanesBottom = TOP + PROOF_SETS.length * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT + LEGEND_HEIGHT;
  const cutoffX = scale.x(Date.parse(report.cutoffUtc));
  const cutX = cutoffX.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Timeline of the cart orders around the cut-off" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
  ];
  PROOF_SETS.forEach((set, lane) => {
    const y = TOP + lane * LANE_HEIGHT;
    parts.push(`<rect x="${LEFT}" y="${y}" width="${WIDTH - LEFT - RIGHT}" height="${LANE_HEIGHT}" fill="${lane % 2 ? "#f7f7f7" : "#fcfcfc"}"/>`);
    parts.push(`<text x="${LEFT - 8}" y="${y + LANE_HEIGHT / 2 + 4}" text-anchor="end" font-size="12">${SET_LABELS[set]} (${report.counts[set]})</text>`);
  });
  parts.push(`<line x1="${cutX}" y1="${TOP - 14}" x2="${cutX}" y2="${lanesBottom}" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>`);
  parts.push(
    `<text x="${cutX}" y="${TOP - 18}" text-anchor="${cutoffLabelAnchor(cutoffX)}" font-size="12" font-weight="bold">${escapeXml(`Cut-off ${formatInZone(report.cutoffUtc, report.timeZone)}`)}</text>`,
  );
  parts.push(...marks(report, scale));
  parts.push(...axis(scale, report.timeZone, lanesBottom));
  parts.push(...legend(lanesBottom + AXIS_HEIGHT + LEGEND_HEIGHT / 2));
  parts.push("</svg>");
  return parts.join("\n");
}
