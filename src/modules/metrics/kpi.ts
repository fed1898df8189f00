/**
 * The metrics vocabulary shared by the server and the web app: KPI names, slice dimensions,
 * time buckets and the shapes of scorecards and series. PRODUCT.md's "KPI definitions" and
 * docs/metrics.md define each KPI.
 */

export const KPI_NAMES = [
  "casesOpened",
  "casesResolved",
  "firstResponseMedianMinutes",
  "firstResponseP90Minutes",
  "resolutionMedianHours",
  "reopenRate",
  "recontactRate",
  "fcrRate",
  "escalationRate",
  "slaFirstResponseAttainment",
  "backlog",
  "ahtMinutes",
  "csat",
  "nps",
  "ces",
  "costPerCase",
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export const SLICE_DIMENSIONS = [
  "team",
  "channel",
  "category",
  "categoryTop",
  "region",
  "tier",
  "segment",
  "agent",
] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

/** UTC buckets; weeks start on Monday 00:00 UTC. */
export const TIME_BUCKETS = ["hour", "day", "week", "month"] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

/** null: the KPI is undefined for the period (it has no denominator). */
export type KpiValues = Record<KpiName, number | null>;

/** One scorecard row; key is "all" when the query has no `by`. */
export interface ScorecardRow extends KpiValues {
  key: string;
}

export interface KpiQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** One row per slice value. */
  by?: SliceDimension;
  /** Exact slice filters, e.g. {channel: "chat"}. */
  filter?: Partial<Record<SliceDimension, string>>;
  /** Evaluation instant for unanswered-past-target; default now. */
  asOf?: number;
}

export interface SeriesQuery extends KpiQuery {
  bucket: TimeBucket;
  metrics: readonly KpiName[];
}

/** at = the bucket's start (epoch ms). */
export interface SeriesPoint {
  at: number;
  values: Partial<KpiValues>;
}

/** Every bucket of the period is present, empty ones included. */
export interface Series {
  key: string;
  points: SeriesPoint[];
}

export function isKpiName(value: string): value is KpiName {
  return (KPI_NAMES as readonly string[]).includes(value);
}

export function isSliceDimension(value: string): value is SliceDimension {
  return (SLICE_DIMENSIONS as readonly string[]).includes(value);
}

export function isTimeBucket(value: string): value is TimeBucket {
  return (TIME_BUCKETS as readonly string[]).includes(value);
}

/** The agent slice value of a case nobody answered or worked on. */
export const UNASSIGNED = "unassigned";

export type KpiUnit = "cases" | "minutes" | "hours" | "fraction" | "points" | "score" | "currency";

export interface KpiDefinition {
  name: KpiName;
  unit: KpiUnit;
  /** The exact definition (docs/metrics.md has the worked examples). */
  definition: string;
  /** Which way is good. */
  better: "higher" | "lower";
}

/** Every KPI with its unit and definition: the catalogue the API serves and the web app shows. */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  {
    name: "casesOpened",
    unit: "cases",
    definition: "Cases whose case.opened lies in the period.",
    better: "lower",
  },
  {
    name: "casesResolved",
    unit: "cases",
    definition: "Cases whose first case.resolved lies in the period.",
    better: "higher",
  },
  {
    name: "firstResponseMedianMinutes",
    unit: "minutes",
    definition:
      "Median wall-clock minutes from case.opened to the first public agent reply, over the cases opened in the period that have one (numpy-linear interpolation).",
    better: "lower",
  },
  {
    name: "firstResponseP90Minutes",
    unit: "minutes",
    definition: "90th percentile of the same first-response minutes (numpy-linear interpolation).",
    better: "lower",
  },
  {
    name: "resolutionMedianHours",
    unit: "hours",
    definition:
      "Median hours from case.opened to the first case.resolved, over the cases first resolved in the period.",
    better: "lower",
  },
  {
    name: "reopenRate",
    unit: "fraction",
    definition:
      "Cases first resolved in the period that were reopened at any time since ÷ cases first resolved in the period.",
    better: "lower",
  },
  {
    name: "recontactRate",
    unit: "fraction",
    definition:
      "Cases first resolved in the period followed, at or after that resolution and at most the recontact window (7 days) after it, by a new case of the same customer in the same top-level category ÷ cases first resolved in the period.",
    better: "lower",
  },
  {
    name: "fcrRate",
    unit: "fraction",
    definition:
      "Cases first resolved in the period with no handoff, no reopen and no recontact ÷ cases first resolved in the period.",
    better: "higher",
  },
  {
    name: "escalationRate",
    unit: "fraction",
    definition:
      "Cases opened in the period with at least one case.escalated ÷ cases opened in the period.",
    better: "lower",
  },
  {
    name: "slaFirstResponseAttainment",
    unit: "fraction",
    definition:
      "Cases opened in the period answered at or before their first-response due time ÷ cases opened in the period with a first-response target whose outcome is known: answered, or unanswered past the due time (missed). Unanswered cases not yet due are left out.",
    better: "higher",
  },
  {
    name: "backlog",
    unit: "cases",
    definition:
      "Cases new, open or pending (not resolved, not closed) at the end of the period, after every event before it.",
    better: "lower",
  },
  {
    name: "ahtMinutes",
    unit: "minutes",
    definition:
      "Sum of case.worked seconds in the period ÷ distinct cases with a case.worked in the period, in minutes.",
    better: "lower",
  },
  {
    name: "csat",
    unit: "points",
    definition: "CSAT answers 4–5 ÷ all CSAT answers in the period, as a percentage (0–100).",
    better: "higher",
  },
  {
    name: "nps",
    unit: "points",
    definition: "% of NPS answers 9–10 minus % of answers 0–6 in the period (−100 to 100).",
    better: "higher",
  },
  {
    name: "ces",
    unit: "score",
    definition:
      "Mean CES score of the answers in the period, on the CES 2.0 agreement scale (1–7, 7: it was easy).",
    better: "higher",
  },
  {
    name: "costPerCase",
    unit: "currency",
    definition:
      "Σ worked seconds in the period × the hourly cost of the team the case was in when worked ÷ 3,600, divided by the cases first resolved in the period; null when nothing was resolved or a worked team has no hourly cost.",
    better: "lower",
  },
];
