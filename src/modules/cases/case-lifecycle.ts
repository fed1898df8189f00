import type { CaseStatus, ThroughlineEvent } from "../events/event.types.js";

/**
 * The case lifecycle as an explicit state machine: which event may happen to a case in which
 * state, and the state it leaves the case in. Pure; `foldCaseEvent` (case-projection.ts) applies
 * it to every case event, so the API, the import, the demo and the rebuild of a case whose events
 * arrived late all obey the same rules.
 *
 *   (none) ──case.opened──► new ──first case.assigned / first public agent reply──► open
 *   new, open, pending_customer, pending_internal ──case.status──► open | pending_customer | pending_internal
 *   new, open, pending_customer, pending_internal ──case.resolved──► resolved
 *   resolved ──case.reopened (within the reopen window after the resolution)──► open
 *   resolved ──case.closed──► closed                                 (nothing leaves closed)
 *
 * CASE_TRANSITIONS below is the full table, in the order the rules are tried:
 *
 * | event             | from                                                  | to                   | only when                                    |
 * |-------------------|-------------------------------------------------------|----------------------|----------------------------------------------|
 * | `case.opened`     | (no case)                                             | new                  |                                              |
 * | `case.assigned`   | new                                                   | open                 |                                              |
 * | `case.assigned`   | open, pending_customer, pending_internal, resolved    | (unchanged)          |                                              |
 * | `case.replied`    | new                                                   | open                 | a public reply by an agent                   |
 * | `case.replied`    | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.handoff`    | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.escalated`  | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.worked`     | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.status`     | new, open, pending_customer, pending_internal          | the event's `status` |                                              |
 * | `case.resolved`   | new, open, pending_customer, pending_internal          | resolved             |                                              |
 * | `case.reopened`   | resolved                                              | open                 | within the reopen window (default 14 days)  |
 * | `case.closed`     | resolved                                              | closed               |                                              |
 * | `survey.answered` | every state                                           | (unchanged)          |                                              |
 * | `case.linked`     | every state                                           | (unchanged)          |                                              |
 * | `case.merged`     | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.merged_into`| new, open, pending_customer, pending_internal, resolved | closed             |                                              |
 * | `sla.at_risk`, `sla.breached` | every state                               | (unchanged)          | (fired late for a case closed since)         |
 * | `sla.breach_predicted` | every state                                      | (unchanged)          |                                              |
 * | `case.routed`     | new, open, pending_customer, pending_internal, resolved | (unchanged)        |                                              |
 * | `case.recategorised` | new, open, pending_customer, pending_internal, resolved | (unchanged)     |                                              |
 *
 * Work on a resolved case (a reply, a note, an assignment) is kept without reopening it: only
 * `case.reopened` does that. A closed case takes no more work; survey answers, which customers
 * send when they please, are still recorded.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long after its resolution a case may be reopened, unless configured otherwise. */
export const DEFAULT_REOPEN_WINDOW_DAYS = 14;
export const DEFAULT_REOPEN_WINDOW_MS = DEFAULT_REOPEN_WINDOW_DAYS * DAY_MS;

/** Every event about a case, its opening included. */
export type CaseEvent = Extract<ThroughlineEvent, { case: string }>;
export type CaseEventType = CaseEvent["type"];

export function isCaseEvent(event: ThroughlineEvent): event is CaseEvent {
  return (
    event.type !== "team.upserted" &&
    event.type !== "agent.upserted" &&
    event.type !== "agent.presence" &&
    event.type !== "customer.upserted" &&
    event.type !== "alert.raised" &&
    event.type !== "alert.resolved"
  );
}

/** A case's lifecycle state; null before its `case.opened`. */
export type LifecycleState = CaseStatus | null;

/** What the rules need to know besides the state and the event. */
export interface TransitionContext {
  caseId: string;
  /** When the event happened, epoch ms. */
  atMs: number;
  /** The latest resolution of the case, epoch ms; null when it is not resolved. */
  resolvedAt: number | null;
  reopenWindowMs: number;
}

export type TransitionResult =
  | { ok: true; next: CaseStatus }
  | { ok: false; current: LifecycleState; reason: string };

type Guard = "public agent reply" | "within the reopen window";

export interface CaseTransition {
  event: CaseEventType;
  from: readonly LifecycleState[];
  /** The state after the event: a state, the current one, or the `status` the event sets. */
  to: CaseStatus | "unchanged" | "event status";
  when?: Guard;
}

const ACTIVE: readonly CaseStatus[] = ["new", "open", "pending_customer", "pending_internal"];
const NOT_CLOSED: readonly CaseStatus[] = [...ACTIVE, "resolved"];
const EVERY_STATE: readonly CaseStatus[] = [...NOT_CLOSED, "closed"];

