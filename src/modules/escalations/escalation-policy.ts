/**
 * Escalation policies: which policy applies to a case, and which of its steps are due for one
 * SLA clock that became at risk or breached.
 *
 * Pure: no I/O, no clock (`now` is an argument). Business time is calendar.ts's arithmetic.
 *
 * Step rules (issue 4, item 8):
 * - A step waits for its trigger: `at_risk` fires at the clock's at-risk instant, `breached` at
 *   its due time, and only once the SLA timer has recorded that event for the clock.
 * - It fires `afterMinutes` later, counted in business time on the policy's calendar (a start
 *   outside open hours counts from the next opening) or in wall-clock time.
 * - A clock that stopped at or before the step's instant cancels the step: a first response given
 *   before the team lead would be told means nobody is told.
 * - A paused clock (the case waits on the customer) fires nothing while it is paused; a step whose
 *   instant passed fires once the clock runs again, or once it is seen stopped after that instant.
 */
import type { Role } from "../../access/permissions.js";
import type { Priority } from "../events/event.types.js";
import { type BusinessCalendar, computeDueAtMillis } from "../sla/calendar.js";

export const ESCALATION_TRIGGERS = ["at_risk", "breached"] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export const ESCALATION_ACTIONS = ["notify", "escalate"] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export const ESCALATION_TIME_KINDS = ["business", "calendar"] as const;
export type EscalationTimeKind = (typeof ESCALATION_TIME_KINDS)[number];

export const RECIPIENT_KINDS = ["team_lead", "manager", "role", "user", "team"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Who a step notifies or escalates to. */
export type EscalationTarget =
  | { kind: "team_lead" }
  | { kind: "manager" }
  | { kind: "role"; role: Role }
  | { kind: "user"; user: string }
  | { kind: "team"; team: string };

export interface EscalationStep {
  trigger: EscalationTrigger;
  /** 0 or more minutes after the trigger, in `time`. */
  afterMinutes: number;
  time: EscalationTimeKind;
  /** `notify` keeps the case's escalation level; `escalate` raises it to `level`. */
  action: EscalationAction;
  /** Required for `escalate`, 1–10. */
  level?: number;
  to: EscalationTarget;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  /** Policies are tried in ascending position; the first whose conditions hold applies. */
  position: number;
  /** An absent or empty list matches anything. */
  conditions?: { tiers?: string[]; priorities?: Priority[] };
  /** Required when any step counts business time. */
  calendarId?: string;
  /** At-risk steps first, then breach steps, each in ascending `afterMinutes`. */
  steps: EscalationStep[];
}

export interface EscalationPolicies {
  policies: EscalationPolicy[];
}

/** The first policy (by position, then by order in the document) whose conditions hold. */
export function matchEscalationPolicy(
  policies: readonly EscalationPolicy[],
  attributes: { tier: string; priority: string },
): EscalationPolicy | undefined {
  const ordered = policies
    .map((policy, index) => ({ policy, index }))
    .sort((a, b) => a.policy.position - b.policy.position || a.index - b.index);
  const allows = (list: readonly string[] | undefined, value: string) =>
    list === undefined || list.length === 0 || list.includes(value);
  return ordered.find(
    ({ policy }) =>
      allows(policy.conditions?.tiers, attributes.tier) &&
      allows(policy.conditions?.priorities, attributes.priority),
  )?.policy;
}

/** How `to` is written in a `case.escalated` event: `team_lead`, `role:ops_manager`, `user:u-1`. */
export function describeTarget(target: EscalationTarget): string {
  switch (target.kind) {
    case "team_lead":
    case "manager":
      return target.kind;
    case "role":
      return `role:${target.role}`;
    case "user":
      return `user:${target.user}`;
    case "team":
      return `team:${target.team}`;
  }
}

/**
 * The instant a step fires, given the instant its trigger happened: `afterMinutes` later in the
 * step's time. Business time needs the policy's calendar (null when the policy has none or its
 * calendar is gone: then a business-time step cannot be placed and this returns null).
 *
 * @example
 * // Mon–Fri 09:00–17:00; at risk Friday 16:30, 60 business minutes → Monday 09:30
 */
export function computeStepFireAt(
  step: Pick<EscalationStep, "afterMinutes" | "time">,
  triggeredAt: number,
  calendar: BusinessCalendar | null,
): number | null {
  if (step.time === "calendar") return triggeredAt + step.afterMinutes * 60_000;
  if (calendar === null) return null;
  return computeDueAtMillis(calendar, new Date(triggeredAt), step.afterMinutes);
}

/** Where one SLA clock stands, as far as escalation cares. */
export interface ClockForEscalation {
  /** The at-risk instant, when the at-risk event was recorded for this cycle; else null. */
  atRiskAt: number | null;
  /** The due time, when the breach event was recorded for this cycle; else null. */
  breachedAt: number | null;
  /** When the clock stopped (a first response, a resolution …), or null while it runs. */
  stoppedAt: number | null;
  paused: boolean;
}

export interface DueStep {
  /** 1-based position of the step in the policy. */
  step: number;
  trigger: EscalationTrigger;
  fireAt: number;
  definition: EscalationStep;
}

export interface StepPlan {
  /** Steps whose instant has come and that nothing cancelled, in firing order. */
  due: DueStep[];
  /** Steps that can never fire for this clock cycle (the clock stopped before them). */
  cancelled: DueStep[];
  /** Steps of a business-time policy without a usable calendar. */
  unplaceable: number[];
}

/**
 * Which steps of `policy` are due for one clock at `now`. A step is due when its trigger was
 * recorded, its instant is at or before `now`, the clock did not stop at or before that instant,
 * and the clock is not paused. Whether a due step already fired is the caller's to know (its
 * event id is deterministic).
 */
export function planEscalationSteps(
  policy: Pick<EscalationPolicy, "steps">,
  calendar: BusinessCalendar | null,
  clock: ClockForEscalation,
  now: number,
): StepPlan {
  const plan: StepPlan = { due: [], cancelled: [], unplaceable: [] };
  for (const [index, definition] of policy.steps.entries()) {
    const triggeredAt = definition.trigger === "at_risk" ? clock.atRiskAt : clock.breachedAt;
    if (triggeredAt === null) continue;
    const fireAt = computeStepFireAt(definition, triggeredAt, calendar);
    if (fireAt === null) {
      plan.unplaceable.push(index + 1);
      continue;
    }
    const candidate = { step: index + 1, trigger: definition.trigger, fireAt, definition };
    if (clock.stoppedAt !== null && clock.stoppedAt <= fireAt) {
      plan.cancelled.push(candidate);
      continue;
    }
    if (fireAt > now || (clock.paused && clock.stoppedAt === null)) continue;
    plan.due.push(candidate);
  }
  plan.due.sort((a, b) => a.fireAt - b.fireAt || a.step - b.step);
  return plan;
}

/** The escalation level a fired step records: `escalate` sets its level, `notify` keeps the case's (at least 1). */
export function levelOfStep(step: EscalationStep, currentLevel: number): number {
  return step.action === "escalate" ? (step.level ?? 1) : Math.max(currentLevel, 1);
}
