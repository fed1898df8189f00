import { KPI_CATALOGUE, type KpiDefinition, type KpiName, type KpiUnit } from "../metrics/kpi.js";
import type { DigestContent, DigestRow } from "./digest.js";

/** A digest as mailed: subject, plain-text body and HTML body. */
export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

/** How the email names each KPI; units and which way is better come from KPI_CATALOGUE. */
const KPI_LABELS: Record<KpiName, string> = {
  casesOpened: "Cases opened",
  casesResolved: "Cases resolved",
  firstResponseMedianMinutes: "First response, median",
  firstResponseP90Minutes: "First response, 90th percentile",
  resolutionMedianHours: "Resolution time, median",
  reopenRate: "Reopen rate",
  recontactRate: "Recontact rate",
  fcrRate: "First contact resolution",
  escalationRate: "Escalation rate",
  slaFirstResponseAttainment: "First-response SLA attainment",
  backlog: "Backlog at period end",
  ahtMinutes: "Average handling time",
  csat: "CSAT",
  nps: "NPS",
  ces: "CES",
  costPerCase: "Cost per case",
};

const DEFINITIONS = new Map<KpiName, KpiDefinition>(KPI_CATALOGUE.map((kpi) => [kpi.name, kpi]));

function unitOf(metric: KpiName): KpiUnit {
  return DEFINITIONS.get(metric)?.unit ?? "score";
}

