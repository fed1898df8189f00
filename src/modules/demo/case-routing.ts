/**
 * Routing in the demo: each new case is evaluated against the demo's routing rules
 * (demoRoutingRules in demo-settings.ts) with its customer's attributes and history, as the
 * routing service would on opening it, and the decision is recorded as `case.routed` at the
 * opening's instant.
 */
import { type CompiledRuleSet, evaluateRouting } from "../routing/routing-evaluate.js";
import type { RoutingDecision } from "../routing/routing-rules.js";
import { buildRoutingSubject, type RoutingCaseFields } from "../routing/routing-subject.js";
import type { CaseIntake } from "./case-intake.js";
import type { HistoryCounts } from "./customer-history.js";
import type { EventBody, EventDraft } from "./event-draft.js";
import type { DemoCustomer } from "./roster.js";

export function routeCase(
  rules: CompiledRuleSet,
  fields: RoutingCaseFields,
  customer: DemoCustomer,
  history: HistoryCounts,
): RoutingDecision {
  return evaluateRouting(
    rules,
    buildRoutingSubject(fields, {
      tier: customer.tier.tier,
      segment: customer.segment,
      region: customer.region,
      language: customer.language,
      ...history,
    }),
  );
}

/** The decision for a new case, opened for the team its category is served by. */
export function routeNewCase(
  rules: CompiledRuleSet,
  intake: CaseIntake,
  history: HistoryCounts,
): RoutingDecision {
  return routeCase(
    rules,
    {
      channel: intake.channel,
      category: intake.category.id,
      priority: intake.priority,
      team: intake.category.team,
      subject: intake.subject,
      body: intake.body,
    },
    intake.customer,
    history,
  );
}

export function routedEventBody(caseId: string, decision: RoutingDecision): EventBody {
  return {
    type: "case.routed",
    case: caseId,
    team: decision.team,
    ...(decision.queue === null ? {} : { queue: decision.queue }),
    priority: decision.priority,
    tags: decision.tags,
    skills: decision.skills,
    rule: decision.rule,
    fired: decision.fired,
  };
}

/**
 * `drafts` with a `case.routed` right after each opening of a case other than `caseId` (the
 * duplicate a customer opened while waiting), decided by `route` from that opening.
 */
export function routeOtherOpenings(
  drafts: readonly EventDraft[],
  caseId: string,
  route: (opened: Extract<EventBody, { type: "case.opened" }>, atMs: number) => RoutingDecision,
): EventDraft[] {
  const routed: EventDraft[] = [];
  for (const draft of drafts) {
    routed.push(draft);
    const { body } = draft;
    if (body.type === "case.opened" && body.case !== caseId) {
      routed.push({ atMs: draft.atMs, body: routedEventBody(body.case, route(body, draft.atMs)) });
    }
  }
  return routed;
}