/** The lifecycle table documented above: the first rule that matches decides. */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { event: "case.opened", from: [null], to: "new" },
  { event: "case.assigned", from: ["new"], to: "open" },
  { event: "case.assigned", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.replied", from: ["new"], to: "open", when: "public agent reply" },
  { event: "case.replied", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.handoff", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.escalated", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.worked", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.status", from: ACTIVE, to: "event status" },
  { event: "case.resolved", from: ACTIVE, to: "resolved" },
  { event: "case.reopened", from: ["resolved"], to: "open", when: "within the reopen window" },
  { event: "case.closed", from: ["resolved"], to: "closed" },
  { event: "survey.answered", from: EVERY_STATE, to: "unchanged" },
  { event: "case.linked", from: EVERY_STATE, to: "unchanged" },
  { event: "case.merged", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.merged_into", from: NOT_CLOSED, to: "closed" },
  { event: "sla.at_risk", from: EVERY_STATE, to: "unchanged" },
  { event: "sla.breached", from: EVERY_STATE, to: "unchanged" },
  { event: "sla.breach_predicted", from: EVERY_STATE, to: "unchanged" },
  { event: "case.routed", from: NOT_CLOSED, to: "unchanged" },
  { event: "case.recategorised", from: NOT_CLOSED, to: "unchanged" },
];

/** Statuses of a case whose work is done: retention and reports treat both alike. */
export const FINISHED_CASE_STATUSES = [
  "resolved",
  "closed",
] as const satisfies readonly CaseStatus[];

export function isCaseFinished(status: string): boolean {
  return (FINISHED_CASE_STATUSES as readonly string[]).includes(status);
}

/**
 * The state a case moves to when `event` happens to it in `state`, or why it may not happen.
 *
 * @example
 * transition("resolved", { type: "case.closed", case: "c1", at }, context) // { ok: true, next: "closed" }
 * transition("closed", { type: "case.reopened", case: "c1", at }, context)
 * // { ok: false, current: "closed",
 * //   reason: 'case "c1" is closed; case.reopened needs resolved within 14 days' }
 */
export function transition(
  state: LifecycleState,
  event: CaseEvent,
  context: TransitionContext,
): TransitionResult {
  for (const rule of CASE_TRANSITIONS) {
    if (rule.event !== event.type || !rule.from.includes(state)) continue;
    if (rule.when !== undefined && !guardHolds(rule.when, event, context)) continue;
    const next = targetOf(rule, state, event);
    if (next !== null) return { ok: true, next };
  }
  return { ok: false, current: state, reason: describeRefusal(state, event, context) };
}

function guardHolds(guard: Guard, event: CaseEvent, context: TransitionContext): boolean {
  switch (guard) {
    case "public agent reply":
      return event.type === "case.replied" && event.public && event.by.startsWith("agent:");
    case "within the reopen window":
      return (
        context.resolvedAt !== null && context.atMs - context.resolvedAt <= context.reopenWindowMs
      );
  }
}

function targetOf(
  rule: CaseTransition,
  state: LifecycleState,
  event: CaseEvent,
): CaseStatus | null {
  switch (rule.to) {
    case "unchanged":
      return state;
    case "event status":
      return event.type === "case.status" ? event.status : null;
    default:
      return rule.to;
  }
}

function describeRefusal(
  state: LifecycleState,
  event: CaseEvent,
  context: TransitionContext,
): string {
  const subject = `case "${context.caseId}"`;
  const current =
    state === null
      ? `${subject} does not exist`
      : state === "resolved" && event.type === "case.reopened" && context.resolvedAt !== null
        ? `${subject} has been resolved for ${formatDays(context.atMs - context.resolvedAt)}`
        : `${subject} is ${state}`;
  return `${current}; ${event.type} needs ${describeRequirement(event.type, context)}`;
}

/** `new, open or resolved`, plus the condition when every rule for the event has one. */
function describeRequirement(type: CaseEventType, context: TransitionContext): string {
  const rules = CASE_TRANSITIONS.filter((rule) => rule.event === type);
  const states = [...new Set(rules.flatMap((rule) => rule.from))].map((from) =>
    from === null ? "no case with this id yet" : from,
  );
  const listed =
    states.length <= 1
      ? (states[0] ?? "nothing")
      : `${states.slice(0, -1).join(", ")} or ${states.at(-1)}`;
  const guards = rules.map((rule) => rule.when);
  if (guards.every((guard) => guard === "within the reopen window")) {
    return `${listed} within ${formatDays(context.reopenWindowMs)}`;
  }
  return listed;
}

/** `14 days`, `1 day`, `2.5 days`; rounded up, so a time past the window never reads as in it. */
function formatDays(ms: number): string {
  const days = Math.ceil((ms / DAY_MS) * 10) / 10;
  return `${days} ${days === 1 ? "day" : "days"}`;
}
