import type { ProofReport, ProofSet } from "../../preload/contract.js";
import { DAYLIGHT_SAVING_RULE } from "../cutover/cutoff.js";
import { formatMoney } from "../money/money.js";
import { formatInZone } from "../time/zoned-time.js";
import { PROOF_SETS } from "./proof-classify.js";
import {
  DOUBLED_COLOUR,
  escapeXml,
  renderTimelineSvg,
  SET_COLOURS,
  SET_LABELS,
} from "./timeline-svg.js";

export type ProofPageFacts = {
  storeName: string | null;
  /** The zone of the person who ran the proof; shown when it differs from the store's. */
  userTimeZone: string;
};

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 1100px; }
h1 { margin-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th { background: #f0f0f0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { padding: 0.75rem 1rem; border-radius: 4px; font-weight: 600; }
.verdict.clean { background: #e6f4ea; border: 1px solid #2a9d3c; }
.verdict.problem { background: #fde8e8; border: 1px solid #d62728; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 50%; margin-right: 0.4rem; vertical-align: middle; }
tr.doubled td { background: #fff4e0; }
tr.missing td { background: #fdeeee; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0 0 0.4rem 0; }
.timeline { overflow-x: auto; }
`;

const text = (value: string) => escapeXml(value);

function totalsText(totals: Record<string, number>): string {
  const currencies = Object.keys(totals).sort();
  if (currencies.length === 0) return "none";
  return currencies
    .map((currency) => formatMoney(totals[currency]!, currency))
    .join(", ");
}

function factsSection(report: ProofReport, facts: ProofPageFacts): string {
  const zone = report.timeZone;
  const items: [string, string][] = [];
  if (facts.storeName) items.push(["Store", facts.storeName]);

  items.push([
    "Cut-off in the store's zone",
    `${formatInZone(report.cutoffUtc, zone)}, ${zone}`,
  ]);
  items.push(["Cut-off in UTC", report.cutoffUtc]);
  // A user in UTC would see the row above twice.
  const userInUtc = ["UTC", "Etc/UTC", "Etc/GMT", "GMT"].includes(facts.userTimeZone);
  if (facts.userTimeZone !== zone && !userInUtc) {
    items.push([
      `Cut-off in ${facts.userTimeZone}`,
      formatInZone(report.cutoffUtc, facts.userTimeZone),
    ]);
  }
  items.push([
    "Split",
    "Orders created before the cut-off belong to the old system; orders created at or after it belong to the sync.",
  ]);
  items.push(["Daylight-saving rule", DAYLIGHT_SAVING_RULE]);

  const from = formatInZone(report.window.fromUtc, zone);
  const to = formatInZone(report.window.toUtc, zone);
  items.push([
    "Orders covered",
    `created from ${from} up to, not including, ${to}, read from the cart with every status`,
  ]);
  items.push(["Generated", `${report.generatedAtUtc} (UTC)`]);

  const body = items
    .map(([term, value]) => `<dt>${text(term)}</dt><dd>${text(value)}</dd>`)
    .join("\n");
  return `<dl class="facts">\n${body}\n</dl>`;
}

function countsRow(
  swatchStyle: string,
  label: string,
  count: number,
  totals: string,
): string {
  const swatch = `<span class="swatch" style="${swatchStyle}"></span>`;
  return `<tr><td>${swatch}${label}</td><td class="number">${count}</td><td>${text(totals)}</td></tr>`;
}

function countsTable(report: ProofReport): string {
  const rows = PROOF_SETS.map((set) =>
    countsRow(
      `background:${SET_COLOURS[set]}`,
      SET_LABELS[set],
      report.counts[set],
      totalsText(report.totalsByCurrency[set]),
    ),
  );
  rows.push(
    countsRow(
      `border:3px solid ${DOUBLED_COLOUR}`,
      "Doubled (in two sets)",
      report.counts.doubled,
      "",
    ),
  );
  return [
    "<table>",
    "<thead><tr><th>Set</th><th>Orders</th><th>Totals per currency</th></tr></thead>",
    `<tbody>${rows.join("")}</tbody>`,
    "</table>",
  ].join("\n");
}

function rowsTable(report: ProofReport): string {
  const body = report.rows
    .map((row) => {
      const doubled = row.foundIn.length > 1;
      let className = "";
      if (doubled) className = "doubled";
      else if (row.set === "missing") className = "missing";
      const cells = [
        text(row.orderNumber),
        text(row.cartOrderId),
        text(formatInZone(row.createdAtUtc, report.timeZone)),
        text(row.createdAtUtc),
        SET_LABELS[row.set],
        doubled ? text(row.foundIn.map((set) => SET_LABELS[set]).join(" and ")) : "",
        text(formatMoney(row.totalMinor, row.currency)),
        text(row.reason ?? ""),
      ];
      return `<tr class="${className}">${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return [
    "<table>",
    "<thead><tr><th>Order</th><th>Cart order id</th><th>Created (store time)</th><th>Created (UTC)</th><th>Set</th><th>Doubled in</th><th>Total</th><th>Reason, or what to do</th></tr></thead>",
    `<tbody>\n${body}\n</tbody>`,
    "</table>",
  ].join("\n");
}

/**
 * Renders the proof as one self-contained HTML page that a person can send
 * on: a style block and an inline SVG, no scripts, and a Content Security
 * Policy that forbids loading anything, so it shows the same offline.
 */
export function renderProofHtml(
  report: ProofReport,
  facts: ProofPageFacts,
): string {
  const [verdict, ...details] = report.messages;
  const detailList = details.length
    ? `<ul>\n${details.map((message) => `<li>${text(message)}</li>`).join("\n")}\n</ul>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Cut-over proof, cut-off ${text(report.cutoffUtc)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Cut-over proof</h1>
${factsSection(report, facts)}
<p class="verdict ${report.clean ? "clean" : "problem"}">${text(verdict ?? "")}</p>
${detailList}
<h2>Counts and totals</h2>
${countsTable(report)}
<h2>Timeline around the cut-off</h2>
<div class="timeline">
${renderTimelineSvg(report)}
</div>
<h2>Every order</h2>
${rowsTable(report)}
<p>Written by Cart Cutover. This page loads nothing from the network and runs no scripts.</p>
</body>
</html>
`;
}
