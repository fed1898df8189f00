import { AppError } from "../../errors.js";
import type { Case } from "./case.js";
import { type CaseEvent, DEFAULT_REOPEN_WINDOW_MS, transition } from "./case-lifecycle.js";

/** The agent id in a `case.replied` `by` field (`agent:ID`), or null for the customer. */
export function agentOfReply(by: string): string | null {
  return by.startsWith("agent:") ? by.slice("agent:".length) : null;
}

/**
 * Applies one case event to a case's state and returns the new state. Pure: the same fold
 * serves live writes, bulk import and the rebuild of a case whose events arrived out of order.
 * `state` is undefined only for `case.opened`. The status follows the lifecycle of
 * case-lifecycle.ts; an event the lifecycle refuses in the current state (a reopen of a closed
 * case, a second resolution) throws `case.invalid_transition` naming that state.
 */
export function foldCaseEvent(
  state: Case | undefined,
  event: CaseEvent,
  atMs: number,
  reopenWindowMs: number = DEFAULT_REOPEN_WINDOW_MS,
): Case {
  const outcome = transition(state?.status ?? null, event, {
    caseId: event.case,
    atMs,
    resolvedAt: state?.resolvedAt ?? null,
    reopenWindowMs,
  });
  if (!outcome.ok) {
    throw new AppError("case.invalid_transition", { message: outcome.reason, field: "type" });
  }
  return applyCaseEvent(state, event, atMs, outcome.next);
}

/**
 * Folds an event older than the case's newest one without checking the lifecycle against the
 * present state, which is not the state the case was in at that time. The recorder re-folds such
 * a case from its whole history with `foldCaseEvent` after the batch, and that fold checks it.
 */
export function foldLateCaseEvent(state: Case, event: CaseEvent, atMs: number): Case {
  const outcome = transition(state.status, event, {
    caseId: event.case,
    atMs,
    resolvedAt: state.resolvedAt,
    reopenWindowMs: Number.POSITIVE_INFINITY,
  });
  return applyCaseEvent(state, event, atMs, outcome.ok ? outcome.next : state.status);
}

function applyCaseEvent(
  state: Case | undefined,
  event: CaseEvent,
  atMs: number,
  status: Case["status"],
): Case {
  if (event.type === "case.opened") {
    return {
      id: event.case,
      customerId: event.customer,
      subject: event.subject ?? null,
      channel: event.channel,
      category: event.category,
      priority: event.priority,
      teamId: event.team,
      queue: null,
      agentId: null,
      tags: event.tags ?? [],
      requiredSkills: [],
      routedRule: null,
      recategorisedCount: 0,
      status,
      openedAt: atMs,
      firstResponseAt: null,
      firstResolvedAt: null,
      resolvedAt: null,
      reopenCount: 0,
      handoffCount: 0,
      escalationLevel: 0,
      workedSeconds: 0,
      rootCause: null,
      lastEventAt: atMs,
      updatedAt: atMs,
    };
  }
  if (!state) throw new Error(`foldCaseEvent: ${event.type} before case.opened`);
  const next: Case = {
    ...state,
    status,
    lastEventAt: Math.max(state.lastEventAt, atMs),
    updatedAt: atMs,
  };
  switch (event.type) {
    case "case.assigned":
      next.agentId = event.agent;
      if (event.team) next.teamId = event.team;
      break;
    case "case.replied":
      if (event.public && agentOfReply(event.by) !== null && next.firstResponseAt === null) {
        next.firstResponseAt = atMs;
      }
      break;
    case "case.handoff":
      next.teamId = event.to;
      // The receiving team picks the case up afresh: its main queue, any of its agents (the
      // skills routing asked of the sending team's agents are not theirs to meet).
      next.agentId = null;
      next.queue = null;
      next.requiredSkills = [];
      next.handoffCount += 1;
      break;
    case "case.status":
      // The status is the lifecycle's: `event.status` when the transition allows it.
      break;
    case "case.escalated":
      next.escalationLevel = Math.max(next.escalationLevel, event.level);
      break;
    case "case.worked":
      next.workedSeconds += event.seconds;
      break;
    case "case.resolved":
      next.resolvedAt = atMs;
      next.firstResolvedAt ??= atMs;
      if (event.rootCause !== undefined) next.rootCause = event.rootCause;
      break;
    case "case.reopened":
      next.resolvedAt = null;
      next.reopenCount += 1;
      break;
    case "case.closed":
      // `resolvedAt` stays: a closed case is still one resolved at that time.
      break;
    case "survey.answered":
      // Survey answers belong to the case's journey but change none of its state fields.
      break;
    case "case.linked":
    case "case.merged":
    case "case.merged_into":
      // Links live in case_links (src/modules/cases/case-links.ts); the status is the lifecycle's.
      break;
    case "case.routed":
      if (event.team !== next.teamId) next.agentId = null;
      next.teamId = event.team;
      next.queue = event.queue ?? null;
      next.priority = event.priority;
      next.tags = [...new Set([...next.tags, ...(event.tags ?? [])])];
      next.requiredSkills = event.skills ?? [];
      next.routedRule = event.rule;
      break;
    case "case.recategorised":
      next.category = event.category;
      next.recategorisedCount += 1;
      break;
    case "sla.at_risk":
    case "sla.breached":
    case "sla.breach_predicted":
      // Clock state lives in sla_clocks; these events record when a threshold was crossed.
      break;
    default: {
      const exhaustive: never = event;
      throw new Error(`foldCaseEvent: unhandled ${(exhaustive as CaseEvent).type}`);
    }
  }
  return next;
}
