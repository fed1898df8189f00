import type {
  RoutingCondition,
  RoutingRule,
  RoutingRuleSet,
  RoutingSubject,
} from "../../src/modules/routing/routing-rules.js";

/** Builders shared by the routing test files; override what a test is about. */

export function buildRule(overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id: "rule",
    name: "A rule",
    enabled: true,
    match: "all",
    conditions: [],
    actions: { setTeam: "billing" },
    stop: false,
    ...overrides,
  };
}

export function buildRuleSet(
  rules: RoutingRule[],
  overrides: Partial<RoutingRuleSet> = {},
): RoutingRuleSet {
  return { enabled: true, fallbackTeam: null, rules, ...overrides };
}

export function condition(
  field: RoutingCondition["field"],
  op: RoutingCondition["op"],
  value?: RoutingCondition["value"],
): RoutingCondition {
  return value === undefined ? { field, op } : { field, op, value };
}

export function buildSubject(
  overrides: {
    case?: Partial<RoutingSubject["case"]>;
    customer?: Partial<RoutingSubject["customer"]>;
  } = {},
): RoutingSubject {
  return {
    case: {
      channel: "email",
      category: "billing/refund",
      priority: "normal",
      team: "general",
      subject: "Refund not received",
      body: "I returned the parcel two weeks ago and still have no refund.",
      tags: [],
      ...overrides.case,
    },
    customer: {
      tier: "gold",
      segment: "smb",
      region: "emea",
      language: "en",
      openCases: 0,
      casesLast30Days: 0,
      recentRecontacts: 0,
      ...overrides.customer,
    },
  };
}
