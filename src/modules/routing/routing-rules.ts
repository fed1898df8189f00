import { CHANNELS, type Channel, PRIORITIES, type Priority } from "../events/event.types.js";

/**
 * The `routing-rules` settings document: ordered rules that decide, for a case being opened (or
 * re-routed after a re-categorisation), its team and queue, its priority, its tags and the
 * skills an agent needs to take it. Every decision is recorded as a `case.routed` event naming
 * the rule that set the team (docs/routing.md).
 *
 * Evaluation (routing-evaluate.ts): rules are tried in order, disabled rules skipped. Every rule
 * whose conditions hold fires; the FIRST rule that sets a team (and queue) decides them, the
 * first that sets or raises the priority decides it, tags and required skills accumulate (the
 * highest level wins per skill). A rule with `stop` ends evaluation when it fires. A case no
 * rule routes goes to `fallbackTeam`, or stays with the team it was opened for when that is null.
 */
export interface RoutingRuleSet {
  /** Off: cases keep the team they were opened for and no `case.routed` is recorded. */
  enabled: boolean;
  fallbackTeam: string | null;
  rules: RoutingRule[];
}

export interface RoutingRule {
  /** Stable id, `[a-z0-9][a-z0-9_-]*`; named in `case.routed` events and reports. */
  id: string;
  name: string;
  enabled: boolean;
  /** `all`: every condition must hold; `any`: one is enough. A rule with no conditions always fires. */
  match: "all" | "any";
  conditions: RoutingCondition[];
  actions: RoutingActions;
  /** When this rule fires, later rules are not tried. */
  stop: boolean;
}

export interface RoutingActions {
  setTeam?: string;
  /** A named queue inside the team (needs `setTeam` in the same rule or an earlier one). */
  setQueue?: string;
  setPriority?: Priority;
  /** Steps up (positive) or down (negative) the urgent > high > normal > low scale. */
  raisePriority?: number;
  addTags?: string[];
  requireSkills?: RequiredSkill[];
}

export interface RequiredSkill {
  skill: string;
  /** 1 (basic) to 5 (expert): an agent needs at least this level. */
  level: number;
}

export const SKILL_LEVEL_MIN = 1;
export const SKILL_LEVEL_MAX = 5;

export const CONDITION_OPS = [
  "equals",
  "not_equals",
  "in",
  "not_in",
  /** Text: case-insensitive substring. List (tags): holds the value. */
  "contains",
  /** Text: any of the listed keywords as a whole word, case-insensitive. */
  "contains_any",
  /** Text: a JavaScript regular expression (flags `i`), checked when the rule is saved. */
  "matches",
  "gt",
  "gte",
  "lt",
  "lte",
  /** The field has a value (not null, not empty). */
  "exists",
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface RoutingCondition {
  field: RoutingField;
  op: ConditionOp;
  /** A string, a number, or a list of strings for `in`, `not_in`, `contains_any`; absent for `exists`. */
  value?: string | number | string[];
}

export type FieldKind = "enum" | "string" | "text" | "list" | "number";

/** The ops each kind of field takes (routing-validate.ts refuses any other pairing). */
export const OPS_BY_FIELD_KIND = {
  number: ["equals", "not_equals", "gt", "gte", "lt", "lte", "exists"],
  enum: ["equals", "not_equals", "in", "not_in", "exists", "matches"],
  string: ["equals", "not_equals", "in", "not_in", "exists", "matches"],
  text: ["contains", "contains_any", "matches", "exists", "equals"],
  list: ["contains", "exists"],
} as const satisfies Record<FieldKind, readonly ConditionOp[]>;

/** Ops whose value is a list of strings; `exists` takes no value, every other op one value. */
export const LIST_VALUE_OPS: readonly ConditionOp[] = ["in", "not_in", "contains_any"];

/** The longest `matches` pattern a rule may hold. */
export const MAX_PATTERN_LENGTH = 500;

/** What a condition may look at: every field of the case and its customer, and their history. */
export const ROUTING_FIELDS = {
  "case.channel": { kind: "enum", values: CHANNELS },
  "case.category": { kind: "string" },
  /** The part of the category before the slash. */
  "case.topCategory": { kind: "string" },
  "case.priority": { kind: "enum", values: PRIORITIES },
  /** The team the case was opened for (or is with, when re-routed). */
  "case.team": { kind: "string" },
  "case.subject": { kind: "text" },
  "case.body": { kind: "text" },
  /** Subject and body together: for keyword rules. */
  "case.text": { kind: "text" },
  "case.tags": { kind: "list" },
  "customer.tier": { kind: "string" },
  "customer.segment": { kind: "string" },
  "customer.region": { kind: "string" },
  "customer.language": { kind: "string" },
  /** The customer's cases open now (not resolved or closed), this one not counted. */
  "customer.openCases": { kind: "number" },
  /** The customer's cases opened in the last 30 days, this one not counted. */
  "customer.casesLast30Days": { kind: "number" },
  /** The customer's cases of the last 30 days linked as recontacts of an earlier case. */
  "customer.recentRecontacts": { kind: "number" },
} as const satisfies Record<string, { kind: FieldKind; values?: readonly string[] }>;
export type RoutingField = keyof typeof ROUTING_FIELDS;

/** What routing knows about a case and its customer when it decides. */
export interface RoutingSubject {
  case: {
    channel: Channel;
    category: string;
    priority: Priority;
    /** The team the case was opened for or is with; null when the intake named none. */
    team: string | null;
    subject: string | null;
    body: string | null;
    tags: string[];
  };
  customer: {
    tier: string;
    segment: string;
    region: string;
    language: string | null;
    openCases: number;
    casesLast30Days: number;
    recentRecontacts: number;
  };
}

/** One condition as evaluated, for the rule editor's test panel and the case page. */
export interface ConditionTrace {
  field: RoutingField;
  op: ConditionOp;
  value?: string | number | string[];
  /** What the field held. */
  actual: string | number | string[] | null;
  holds: boolean;
  /** For `contains_any` and `matches`: the keyword or the text that matched. */
  matched?: string;
}

export interface RuleTrace {
  rule: string;
  name: string;
  /** `disabled`: the rule is off; `skipped`: an earlier rule fired with `stop`. */
  outcome: "fired" | "not_matched" | "disabled" | "skipped";
  /** Every condition with what the field held (empty for disabled and skipped rules). */
  conditions: ConditionTrace[];
  /** The actions that took effect (an action an earlier rule already decided does not). */
  applied: (keyof RoutingActions)[];
}

export interface RoutingDecision {
  team: string;
  queue: string | null;
  priority: Priority;
  tags: string[];
  skills: RequiredSkill[];
  /** The rule that set the team; null when the fallback team or the intake team was kept. */
  rule: string | null;
  /** Every rule that fired, in order. */
  fired: string[];
  /** Every rule as evaluated; empty unless evaluated with `{ explain: true }`. */
  trace: RuleTrace[];
}
