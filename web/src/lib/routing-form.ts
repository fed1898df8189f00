/**
 * The routing rules as the rule editor holds them (docs/routing.md). A condition keeps both a
 * one-value text and a list, so switching between `equals` and `in` keeps what was typed; the
 * input a value gets depends on its field's kind and the op. Conversions keep the order of rules,
 * conditions and skills, so a server error about `rules.3.conditions.0.value` lands on the input
 * shown for it.
 */
import type { Priority } from "../../../src/modules/events/event.types.ts";
import {
  type ConditionOp,
  LIST_VALUE_OPS,
  OPS_BY_FIELD_KIND,
  ROUTING_FIELDS,
  type RoutingField,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
} from "../../../src/modules/routing/routing-rules.ts";
import type {
  RoutingActions,
  RoutingCondition,
  RoutingRule,
  RoutingRuleSet,
} from "../api/routing.ts";
import { uniqueId } from "./calendar-form.ts";
import { numberFromText, textFromNumber } from "./number-text.ts";

export interface ConditionDraft {
  field: RoutingField;
  op: ConditionOp;
  /** The value of a one-value op, as typed or picked. */
  text: string;
  /** The values of a list op (`in`, `not_in`, `contains_any`). */
  list: string[];
}

export interface SkillDraft {
  skill: string;
  level: number;
}

export interface ActionsDraft {
  /** "": the rule sets no team. */
  setTeam: string;
  /** "": the rule names no queue. */
  setQueue: string;
  /** A PriorityChange: "", "set:high", "raise:1", "raise:-1". */
  priority: string;
  addTags: string[];
  requireSkills: SkillDraft[];
}

export interface RuleDraft {
  id: string;
  name: string;
  enabled: boolean;
  match: RoutingRule["match"];
  stop: boolean;
  conditions: ConditionDraft[];
  actions: ActionsDraft;
}

export interface RuleSetDraft {
  enabled: boolean;
  /** "": a case no rule routes stays with its own team. */
  fallbackTeam: string;
  rules: RuleDraft[];
}

/** The input a condition's value is edited with. */
export type ValueInput =
  /** `exists` takes no value. */
  | { kind: "none" }
  | { kind: "number" }
  /** One value of an enum field (channel, priority). */
  | { kind: "choice"; options: readonly string[] }
  /** Several values of an enum field. */
  | { kind: "choices"; options: readonly string[] }
  | { kind: "team" }
  | { kind: "teams" }
  /** A regular expression: sent exactly as typed. */
  | { kind: "pattern" }
  | { kind: "text" }
  /** Any strings: category ids, tiers, keywords. */
  | { kind: "list" };

export const ROUTING_FIELD_NAMES = Object.keys(ROUTING_FIELDS) as RoutingField[];

/** The ops a field's kind takes; routing-validate.ts refuses any other pairing. */
export function opsForField(field: RoutingField): readonly ConditionOp[] {
  return OPS_BY_FIELD_KIND[ROUTING_FIELDS[field].kind];
}

export function isListOp(op: ConditionOp): boolean {
  return LIST_VALUE_OPS.includes(op);
}

function enumValuesOf(field: RoutingField): readonly string[] | null {
  const definition: { kind: string; values?: readonly string[] } = ROUTING_FIELDS[field];
  return definition.values ?? null;
}

/**
 * The input for a field and op: none for `exists`, a pattern for `matches`, a number for counts,
 * selects for enums and teams (several for `in` and `not_in`), a list for keywords and other
 * lists, text otherwise.
 */
export function valueInputOf(field: RoutingField, op: ConditionOp): ValueInput {
  if (op === "exists") return { kind: "none" };
  if (op === "matches") return { kind: "pattern" };
  const list = isListOp(op);
  if (ROUTING_FIELDS[field].kind === "number") return { kind: "number" };
  if (field === "case.team") return { kind: list ? "teams" : "team" };
  const values = enumValuesOf(field);
  if (values !== null) return { kind: list ? "choices" : "choice", options: values };
  return { kind: list ? "list" : "text" };
}

function sameInput(a: ValueInput, b: ValueInput): boolean {
  if (a.kind !== b.kind) return false;
  const optionsOf = (input: ValueInput) => ("options" in input ? input.options : null);
  return optionsOf(a) === optionsOf(b);
}

export function newConditionDraft(): ConditionDraft {
  return { field: "case.category", op: "equals", text: "", list: [] };
}

/**
 * The condition with another field: its op is kept when the new field takes it (else the field's
 * first op), its value when it is edited the same way (a channel is no team).
 */
export function changeConditionField(draft: ConditionDraft, field: RoutingField): ConditionDraft {
  const ops = opsForField(field);
  const op = ops.includes(draft.op) ? draft.op : (ops[0] ?? "exists");
  const keep = sameInput(valueInputOf(draft.field, draft.op), valueInputOf(field, op));
  return { field, op, text: keep ? draft.text : "", list: keep ? draft.list : [] };
}

/**
 * The condition with another op. Going from one value to a list takes the value along, and back
 * the list's first item, when the other side is still empty.
 */
