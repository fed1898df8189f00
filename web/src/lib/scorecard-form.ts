/**
 * The "new scorecard" form ↔ the API's ScorecardBody. People type targets in the unit the
 * dashboards show: rates as percentages (90 for 90 %), durations in the KPI's minutes or hours,
 * CSAT/NPS in points; the API takes rates as fractions (0.9), so they are divided by 100 here.
 */
import type { Static } from "typebox";
import { KPI_NAMES, type KpiName, type SliceDimension } from "../../../src/modules/metrics/kpi.ts";
import type { ScorecardBody } from "../../../src/modules/scorecards/scorecard.schemas.ts";
import { KPI_LABELS, kpiDefinition } from "./metric-format.ts";

export type ScorecardRequest = Static<typeof ScorecardBody>;

export interface MetricDraft {
  on: boolean;
  /** In the display unit; "" for no target. */
  target: string;
  /** In the display unit; "" for none. */
  amberWithin: string;
}

export interface ScorecardDraft {
  name: string;
  description: string;
  /** The team or journey it is about: a dimension and a value, or "" for the whole workspace. */
  aboutDimension: SliceDimension | "";
  aboutKey: string;
  /** One row per value of this dimension, or "" for one row. */
  by: SliceDimension | "";
  metrics: Record<KpiName, MetricDraft>;
}

export interface DraftError {
  field: string;
  message: string;
}

/**
 * A starting point pairing operations and experience: first response and its SLA, resolution
 * time and backlog beside CSAT, NPS and first-contact resolution, with common targets.
 */
const STARTER_TARGETS: Partial<Record<KpiName, { target: string; amberWithin: string }>> = {
  firstResponseMedianMinutes: { target: "60", amberWithin: "30" },
  slaFirstResponseAttainment: { target: "90", amberWithin: "5" },
  resolutionMedianHours: { target: "24", amberWithin: "12" },
  backlog: { target: "", amberWithin: "" },
  csat: { target: "80", amberWithin: "5" },
  nps: { target: "30", amberWithin: "10" },
  fcrRate: { target: "70", amberWithin: "5" },
};

export function emptyScorecardDraft(): ScorecardDraft {
  const metrics = Object.fromEntries(
    KPI_NAMES.map((name) => {
      const starter = STARTER_TARGETS[name];
      return [
        name,
        {
          on: starter !== undefined,
          target: starter?.target ?? "",
          amberWithin: starter?.amberWithin ?? "",
        },
      ];
    }),
  ) as Record<KpiName, MetricDraft>;
  return { name: "", description: "", aboutDimension: "", aboutKey: "", by: "", metrics };
}

/** "%" for rates, else the KPI's own unit, for the form's input labels. */
export function targetUnit(name: KpiName): string {
  switch (kpiDefinition(name).unit) {
    case "fraction":
      return "%";
    case "minutes":
      return "min";
    case "hours":
      return "h";
    case "cases":
      return "cases";
    case "points":
      return "pts";
    case "score":
      return "1–7";
    case "currency":
      return "per case";
  }
}

function readNumber(
  text: string,
  field: string,
  label: string,
  errors: DraftError[],
): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    errors.push({ field, message: `${label} must be a number` });
    return undefined;
  }
  return value;
}

/** The request body, or the fields that stop it (named as the form's inputs). */
export function draftToScorecardRequest(
  draft: ScorecardDraft,
): { body: ScorecardRequest } | { errors: DraftError[] } {
  const errors: DraftError[] = [];
  if (draft.name.trim() === "")
    errors.push({ field: "name", message: "Give the scorecard a name" });
  if (draft.aboutDimension !== "" && draft.aboutKey.trim() === "") {
    errors.push({ field: "aboutKey", message: "Pick the value it is about" });
  }
  const metrics: ScorecardRequest["metrics"] = [];
  for (const name of KPI_NAMES) {
    const entry = draft.metrics[name];
    if (!entry.on) continue;
    const scale = kpiDefinition(name).unit === "fraction" ? 100 : 1;
    const target = readNumber(entry.target, `metrics.${name}.target`, KPI_LABELS[name], errors);
    const amber = readNumber(
      entry.amberWithin,
      `metrics.${name}.amberWithin`,
      `${KPI_LABELS[name]}'s amber margin`,
      errors,
    );
    if (amber !== undefined && amber !== null && amber < 0) {
      errors.push({
        field: `metrics.${name}.amberWithin`,
        message: `${KPI_LABELS[name]}'s amber margin cannot be negative`,
      });
      continue;
    }
    if (target === undefined || amber === undefined) continue;
    metrics.push({
      metric: name,
      target: target === null ? null : target / scale,
      ...(amber === null ? {} : { amberWithin: amber / scale }),
    });
  }
  if (metrics.length === 0) errors.push({ field: "metrics", message: "Pick at least one KPI" });
  if (errors.length > 0) return { errors };
  const description = draft.description.trim();
  return {
    body: {
      name: draft.name.trim(),
      ...(description === "" ? {} : { description }),
      by: draft.by === "" ? null : draft.by,
      filter: draft.aboutDimension === "" ? {} : { [draft.aboutDimension]: draft.aboutKey.trim() },
      metrics,
    },
  };
}

/** A target as the form shows it: rates back in percent. */
export function displayTarget(name: KpiName, value: number | null): number | null {
  if (value === null) return null;
  return kpiDefinition(name).unit === "fraction" ? Math.round(value * 100_000) / 1_000 : value;
}
