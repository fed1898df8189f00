import { topLevelCategory } from "../cases/case.js";
import { PRIORITIES, type Priority } from "../events/event.types.js";
import { KeywordIndex } from "./routing-keywords.js";
import {
  type ConditionOp,
  type ConditionTrace,
  type FieldKind,
  type RequiredSkill,
  ROUTING_FIELDS,
  type RoutingActions,
  type RoutingCondition,
  type RoutingDecision,
  type RoutingField,
  type RoutingRule,
  type RoutingRuleSet,
  type RoutingSubject,
  type RuleTrace,
} from "./routing-rules.js";

/**
 * Routing rules evaluated against a case (the semantics are documented on RoutingRuleSet in
 * routing-rules.ts and in docs/routing.md). Pure. A rule set is compiled once per saved version
 * (routing-rules.service.ts caches it): patterns become RegExps, lists become Sets and every
 * value is lower-cased, and the keywords of all rules are gathered in one index; evaluating a
 * case then reads its fields, lower-cases the few it compares (once each) and scans the subject
 * and body for keywords once, when a keyword rule first looks at them.
 *
 * Every comparison of strings ignores case. Conditions of a kind of field or op the validator
 * refuses (routing-validate.ts) never hold, so a document saved under older rules still routes.
 */

/** A rule set ready to evaluate; build it with `compileRuleSet`. */
export interface CompiledRuleSet {
  readonly enabled: boolean;
  readonly fallbackTeam: string | null;
  /** Every keyword of every `contains_any` condition, numbered. */
  readonly keywords: KeywordIndex;
  readonly rules: readonly CompiledRule[];
}

interface CompiledRule {
  readonly source: RoutingRule;
  readonly matchAll: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** The skills asked for, the highest level per skill. */
  readonly skills: readonly RequiredSkill[];
}

interface CompiledCondition {
  readonly source: RoutingCondition;
  readonly holds: (view: SubjectView) => boolean;
  /** The keyword or text that made it hold, for the trace of `contains_any` and `matches`. */
  readonly matched?: (view: SubjectView) => string | undefined;
}

type Actual = string | number | string[] | null;

const FIELD_KINDS: Readonly<Record<string, FieldKind>> = Object.fromEntries(
  Object.entries(ROUTING_FIELDS).map(([field, definition]) => [field, definition.kind]),
);

/** Where each string or text field's lower-cased value is kept in a SubjectView. */
const SLOTS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(ROUTING_FIELDS).map((field, index) => [field, index]),
);
const SLOT_COUNT = Object.keys(ROUTING_FIELDS).length;

function caseText(subject: RoutingSubject): string | null {
  const { subject: title, body } = subject.case;
  if (title === null || title === "") return body;
  if (body === null || body === "") return title;
  return `${title}\n${body}`;
}

/** What each field holds for a subject, as the trace shows it. */
const READERS: { readonly [F in RoutingField]: (subject: RoutingSubject) => Actual } = {
  "case.channel": (subject) => subject.case.channel,
  "case.category": (subject) => subject.case.category,
  "case.topCategory": (subject) => topLevelCategory(subject.case.category),
  "case.priority": (subject) => subject.case.priority,
  "case.team": (subject) => subject.case.team,
  "case.subject": (subject) => subject.case.subject,
  "case.body": (subject) => subject.case.body,
  "case.text": caseText,
  "case.tags": (subject) => subject.case.tags,
  "customer.tier": (subject) => subject.customer.tier,
  "customer.segment": (subject) => subject.customer.segment,
  "customer.region": (subject) => subject.customer.region,
  "customer.language": (subject) => subject.customer.language,
  "customer.openCases": (subject) => subject.customer.openCases,
  "customer.casesLast30Days": (subject) => subject.customer.casesLast30Days,
  "customer.recentRecontacts": (subject) => subject.customer.recentRecontacts,
};

/** The texts whose words keyword conditions look at; `case.text` is both. */
type ScannedText = "case.subject" | "case.body";
const SCANNED_TEXTS: Readonly<Record<string, readonly ScannedText[]>> = {
  "case.subject": ["case.subject"],
  "case.body": ["case.body"],
  "case.text": ["case.subject", "case.body"],
};