export function changeConditionOp(draft: ConditionDraft, op: ConditionOp): ConditionDraft {
  const text = draft.text.trim();
  if (isListOp(op) && !isListOp(draft.op) && draft.list.length === 0 && text !== "") {
    return { ...draft, op, list: [text] };
  }
  if (!isListOp(op) && isListOp(draft.op) && text === "" && draft.list.length > 0) {
    return { ...draft, op, text: draft.list[0] ?? "" };
  }
  return { ...draft, op };
}

export function conditionToDraft(condition: RoutingCondition): ConditionDraft {
  const { value } = condition;
  const field = condition.field as RoutingField;
  if (Array.isArray(value)) return { field, op: condition.op, text: "", list: [...value] };
  const text = typeof value === "number" ? textFromNumber(value) : (value ?? "");
  return { field, op: condition.op, text, list: [] };
}

/**
 * The condition as the document holds it. Numbers that do not parse are sent as null, so the
 * server names the value's input; a pattern is sent as typed, other text trimmed.
 */
export function draftToCondition(draft: ConditionDraft): RoutingCondition {
  const input = valueInputOf(draft.field, draft.op);
  const condition = { field: draft.field, op: draft.op };
  switch (input.kind) {
    case "none":
      return condition;
    case "number":
      return { ...condition, value: numberFromText(draft.text) };
    case "pattern":
      return { ...condition, value: draft.text };
    case "choices":
    case "teams":
    case "list":
      return { ...condition, value: draft.list.map((item) => item.trim()) };
    case "choice":
    case "team":
    case "text":
      return { ...condition, value: draft.text.trim() };
  }
}

/** The priority change of a rule as one choice: `set:<priority>` or `raise:<steps>`. */
export function priorityChangeOf(actions: RoutingActions): string {
  if (actions.setPriority !== undefined) return `set:${actions.setPriority}`;
  if (actions.raisePriority !== undefined) return `raise:${actions.raisePriority}`;
  return "";
}

function applyPriorityChange(change: string, actions: RoutingActions): void {
  const [kind, value = ""] = change.split(":");
  if (kind === "set") actions.setPriority = value as Priority;
  if (kind === "raise") actions.raisePriority = Number(value);
}

export function actionsToDraft(actions: RoutingActions): ActionsDraft {
  return {
    setTeam: actions.setTeam ?? "",
    setQueue: actions.setQueue ?? "",
    priority: priorityChangeOf(actions),
    addTags: [...(actions.addTags ?? [])],
    requireSkills: (actions.requireSkills ?? []).map((skill) => ({ ...skill })),
  };
}

/** Only the actions the rule takes: an empty team, queue, tag list or skill list is left out. */
export function draftToActions(draft: ActionsDraft): RoutingActions {
  const actions: RoutingActions = {};
  if (draft.setTeam !== "") actions.setTeam = draft.setTeam;
  if (draft.setQueue.trim() !== "") actions.setQueue = draft.setQueue.trim();
  applyPriorityChange(draft.priority, actions);
  if (draft.addTags.length > 0) actions.addTags = draft.addTags.map((tag) => tag.trim());
  if (draft.requireSkills.length > 0) {
    actions.requireSkills = draft.requireSkills.map((skill) => ({
      skill: skill.skill.trim(),
      level: skill.level,
    }));
  }
  return actions;
}

export function ruleToDraft(rule: RoutingRule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    stop: rule.stop,
    conditions: rule.conditions.map(conditionToDraft),
    actions: actionsToDraft(rule.actions),
  };
}

export function draftToRule(draft: RuleDraft): RoutingRule {
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    enabled: draft.enabled,
    match: draft.match,
    conditions: draft.conditions.map(draftToCondition),
    actions: draftToActions(draft.actions),
    stop: draft.stop,
  };
}

export function ruleSetToDraft(document: RoutingRuleSet): RuleSetDraft {
  return {
    enabled: document.enabled,
    fallbackTeam: document.fallbackTeam ?? "",
    rules: document.rules.map(ruleToDraft),
  };
}

export function draftToRuleSet(draft: RuleSetDraft): RoutingRuleSet {
  return {
    enabled: draft.enabled,
    fallbackTeam: draft.fallbackTeam === "" ? null : draft.fallbackTeam,
    rules: draft.rules.map(draftToRule),
  };
}

/** A new rule at the end: enabled, one empty condition, a free id. */
export function newRuleDraft(existing: readonly RuleDraft[]): RuleDraft {
  return {
    id: uniqueId(
      "new-rule",
      existing.map((rule) => rule.id),
    ),
    name: "",
    enabled: true,
    match: "all",
    stop: false,
    conditions: [newConditionDraft()],
    actions: { setTeam: "", setQueue: "", priority: "", addTags: [], requireSkills: [] },
  };
}

/** The skill levels a rule may ask for, 1 (basic) to 5 (expert). */
export const SKILL_LEVELS: readonly number[] = Array.from(
  { length: SKILL_LEVEL_MAX - SKILL_LEVEL_MIN + 1 },
  (_, index) => SKILL_LEVEL_MIN + index,
);
