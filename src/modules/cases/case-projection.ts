import type { ThroughlineEvent } from "../events/event.types.js";
import type { Case } from "./case.js";

type CaseEvent = Extract<ThroughlineEvent, { case: string }>;

/** The agent id in a `case.replied` `by` field (`agent:ID`), or null for the customer. */
export function agentOfReply(by: string): string | null {
  return by.startsWith("agent:") ? by.slice("agent:".length) : null;
}

/**
 * Applies one case event to a case's state and returns the new state. Pure: the same fold
 * serves live writes, bulk import and the rebuild of a case whose events arrived out of order.
 * `state` is undefined only for `case.opened`.
 */
export function foldCaseEvent(state: Case | undefined, event: CaseEvent, atMs: number): Case {
  if (event.type === "case.opened") {
    return {
      id: event.case,
      customerId: event.customer,
      subject: event.subject ?? null,
      channel: event.channel,
      category: event.category,
      priority: event.priority,
      teamId: event.team,
      agentId: null,
      status: "open",
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
  const next: Case = { ...state, lastEventAt: Math.max(state.lastEventAt, atMs), updatedAt: atMs };
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
      // The receiving team picks the case up afresh.
      next.agentId = null;
      next.handoffCount += 1;
      break;
    case "case.status":
      next.status = event.status;
      break;
    case "case.escalated":
      next.escalationLevel = Math.max(next.escalationLevel, event.level);
      break;
    case "case.worked":
      next.workedSeconds += event.seconds;
      break;
    case "case.resolved":
      next.status = "resolved";
      next.resolvedAt = atMs;
      next.firstResolvedAt ??= atMs;
      if (event.rootCause !== undefined) next.rootCause = event.rootCause;
      break;
    case "case.reopened":
      next.status = "open";
      next.resolvedAt = null;
      next.reopenCount += 1;
      break;
    case "survey.answered":
      // Survey answers belong to the case's journey but change none of its state fields.
      break;
    default: {
      const exhaustive: never = event;
      throw new Error(`foldCaseEvent: unhandled ${(exhaustive as CaseEvent).type}`);
    }
  }
  return next;
}