const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const fixed = (digits: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ONE = fixed(1);
const TWO = fixed(2);
const NOTHING = "–";

/**
 * A KPI value as people read it: counts whole, minutes and hours to one decimal, rates as
 * percentages to one decimal, CSAT and NPS in points, CES and cost to two decimals; null (no
 * denominator in the period) is a dash.
 *
 * @example formatKpiValue("reopenRate", 0.0833) // "8.3 %"
 */
export function formatKpiValue(metric: KpiName, value: number | null | undefined): string {
  if (value === null || value === undefined) return NOTHING;
  switch (unitOf(metric)) {
    case "cases":
      return COUNT.format(value);
    case "minutes":
      return `${ONE.format(value)} min`;
    case "hours":
      return `${ONE.format(value)} h`;
    case "fraction":
      return `${ONE.format(value * 100)} %`;
    case "points":
      return ONE.format(value);
    case "score":
      return TWO.format(value);
    case "currency":
      return TWO.format(value);
  }
}

/**
 * The change from the previous period, signed, in the KPI's unit (rates in percentage points);
 * empty when either value is missing.
 *
 * @example formatKpiChange("reopenRate", 0.10, 0.075) // "+2.5 pp"
 */
export function formatKpiChange(
  metric: KpiName,
  value: number | null | undefined,
  previous: number | null | undefined,
): string {
  if (value === null || value === undefined || previous === null || previous === undefined) {
    return "";
  }
  const change = value - previous;
  const unit = unitOf(metric);
  const shown =
    unit === "fraction"
      ? `${ONE.format(Math.abs(change) * 100)} pp`
      : formatKpiValue(metric, Math.abs(change));
  if (shown.replace(/[^1-9]/g, "") === "") return "±0";
  return `${change > 0 ? "+" : "−"}${shown}`;
}

export function kpiLabel(metric: KpiName): string {
  return KPI_LABELS[metric];
}

/** Whether a change is for the better, the worse, or neither (no change or no values). */
export function changeDirection(
  metric: KpiName,
  value: number | null | undefined,
  previous: number | null | undefined,
): "better" | "worse" | "same" {
  if (value === null || value === undefined || previous === null || previous === undefined) {
    return "same";
  }
  if (value === previous) return "same";
  const higherIsBetter = DEFINITIONS.get(metric)?.better !== "lower";
  return value > previous === higherIsBetter ? "better" : "worse";
}

/** The subject, text and HTML of a digest email. */
export function renderDigest(content: DigestContent): RenderedDigest {
  const cadence = content.cadence === "daily" ? "Daily" : "Weekly";
  const days =
    content.period.firstDay === content.period.lastDay
      ? content.period.firstDay
      : `${content.period.firstDay} to ${content.period.lastDay}`;
  const scope = content.team === null ? "all teams" : `team ${content.team}`;
  const previousLabel = content.cadence === "daily" ? "previous day" : "previous week";
  const subject = `[Throughline] ${cadence} digest ${content.digest}: ${scope}, ${days}`;
  return {
    subject,
    text: renderText(content, { cadence, days, scope, previousLabel }),
    html: renderHtml(content, { subject, cadence, days, scope, previousLabel }),
  };
}

interface Heading {
  cadence: string;
  days: string;
  scope: string;
  previousLabel: string;
}

function rowTitle(row: DigestRow): string {
  return row.key === "all" ? "All teams" : `Team ${row.key}`;
}

function renderText(content: DigestContent, heading: Heading): string {
  const labelWidth = Math.max(...content.metrics.map((metric) => kpiLabel(metric).length));
  const lines = [
    `Throughline ${heading.cadence.toLowerCase()} digest "${content.digest}"`,
    `${capitalise(heading.scope)}, ${heading.days} (${content.timezone})`,
    "",
  ];
  for (const row of content.rows) {
    lines.push(rowTitle(row));
    for (const metric of content.metrics) {
      const value = formatKpiValue(metric, row.values[metric]);
      const previous = formatKpiValue(metric, row.previous[metric]);
      const change = formatKpiChange(metric, row.values[metric], row.previous[metric]);
      lines.push(
        `  ${kpiLabel(metric).padEnd(labelWidth)}  ${value.padStart(12)}   ${heading.previousLabel}: ${previous}${change === "" ? "" : ` (${change})`}`,
      );
    }
    lines.push("");
  }
  lines.push(
    `Period: ${content.period.from} to ${content.period.to} (UTC), compared with ${content.previousPeriod.from} to ${content.previousPeriod.to}.`,
    "Definitions of every KPI: docs/metrics.md. Values are rounded for reading; the API and the webhook carry full precision.",
  );
  return `${lines.join("\n")}\n`;
}

function renderHtml(content: DigestContent, heading: Heading & { subject: string }): string {
  const header = content.rows
    .map((row) => `<th style="${CELL} text-align:right">${escapeHtml(rowTitle(row))}</th>`)
    .join("");
  const body = content.metrics
    .map((metric) => {
      const cells = content.rows
        .map((row) => {
          const value = formatKpiValue(metric, row.values[metric]);
          const previous = formatKpiValue(metric, row.previous[metric]);
          const change = formatKpiChange(metric, row.values[metric], row.previous[metric]);
          return (
            `<td style="${CELL} text-align:right"><strong>${escapeHtml(value)}</strong>` +
            `<br><small style="color:#666">${escapeHtml(heading.previousLabel)}: ${escapeHtml(previous)}` +
            `${change === "" ? "" : ` <span style="color:${CHANGE_COLOURS[changeDirection(metric, row.values[metric], row.previous[metric])]}">(${escapeHtml(change)})</span>`}</small></td>`
          );
        })
        .join("");
      return `<tr><th style="${CELL} text-align:left">${escapeHtml(kpiLabel(metric))}</th>${cells}</tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(heading.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#222">
<h1 style="font-size:18px">Throughline ${escapeHtml(heading.cadence.toLowerCase())} digest “${escapeHtml(content.digest)}”</h1>
<p>${escapeHtml(capitalise(heading.scope))}, ${escapeHtml(heading.days)} (${escapeHtml(content.timezone)})</p>
<table style="border-collapse:collapse">
<thead><tr><th style="${CELL} text-align:left">KPI</th>${header}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p style="color:#666;font-size:12px">Period ${escapeHtml(content.period.from)} to ${escapeHtml(content.period.to)} (UTC), compared with ${escapeHtml(content.previousPeriod.from)} to ${escapeHtml(content.previousPeriod.to)}. Values are rounded for reading; the API and the webhook carry full precision.</p>
</body></html>
`;
}

const CELL = "padding:4px 10px;border-bottom:1px solid #ddd;";
const CHANGE_COLOURS = { better: "#1a7f37", worse: "#cf222e", same: "#666" } as const;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
