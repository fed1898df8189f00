import type { SurveyKind } from "../events/event.types.js";
import { type SliceDimension, UNASSIGNED } from "./kpi.js";

export type { SurveyKind };

/**
 * The facts of one case that the KPIs count: a case's whole history reduced to the instants,
 * values and slice values of PRODUCT.md's KPI definitions (docs/metrics.md has the semantics).
 * One row of `metric_case_facts` per case; `deriveCaseFacts` (case-facts.derive.ts) computes it
 * from the case's events, `contributionsOf` turns it into the additive contributions the roll-ups
 * sum, and the exact engine (kpi-exact.ts) reads it directly.
 *
 * Slice values are those at the instant of the counted event: the team and agent of the case at
 * that instant; channel and category the case's current ones; region, tier and segment the
 * customer's current ones.
 */
export interface CaseFacts {
  caseId: string;
  customerId: string;
  channel: string;
  /** Current category (`top/sub`): a re-categorisation corrects it. */
  category: string;
  categoryTop: string;
  /** The customer's current attributes. */
  region: string;
  tier: string;
  segment: string;
  openedAt: number;
  /** The team the case was opened in. */
  openedTeam: string;
  /** The first public agent reply (the first response), epoch ms. */
  firstResponseAt: number | null;
  /** The agent of that reply. */
  firstResponseAgent: string | null;
  /** At least one `case.escalated` in the history. */
  escalated: boolean;
  /** The first-response due time of the case's SLA (sla_clocks); null: no first-response target. */
  firstResponseDueAt: number | null;
  firstResolvedAt: number | null;
  /** Team and agent holding the case at its first resolution. */
  resolvedTeam: string | null;
  resolvedAgent: string | null;
  /** Reopened at any time after the first resolution. */
  reopened: boolean;
  /**
   * The case that made this one a recontact: same customer, same top-level category, opened at or
   * after the first resolution and at most the recontact window after it; null when none did.
   */
  recontactedBy: string | null;
  /** Every `case.handoff`, in time order. */
  handoffs: FactHandoff[];
  /** Every `case.worked`, in time order. */
  worked: FactWork[];
  /** Every `survey.answered`, in time order. */
  surveys: FactSurvey[];
  /**
   * When the case was in the backlog (status new, open or pending_*), split wherever the team or
   * agent holding it changed; `until` is null while the case is in the backlog now.
   */
  backlog: FactBacklogSpell[];
}

export interface FactHandoff {
  at: number;
  from: string;
  to: string;
}

export interface FactWork {
  at: number;
  seconds: number;
  /** The team the case was in when worked (the one whose hourly cost prices it). */
  team: string;
  /** The agent of the `case.worked` event. */
  agent: string;
}

export interface FactSurvey {
  at: number;
  kind: SurveyKind;
  score: number;
  /** Team and agent of the case at the answer. */
  team: string;
  agent: string;
}

export interface FactBacklogSpell {
  from: number;
  /** Exclusive end; null: still in the backlog. */
  until: number | null;
  team: string;
  agent: string;
}

/** What a roll-up row sums. */
export type RollupField =
  | "opened"
  | "frMinutes"
  | "escalated"
  | "slaTarget"
  | "slaMet"
  | "resolved"
  | "resolutionHours"
  | "reopened"
  | "recontacted"
  | "fcr"
  | "backlogDelta"
  | "workedSeconds"
  | "workFirst"
  | "csat"
  | "nps"
  | "ces";

/** One additive contribution of a case to the roll-ups (see contributionsOf). */
export interface Contribution {
  /** Instant of the counted event. */
  at: number;
  /** Slice values at that instant ("unassigned" for no agent). */
  dims: Record<SliceDimension, string>;
  field: RollupField;
  /** Count 1, seconds, minutes, score …; for backlog ±1. */
  value: number;
  /** For worked seconds: the team to price (cost per case). */
  team?: string;
}

export type SlaFirstResponseOutcome = "met" | "missed" | "pending" | "none";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Minutes from opening to the first response; null without one. */
export function firstResponseMinutes(facts: CaseFacts): number | null {
  return facts.firstResponseAt === null
    ? null
    : (facts.firstResponseAt - facts.openedAt) / MINUTE_MS;
}

/** Hours from opening to the first resolution; null while never resolved. */
export function resolutionHours(facts: CaseFacts): number | null {
  return facts.firstResolvedAt === null ? null : (facts.firstResolvedAt - facts.openedAt) / HOUR_MS;
}

/** Resolved, with no handoff, no reopen and no recontact (first contact resolution). */
export function isFirstContactResolution(facts: CaseFacts): boolean {
  return (
    facts.firstResolvedAt !== null &&
    facts.handoffs.length === 0 &&
    !facts.reopened &&
    facts.recontactedBy === null
  );
}

