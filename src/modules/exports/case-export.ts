import {
  type CaseFacts,
  firstResponseMinutes,
  isFirstContactResolution,
  resolutionHours,
  type SlaFirstResponseOutcome,
  type SurveyKind,
  slaFirstResponseOutcome,
  workedSecondsOf,
} from "../metrics/case-facts.js";
import type { CsvValue } from "./csv-writer.js";

/**
 * The one-row-per-case export: every input the KPIs read for a case, from its facts
 * (`metric_case_facts`). docs/exports.md defines each column; a test keeps that list and
 * CASE_EXPORT_COLUMNS in step.
 */

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns, in file order (CSV header and NDJSON key order). */
export const CASE_EXPORT_COLUMNS = [
  "caseId",
  "customerId",
  "channel",
  "category",
  "categoryTop",
  "region",
  "tier",
  "segment",
  "openedAt",
  "openedTeam",
  "openedInPeriod",
  "firstResponseAt",
  "firstResponseAgent",
  "firstResponseMinutes",
  "slaFirstResponseDueAt",
  "slaFirstResponseOutcome",
  "escalated",
  "firstResolvedAt",
  "resolvedTeam",
  "resolvedAgent",
  "resolvedInPeriod",
  "resolutionHours",
  "handoffs",
  "reopened",
  "recontacted",
  "recontactedBy",
  "fcr",
  "workedSeconds",
  "csat",
  "nps",
  "ces",
] as const;
export type CaseExportColumn = (typeof CASE_EXPORT_COLUMNS)[number];

export interface CaseExportRow extends Record<CaseExportColumn, CsvValue> {
  caseId: string;
  customerId: string;
  openedAt: string;
  openedInPeriod: boolean;
  resolvedInPeriod: boolean;
  slaFirstResponseOutcome: SlaFirstResponseOutcome;
  handoffs: number;
  workedSeconds: number;
}

export interface ExportPeriod {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** The instant the SLA outcome of unanswered cases is judged at. */
  asOf: number;
}

/**
 * A case's export row for a period: times as ISO-8601 UTC, durations in the KPIs' units
 * (minutes to first response, hours to resolution, seconds worked), flags as booleans, null where
 * a value does not exist (not answered, not resolved, no survey answer).
 *
 * @example
 * // Opened 09:00, first public reply 09:30, resolved 11:00 the same day, no target:
 * toCaseExportRow(facts, period) // {firstResponseMinutes: 30, resolutionHours: 2,
 * //   slaFirstResponseOutcome: "none", fcr: true, …}
 */
export function toCaseExportRow(facts: CaseFacts, period: ExportPeriod): CaseExportRow {
  const within = (at: number | null) => at !== null && at >= period.from && at < period.to;
  const resolved = facts.firstResolvedAt !== null;
  return {
    caseId: facts.caseId,
    customerId: facts.customerId,
    channel: facts.channel,
    category: facts.category,
    categoryTop: facts.categoryTop,
    region: facts.region,
    tier: facts.tier,
    segment: facts.segment,
    openedAt: isoOf(facts.openedAt),
    openedTeam: facts.openedTeam,
    openedInPeriod: within(facts.openedAt),
    firstResponseAt: isoOrNull(facts.firstResponseAt),
    firstResponseAgent: facts.firstResponseAgent,
    firstResponseMinutes: firstResponseMinutes(facts),
    slaFirstResponseDueAt: isoOrNull(facts.firstResponseDueAt),
    slaFirstResponseOutcome: slaFirstResponseOutcome(facts, period.asOf),
    escalated: facts.escalated,
    firstResolvedAt: isoOrNull(facts.firstResolvedAt),
    resolvedTeam: facts.resolvedTeam,
    resolvedAgent: facts.resolvedAgent,
    resolvedInPeriod: within(facts.firstResolvedAt),
    resolutionHours: resolutionHours(facts),
    handoffs: facts.handoffs.length,
    reopened: resolved ? facts.reopened : null,
    recontacted: resolved ? facts.recontactedBy !== null : null,
    recontactedBy: facts.recontactedBy,
    fcr: resolved ? isFirstContactResolution(facts) : null,
    workedSeconds: workedSecondsOf(facts),
    csat: latestScore(facts, "csat"),
    nps: latestScore(facts, "nps"),
    ces: latestScore(facts, "ces"),
  };
}

/** The score of the case's latest answer of a kind (surveys are in time order); null without one. */
function latestScore(facts: CaseFacts, kind: SurveyKind): number | null {
  for (let index = facts.surveys.length - 1; index >= 0; index -= 1) {
    const survey = facts.surveys[index];
    if (survey?.kind === kind) return survey.score;
  }
  return null;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoOf(ms);
}