/**
 * A subject with what evaluation derives from it, each computed on first use and kept for the
 * other rules: the lower-cased strings, and for the subject and body the keywords they hold.
 */
class SubjectView {
  readonly subject: RoutingSubject;
  private readonly keywords: KeywordIndex;
  private readonly lowered: (string | null | undefined)[] = new Array(SLOT_COUNT);
  private subjectHits: Uint8Array | undefined;
  private bodyHits: Uint8Array | undefined;
  private loweredTags: string[] | undefined;

  constructor(subject: RoutingSubject, keywords: KeywordIndex) {
    this.subject = subject;
    this.keywords = keywords;
  }

  raw(field: RoutingField): Actual {
    return READERS[field](this.subject);
  }

  lower(field: RoutingField, slot: number): string | null {
    let value = this.lowered[slot];
    if (value === undefined) {
      const raw = READERS[field](this.subject);
      value = typeof raw === "string" ? raw.toLowerCase() : null;
      this.lowered[slot] = value;
    }
    return value;
  }

  /** Which keywords of the rule set the text holds: `hits[id]` is 1 for each. */
  keywordHits(field: ScannedText): Uint8Array {
    let hits = field === "case.subject" ? this.subjectHits : this.bodyHits;
    if (hits === undefined) {
      hits = new Uint8Array(this.keywords.size);
      const text = this.lower(field, SLOTS[field] ?? 0);
      if (text !== null) this.keywords.scan(text, hits);
      if (field === "case.subject") this.subjectHits = hits;
      else this.bodyHits = hits;
    }
    return hits;
  }

  tags(): string[] {
    if (this.loweredTags === undefined) {
      this.loweredTags = this.subject.case.tags.map((tag) => tag.toLowerCase());
    }
    return this.loweredTags;
  }
}

const NEVER: Pick<CompiledCondition, "holds"> = { holds: () => false };

function hasValue(value: Actual): boolean {
  if (value === null) return false;
  if (typeof value === "string" || Array.isArray(value)) return value.length > 0;
  return true;
}

function lowerString(value: RoutingCondition["value"]): string | undefined {
  return typeof value === "string" ? value.toLowerCase() : undefined;
}

function lowerSet(value: RoutingCondition["value"]): Set<string> | undefined {
  return Array.isArray(value) ? new Set(value.map((item) => item.toLowerCase())) : undefined;
}

function compilePattern(value: RoutingCondition["value"]): RegExp | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return new RegExp(value, "i");
  } catch {
    return undefined;
  }
}

function compileNumber(
  field: RoutingField,
  op: ConditionOp,
  value: RoutingCondition["value"],
): Pick<CompiledCondition, "holds"> {
  const read = READERS[field];
  if (op === "exists") return { holds: (view) => hasValue(read(view.subject)) };
  if (typeof value !== "number") return NEVER;
  const numberOf = (view: SubjectView) => read(view.subject) as number;
  switch (op) {
    case "equals":
      return { holds: (view) => numberOf(view) === value };
    case "not_equals":
      return { holds: (view) => numberOf(view) !== value };
    case "gt":
      return { holds: (view) => numberOf(view) > value };
    case "gte":
      return { holds: (view) => numberOf(view) >= value };
    case "lt":
      return { holds: (view) => numberOf(view) < value };
    case "lte":
      return { holds: (view) => numberOf(view) <= value };
    default:
      return NEVER;
  }
}

/** Enum and string fields: whole values compared, ignoring case. */
function compileString(
  field: RoutingField,
  op: ConditionOp,
  value: RoutingCondition["value"],
): Pick<CompiledCondition, "holds" | "matched"> {
  const slot = SLOTS[field] ?? 0;
  const lower = (view: SubjectView) => view.lower(field, slot);
  switch (op) {
    case "exists":
      return { holds: (view) => hasValue(lower(view)) };
    case "matches":
      return compileMatches(field, value);
  }
  const expected = lowerString(value);
  const set = lowerSet(value);
  if (op === "equals" && expected !== undefined) {
    return { holds: (view) => lower(view) === expected };
  }
  if (op === "not_equals" && expected !== undefined) {
    return { holds: (view) => lower(view) !== expected };
  }
  if (op === "in" && set !== undefined) {
    return {
      holds: (view) => {
        const actual = lower(view);
        return actual !== null && set.has(actual);
      },
    };
  }
  if (op === "not_in" && set !== undefined) {
    return {
      holds: (view) => {
        const actual = lower(view);
        return actual === null || !set.has(actual);
      },
    };
  }
  return NEVER;
}