/**
 * The first-response SLA outcome as known at `asOf`: met when answered at or before the due time,
 * missed when answered after it or still unanswered with the due time before `asOf`, pending when
 * unanswered and not yet due, none without a first-response target.
 */
export function slaFirstResponseOutcome(facts: CaseFacts, asOf: number): SlaFirstResponseOutcome {
  const due = facts.firstResponseDueAt;
  if (due === null) return "none";
  if (facts.firstResponseAt !== null) return facts.firstResponseAt <= due ? "met" : "missed";
  return due < asOf ? "missed" : "pending";
}

/** Total handling seconds of the case. */
export function workedSecondsOf(facts: CaseFacts): number {
  return facts.worked.reduce((sum, work) => sum + work.seconds, 0);
}

/** The slice values of a case at an instant where `team` and `agent` held it. */
export function dimsOf(
  facts: CaseFacts,
  team: string,
  agent: string | null,
): Record<SliceDimension, string> {
  return {
    team,
    channel: facts.channel,
    category: facts.category,
    categoryTop: facts.categoryTop,
    region: facts.region,
    tier: facts.tier,
    segment: facts.segment,
    agent: agent ?? UNASSIGNED,
  };
}

/**
 * Everything a case adds to the roll-ups, one contribution per counted value, each at the instant
 * of its event with the slice values of that instant:
 * - at the opening (opening team; agent of the first response, else "unassigned"): `opened`,
 *   `frMinutes` (answered cases), `escalated`, `slaTarget` and `slaMet` (answered cases with a
 *   first-response target; unanswered ones are read from the facts at query time, because their
 *   outcome depends on the evaluation instant);
 * - at the first resolution (team and agent then): `resolved`, `resolutionHours`, `reopened`,
 *   `recontacted`, `fcr`;
 * - `backlogDelta` +1 when a backlog spell starts and −1 when it ends (team and agent holding it);
 * - per `case.worked`: `workedSeconds` (team of the case, agent of the event; `team` to price it)
 *   and, for the first one ever, `workFirst`;
 * - per survey answer: `csat`, `nps` or `ces` with the score (team and agent at the answer).
 *
 * @example
 * // Opened 09:00 by team "t1", first reply 09:30 by "a1", no target, not resolved, in the backlog:
 * contributionsOf(facts) // opened 1 and frMinutes 30 at 09:00; backlogDelta +1 at 09:00
 */
export function contributionsOf(facts: CaseFacts): Contribution[] {
  const contributions: Contribution[] = [];
  const opening = dimsOf(facts, facts.openedTeam, facts.firstResponseAgent);
  const add = (
    at: number,
    dims: Record<SliceDimension, string>,
    field: RollupField,
    value: number,
  ) => contributions.push({ at, dims, field, value });
  add(facts.openedAt, opening, "opened", 1);
  const minutes = firstResponseMinutes(facts);
  if (minutes !== null) add(facts.openedAt, opening, "frMinutes", minutes);
  if (facts.escalated) add(facts.openedAt, opening, "escalated", 1);
  if (facts.firstResponseDueAt !== null && facts.firstResponseAt !== null) {
    add(facts.openedAt, opening, "slaTarget", 1);
    if (facts.firstResponseAt <= facts.firstResponseDueAt)
      add(facts.openedAt, opening, "slaMet", 1);
  }
  if (facts.firstResolvedAt !== null) {
    const at = facts.firstResolvedAt;
    const resolution = dimsOf(facts, facts.resolvedTeam ?? facts.openedTeam, facts.resolvedAgent);
    add(at, resolution, "resolved", 1);
    add(at, resolution, "resolutionHours", (at - facts.openedAt) / HOUR_MS);
    if (facts.reopened) add(at, resolution, "reopened", 1);
    if (facts.recontactedBy !== null) add(at, resolution, "recontacted", 1);
    if (isFirstContactResolution(facts)) add(at, resolution, "fcr", 1);
  }
  for (const spell of facts.backlog) {
    const dims = dimsOf(facts, spell.team, spell.agent);
    add(spell.from, dims, "backlogDelta", 1);
    if (spell.until !== null) add(spell.until, dims, "backlogDelta", -1);
  }
  for (const [index, work] of facts.worked.entries()) {
    const dims = dimsOf(facts, work.team, work.agent);
    contributions.push({
      at: work.at,
      dims,
      field: "workedSeconds",
      value: work.seconds,
      team: work.team,
    });
    if (index === 0) add(work.at, dims, "workFirst", 1);
  }
  for (const survey of facts.surveys) {
    add(survey.at, dimsOf(facts, survey.team, survey.agent), survey.kind, survey.score);
  }
  return contributions;
}
