/**
 * How the dashboards name and show KPI values. The names, units and "which way is good" are the
 * server's own catalogue (src/modules/metrics/kpi.ts); values arrive at full precision and are
 * rounded here, for display only.
 */
import {
  KPI_CATALOGUE,
  type KpiDefinition,
  type KpiName,
  type SliceDimension,
} from "../../../src/modules/metrics/kpi.ts";
import { formatDuration } from "./format-duration.ts";
import { formatAmount, formatCount, formatPercent } from "./format-number.ts";

export const KPI_LABELS: Readonly<Record<KpiName, string>> = {
  casesOpened: "Cases opened",
  casesResolved: "Cases resolved",
  firstResponseMedianMinutes: "First response (median)",
  firstResponseP90Minutes: "First response (p90)",
  resolutionMedianHours: "Resolution time (median)",
  reopenRate: "Reopen rate",
  recontactRate: "Recontact rate",
  fcrRate: "First-contact resolution",
  escalationRate: "Escalation rate",
  slaFirstResponseAttainment: "First-response SLA met",
  backlog: "Backlog",
  ahtMinutes: "Handling time (AHT)",
  csat: "CSAT",
  nps: "NPS",
  ces: "CES",
  costPerCase: "Cost per case",
};

export const DIMENSION_LABELS: Readonly<Record<SliceDimension, string>> = {
  team: "Team",
  channel: "Channel",
  category: "Category",
  categoryTop: "Top-level category",
  region: "Region",
  tier: "Tier",
  segment: "Segment",
  agent: "Agent",
};

const DEFINITIONS = new Map(KPI_CATALOGUE.map((definition) => [definition.name, definition]));

export function kpiDefinition(name: KpiName): KpiDefinition {
  const definition = DEFINITIONS.get(name);
  if (definition === undefined) throw new Error(`no catalogue entry for ${name}`);
  return definition;
}

function trimmed(value: number, digits: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/**
 * A KPI value as a person reads it: counts grouped, durations as "2h 14m", rates as "12.3%",
 * CSAT to one decimal, NPS signed, CES to two decimals, cost with two decimals; "—" when the KPI
 * is undefined for the period (null).
 */
export function formatKpiValue(name: KpiName, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (kpiDefinition(name).unit) {
    case "cases":
      return formatCount(Math.round(value));
    case "minutes":
      return formatDuration(value * 60_000);
    case "hours":
      return formatDuration(value * 3_600_000);
    case "fraction":
      return formatPercent(value);
    case "points":
      return name === "nps" && value > 0 ? `+${trimmed(value, 1)}` : trimmed(value, 1);
    case "score":
      return trimmed(value, 2);
    case "currency":
      return formatAmount(value);
  }
}

/**
 * A KPI value for a chart axis or tooltip, in the unit the chart plots: percentages for rates,
 * the KPI's own unit otherwise ("12.5 min"), rounded for reading.
 */
export function formatKpiAxisValue(name: KpiName, value: number): string {
  switch (kpiDefinition(name).unit) {
    case "fraction":
      return `${trimmed(value * 100, 1)}%`;
    case "minutes":
      return `${trimmed(value, 1)} min`;
    case "hours":
      return `${trimmed(value, 1)} h`;
    case "cases":
      return formatCount(Math.round(value));
    case "points":
    case "score":
      return trimmed(value, 1);
    case "currency":
      return formatAmount(value);
  }
}

export type ChangeTone = "good" | "bad" | "flat";

export interface KpiChange {
  /** "+12%", "−2.1 pp", "+3.4 pts". */
  text: string;
  tone: ChangeTone;
}

function signed(value: number, digits: number, suffix: string): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return `0${suffix}`;
  return `${rounded > 0 ? "+" : "−"}${trimmed(Math.abs(rounded), digits)}${suffix}`;
}

/**
 * How a KPI moved from the previous period to this one, and whether that is good: rates in
 * percentage points, CSAT/NPS in points, everything else relative to the previous value. Null
 * when either value is missing or the relative change has no base (previous value 0).
 *
 * @example
 * kpiChange("reopenRate", 0.12, 0.1) // {text: "+2 pp", tone: "bad"}
 * kpiChange("casesResolved", 110, 100) // {text: "+10%", tone: "good"}
 */
export function kpiChange(
  name: KpiName,
  current: number | null | undefined,
  previous: number | null | undefined,
): KpiChange | null {
  if (current === null || current === undefined || previous === null || previous === undefined) {
    return null;
  }
  const { unit, better } = kpiDefinition(name);
  const difference = current - previous;
  let text: string;
  if (unit === "fraction") text = signed(difference * 100, 1, " pp");
  else if (unit === "points") text = signed(difference, 1, " pts");
  else if (unit === "score") text = signed(difference, 2, "");
  else {
    if (previous === 0) return null;
    text = signed((difference / Math.abs(previous)) * 100, 0, "%");
  }
  const moved = !/^0/.test(text);
  const tone: ChangeTone = !moved
    ? "flat"
    : difference > 0 === (better === "higher")
      ? "good"
      : "bad";
  return { text, tone };
}

/**
 * An expected range as text: "5 – 17" for a band, "≤ 25" or "≥ 70" for a one-sided threshold,
 * "—" without limits.
 */
export function formatKpiRange(
  name: KpiName,
  lower: number | null | undefined,
  upper: number | null | undefined,
): string {
  const hasLower = lower !== null && lower !== undefined;
  const hasUpper = upper !== null && upper !== undefined;
  if (hasLower && hasUpper)
    return `${formatKpiValue(name, lower)} – ${formatKpiValue(name, upper)}`;
  if (hasUpper) return `≤ ${formatKpiValue(name, upper)}`;
  if (hasLower) return `≥ ${formatKpiValue(name, lower)}`;
  return "—";
}