function compileMatches(
  field: RoutingField,
  value: RoutingCondition["value"],
): Pick<CompiledCondition, "holds" | "matched"> {
  const pattern = compilePattern(value);
  if (pattern === undefined) return NEVER;
  const read = READERS[field];
  return {
    holds: (view) => {
      const actual = read(view.subject);
      return typeof actual === "string" && pattern.test(actual);
    },
    matched: (view) => {
      const actual = read(view.subject);
      return typeof actual === "string" ? pattern.exec(actual)?.[0] : undefined;
    },
  };
}

/** Text fields: substrings, whole-word keywords and patterns, ignoring case. */
function compileText(
  field: RoutingField,
  op: ConditionOp,
  value: RoutingCondition["value"],
  keywords: KeywordIndex,
): Pick<CompiledCondition, "holds" | "matched"> {
  const slot = SLOTS[field] ?? 0;
  const lower = (view: SubjectView) => view.lower(field, slot);
  switch (op) {
    case "exists":
      return { holds: (view) => hasValue(lower(view)) };
    case "matches":
      return compileMatches(field, value);
    case "contains_any":
      return compileKeywords(field, value, keywords);
  }
  const expected = lowerString(value);
  if (expected === undefined) return NEVER;
  if (op === "contains") {
    return {
      holds: (view) => lower(view)?.includes(expected) === true,
    };
  }
  if (op === "equals") return { holds: (view) => lower(view) === expected };
  return NEVER;
}

/**
 * `contains_any`: any keyword as whole words (routing-keywords.ts). The keywords of every rule
 * share one index, so the subject and body are each scanned once per case, whatever the number
 * of keyword rules.
 */
function compileKeywords(
  field: RoutingField,
  value: RoutingCondition["value"],
  keywords: KeywordIndex,
): Pick<CompiledCondition, "holds" | "matched"> {
  const texts = SCANNED_TEXTS[field];
  if (!Array.isArray(value) || texts === undefined) return NEVER;
  const listed = value
    .map((keyword) => ({ keyword, id: keywords.add(keyword) }))
    .filter((entry) => entry.id !== -1);
  const ids = Int32Array.from(listed, (entry) => entry.id);
  const [first, second] = texts;
  if (first === undefined) return NEVER;
  const holdsIn = (hits: Uint8Array) => {
    for (const id of ids) if (hits[id] === 1) return true;
    return false;
  };
  return {
    holds: (view) =>
      holdsIn(view.keywordHits(first)) ||
      (second !== undefined && holdsIn(view.keywordHits(second))),
    matched: (view) =>
      listed.find((entry) => texts.some((text) => view.keywordHits(text)[entry.id] === 1))?.keyword,
  };
}

/** The tags: `contains` one (ignoring case), or `exists` (at least one). */
function compileList(
  op: ConditionOp,
  value: RoutingCondition["value"],
): Pick<CompiledCondition, "holds"> {
  if (op === "exists") return { holds: (view) => view.subject.case.tags.length > 0 };
  const expected = lowerString(value);
  if (op === "contains" && expected !== undefined) {
    return { holds: (view) => view.tags().includes(expected) };
  }
  return NEVER;
}

function compileCondition(condition: RoutingCondition, keywords: KeywordIndex): CompiledCondition {
  const { field, op, value } = condition;
  const kind = FIELD_KINDS[field];
  const compiled =
    kind === "number"
      ? compileNumber(field, op, value)
      : kind === "enum" || kind === "string"
        ? compileString(field, op, value)
        : kind === "text"
          ? compileText(field, op, value, keywords)
          : kind === "list"
            ? compileList(op, value)
            : NEVER;
  return { source: condition, ...compiled };
}

