import type { KpiName, KpiValues, SliceDimension } from "../metrics/kpi.js";

/**
 * Saved scorecards: a team's or a journey's operational and customer-experience KPIs side by
 * side, each against a target, shown red/amber/green. Pure: the domain types and the RAG rule.
 */

/** Which side of the scorecard a KPI sits on. */
export const SCORECARD_SIDES = ["operations", "experience"] as const;
export type ScorecardSide = (typeof SCORECARD_SIDES)[number];

/**
 * The KPIs the customer feels directly (what they say, and whether they had to come back); the
 * rest measure how the operation runs.
 */
const EXPERIENCE_METRICS: ReadonlySet<KpiName> = new Set([
  "csat",
  "nps",
  "ces",
  "fcrRate",
  "recontactRate",
  "reopenRate",
]);

export function sideOf(metric: KpiName): ScorecardSide {
  return EXPERIENCE_METRICS.has(metric) ? "experience" : "operations";
}

export const TARGET_DIRECTIONS = ["higher", "lower"] as const;
/** higher: at or above the target is green; lower: at or below it is. */
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/** Which way each KPI gets better, the default direction of a target on it. */
export const BETTER_DIRECTION: Record<KpiName, TargetDirection> = {
  casesOpened: "lower",
  casesResolved: "higher",
  firstResponseMedianMinutes: "lower",
  firstResponseP90Minutes: "lower",
  resolutionMedianHours: "lower",
  reopenRate: "lower",
  recontactRate: "lower",
  fcrRate: "higher",
  escalationRate: "lower",
  slaFirstResponseAttainment: "higher",
  backlog: "lower",
  ahtMinutes: "lower",
  csat: "higher",
  nps: "higher",
  ces: "higher",
  costPerCase: "lower",
};

export interface ScorecardMetric {
  metric: KpiName;
  /** null: shown without a target (status `none`). */
  target: number | null;
  direction: TargetDirection;
  /** How far on the wrong side of the target is still amber, in the KPI's unit (0: no amber). */
  amberWithin: number;
}

export type ScorecardFilter = Partial<Record<SliceDimension, string>>;

export interface Scorecard {
  id: string;
  name: string;
  description: string | null;
  /** One row per value of this dimension (each team, say); null: one row for the filtered slice. */
  by: SliceDimension | null;
  /** The team or journey the scorecard is about, e.g. {team: "billing"} or {categoryTop: "orders"}. */
  filter: ScorecardFilter;
  metrics: ScorecardMetric[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export const RAG_STATUSES = ["green", "amber", "red", "none"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

/**
 * Red, amber or green against the target: green on the good side of the target or on it, amber
 * at most `amberWithin` on the wrong side, red beyond; `none` without a value or a target.
 *
 * @example
 * ragStatus(82, { metric: "csat", target: 85, direction: "higher", amberWithin: 5 }) // "amber"
 * ragStatus(95, { metric: "firstResponseMedianMinutes", target: 60, direction: "lower", amberWithin: 30 }) // "red"
 */
export function ragStatus(value: number | null, metric: ScorecardMetric): RagStatus {
  if (value === null || metric.target === null) return "none";
  const shortfall = metric.direction === "higher" ? metric.target - value : value - metric.target;
  if (shortfall <= 0) return "green";
  return shortfall <= metric.amberWithin ? "amber" : "red";
}

export interface ScorecardCell {
  metric: KpiName;
  side: ScorecardSide;
  value: number | null;
  target: number | null;
  direction: TargetDirection;
  amberWithin: number;
  status: RagStatus;
}

export interface ScorecardResultRow {
  key: string;
  cells: ScorecardCell[];
}

/**
 * A row of the scorecard from a row of KPI values: operations first, then experience, each in
 * the order the scorecard lists them, so the two sides read side by side.
 */
export function scoreRow(
  key: string,
  values: Partial<KpiValues>,
  metrics: readonly ScorecardMetric[],
): ScorecardResultRow {
  const ordered = [
    ...metrics.filter((metric) => sideOf(metric.metric) === "operations"),
    ...metrics.filter((metric) => sideOf(metric.metric) === "experience"),
  ];
  return {
    key,
    cells: ordered.map((metric) => {
      const value = values[metric.metric] ?? null;
      return {
        metric: metric.metric,
        side: sideOf(metric.metric),
        value,
        target: metric.target,
        direction: metric.direction,
        amberWithin: metric.amberWithin,
        status: ragStatus(value, metric),
      };
    }),
  };
}

/** How many cells of each status the rows hold. */
export function countStatuses(rows: readonly ScorecardResultRow[]): Record<RagStatus, number> {
  const counts: Record<RagStatus, number> = { green: 0, amber: 0, red: 0, none: 0 };
  for (const row of rows) for (const cell of row.cells) counts[cell.status] += 1;
  return counts;
}