/** The skills a rule asks for, the highest level per skill, in the order first named. */
function highestLevels(skills: readonly RequiredSkill[]): RequiredSkill[] {
  const levels = new Map<string, number>();
  for (const { skill, level } of skills) {
    levels.set(skill, Math.max(levels.get(skill) ?? level, level));
  }
  return [...levels].map(([skill, level]) => ({ skill, level }));
}

/**
 * Compiles a rule set for `evaluateRouting`. Expects a set `validateRoutingRules` accepted; a
 * condition it would refuse (an unknown field, an op the field does not take, a pattern that
 * does not compile) never holds.
 */
export function compileRuleSet(ruleSet: RoutingRuleSet): CompiledRuleSet {
  const keywords = new KeywordIndex();
  return {
    enabled: ruleSet.enabled,
    fallbackTeam: ruleSet.fallbackTeam,
    keywords,
    rules: ruleSet.rules.map((rule) => ({
      source: rule,
      matchAll: rule.match !== "any",
      conditions: rule.conditions.map((condition) => compileCondition(condition, keywords)),
      skills: highestLevels(rule.actions.requireSkills ?? []),
    })),
  };
}

function ruleHolds(rule: CompiledRule, view: SubjectView): boolean {
  const { conditions } = rule;
  if (conditions.length === 0) return true;
  if (rule.matchAll) {
    for (const condition of conditions) if (!condition.holds(view)) return false;
    return true;
  }
  for (const condition of conditions) if (condition.holds(view)) return true;
  return false;
}

/** Every condition with what the field held, and whether the rule holds. */
function explainRule(
  rule: CompiledRule,
  view: SubjectView,
): { holds: boolean; conditions: ConditionTrace[] } {
  const conditions = rule.conditions.map((condition): ConditionTrace => {
    const { field, op, value } = condition.source;
    const holds = condition.holds(view);
    const matched = holds ? condition.matched?.(view) : undefined;
    return {
      field,
      op,
      ...(value === undefined ? {} : { value }),
      actual: field in READERS ? view.raw(field) : null,
      holds,
      ...(matched === undefined ? {} : { matched }),
    };
  });
  const holds =
    conditions.length === 0 ||
    (rule.matchAll
      ? conditions.every((condition) => condition.holds)
      : conditions.some((condition) => condition.holds));
  return { holds, conditions };
}

/** `raisePriority(…, "normal", 1)` → "high"; clamped to urgent and low. */
function raisePriority(priority: Priority, steps: number): Priority {
  const index = PRIORITIES.indexOf(priority) - steps;
  return PRIORITIES[Math.min(PRIORITIES.length - 1, Math.max(0, index))] ?? priority;
}

/** No rule set a team, the set has no fallback team and the case came without one. */
export class RoutingNoTeamError extends Error {
  constructor() {
    super("no routing rule routes the case, the rules have no fallback team and the case no team");
    this.name = "RoutingNoTeamError";
  }
}

export interface EvaluateOptions {
  /** Fill `trace` with every rule and condition (the test panel); off on the hot path. */
  explain?: boolean;
}

/**
 * Where a case goes: rules in order, disabled ones passed over; every rule whose conditions hold
 * fires. The first firing rule that sets a team decides the team, with its queue if it names one;
 * a later firing rule with `setQueue` and no `setTeam` names the queue while none is set yet
 * (inside the team decided before it; before any team is decided it does nothing). The first
 * that sets or raises the priority decides it (raising steps from the case's own priority,
 * clamped to urgent and low). Tags and skills accumulate (the highest level per skill). A rule
 * with `stop` ends the evaluation when it fires.
 *
 * No rule set a team: the set's fallback team, else the case's own team, with no queue and
 * `rule` null. With neither, it throws RoutingNoTeamError: a case opened without a team needs a
 * rule that routes it or a fallback team (decideRouting turns this into a 400 naming the team).
 *
 * The caller checks `enabled`: this evaluates the rules either way (the test panel tries a
 * disabled draft).
 *
 * @example
 * // rules: [{ id: "vip", conditions: [customer.tier equals "platinum"], actions: { raisePriority: 1, addTags: ["vip"] } },
 * //         { id: "refunds", conditions: [case.text contains_any ["refund"]], actions: { setTeam: "billing" } }]
 * evaluateRouting(compiled, { case: { priority: "normal", team: "general", text: "Refund please" … }, customer: { tier: "platinum" … } })
 * // { team: "billing", queue: null, priority: "high", tags: ["vip"], rule: "refunds", fired: ["vip", "refunds"], … }
 */
export function evaluateRouting(
  compiled: CompiledRuleSet,
  subject: RoutingSubject,
  options: EvaluateOptions = {},
): RoutingDecision {
  const explain = options.explain === true;
  const view = new SubjectView(subject, compiled.keywords);
  const fired: string[] = [];
  const trace: RuleTrace[] = [];
  let team: string | null = null;
  let rule: string | null = null;
  let queue: string | null = null;
  let priority: Priority | null = null;
  let tags: string[] | undefined;
  let skills: RequiredSkill[] | undefined;
  let stopped = false;

  for (const compiledRule of compiled.rules) {
    const { source } = compiledRule;
    if (!source.enabled || stopped) {
      if (explain) {
        trace.push({
          rule: source.id,
          name: source.name,
          outcome: source.enabled ? "skipped" : "disabled",
          conditions: [],
          applied: [],
        });
      }
      continue;
    }
    let holds: boolean;
    let conditions: ConditionTrace[] | undefined;
    if (explain) ({ holds, conditions } = explainRule(compiledRule, view));
    else holds = ruleHolds(compiledRule, view);
    if (!holds) {
      if (explain) {
        trace.push({
          rule: source.id,
          name: source.name,
          outcome: "not_matched",
          conditions: conditions ?? [],
          applied: [],
        });
      }
      continue;
    }

    fired.push(source.id);
    const actions = source.actions;
    const applied: (keyof RoutingActions)[] = [];
    if (actions.setTeam !== undefined) {
      if (team === null) {
        team = actions.setTeam;
        rule = source.id;
        applied.push("setTeam");
        if (actions.setQueue !== undefined) {
          queue = actions.setQueue;
          applied.push("setQueue");
        }
      }
    } else if (actions.setQueue !== undefined && team !== null && queue === null) {
      queue = actions.setQueue;
      applied.push("setQueue");
    }
    if (priority === null) {
      if (actions.setPriority !== undefined) {
        priority = actions.setPriority;
        applied.push("setPriority");
      } else if (actions.raisePriority !== undefined) {
        priority = raisePriority(subject.case.priority, actions.raisePriority);
        applied.push("raisePriority");
      }
    }
    if (actions.addTags !== undefined && actions.addTags.length > 0) {
      tags ??= [];
      let added = false;
      for (const tag of actions.addTags) {
        if (!tags.includes(tag)) {
          tags.push(tag);
          added = true;
        }
      }
      if (added) applied.push("addTags");
    }
    if (compiledRule.skills.length > 0) {
      skills ??= [];
      let raised = false;
      for (const required of compiledRule.skills) {
        const held = skills.find((candidate) => candidate.skill === required.skill);
        if (held === undefined) {
          skills.push({ skill: required.skill, level: required.level });
          raised = true;
        } else if (required.level > held.level) {
          held.level = required.level;
          raised = true;
        }
      }
      if (raised) applied.push("requireSkills");
    }
    if (explain) {
      trace.push({
        rule: source.id,
        name: source.name,
        outcome: "fired",
        conditions: conditions ?? [],
        applied,
      });
    }
    if (source.stop) stopped = true;
  }

  const decidedTeam = team ?? compiled.fallbackTeam ?? subject.case.team;
  if (decidedTeam === null) throw new RoutingNoTeamError();
  return {
    team: decidedTeam,
    queue,
    priority: priority ?? subject.case.priority,
    tags: tags ?? [],
    skills: skills ?? [],
    rule,
    fired,
    trace,
  };
}
