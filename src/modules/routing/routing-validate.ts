import type { FieldError } from "../../errors.js";
import type { SettingsCheck } from "../settings/settings.js";
import { keywordWords } from "./routing-keywords.js";
import {
  CONDITION_OPS,
  type ConditionOp,
  LIST_VALUE_OPS,
  MAX_PATTERN_LENGTH,
  OPS_BY_FIELD_KIND,
  ROUTING_FIELDS,
  type RoutingCondition,
  type RoutingField,
  type RoutingRule,
  type RoutingRuleSet,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
} from "./routing-rules.js";

/**
 * What a routing rule set must satisfy to be saved (and to be tried in the test panel), beyond
 * its schema. Pure. Problems name the field as a dotted path inside the document
 * (`rules.3.conditions.0.value`) and their reason starts with the rule's id. Only the first
 * problem is returned; each rule is checked on its own first (ids, conditions, actions), then
 * the rules against each other (queues without a team, identical conditions sending cases to
 * different teams, team-to-team cycles), so the most specific problem is the one named.
 */

const RULE_ID = /^[a-z0-9][a-z0-9_-]*$/;

type Problem = FieldError;

function isRoutingField(field: string): field is RoutingField {
  return Object.hasOwn(ROUTING_FIELDS, field);
}

function describeList(items: readonly string[]): string {
  return items.join(", ");
}

function checkConditionValue(
  condition: RoutingCondition,
  path: string,
  label: string,
): Problem | undefined {
  const { field, op, value } = condition;
  const definition = ROUTING_FIELDS[field];
  const valueField = `${path}.value`;
  if (op === "exists") {
    return value === undefined
      ? undefined
      : { field: valueField, reason: `${label}: "exists" takes no value` };
  }
  if (value === undefined) {
    return { field: valueField, reason: `${label}: "${op}" on ${field} needs a value` };
  }
  if (LIST_VALUE_OPS.includes(op)) {
    if (!Array.isArray(value) || value.length === 0) {
      return {
        field: valueField,
        reason: `${label}: "${op}" needs a non-empty list of ${op === "contains_any" ? "keywords" : "values"}`,
      };
    }
    for (const [index, item] of value.entries()) {
      const problem =
        typeof item !== "string" || item.trim() === ""
          ? "is empty"
          : op === "contains_any" && keywordWords(item).length === 0
            ? `"${item}" has no letter or digit to match as a word`
            : "values" in definition && !definition.values.some((known) => known === item)
              ? `"${item}" is not a ${field} value; one of ${describeList(definition.values)}`
              : undefined;
      if (problem !== undefined) {
        return { field: `${valueField}.${index}`, reason: `${label}: ${problem}` };
      }
    }
    return undefined;
  }
  if (definition.kind === "number") {
    return typeof value === "number" && Number.isFinite(value)
      ? undefined
      : { field: valueField, reason: `${label}: ${field} is a number; compare it with a number` };
  }
  if (typeof value !== "string" || value === "") {
    return { field: valueField, reason: `${label}: "${op}" on ${field} needs a non-empty string` };
  }
  if (op === "matches") {
    if (value.length > MAX_PATTERN_LENGTH) {
      return {
        field: valueField,
        reason: `${label}: the pattern is ${value.length} characters long; at most ${MAX_PATTERN_LENGTH}`,
      };
    }
    try {
      new RegExp(value, "i");
    } catch (error) {
      return {
        field: valueField,
        reason: `${label}: is not a valid regular expression (${error instanceof SyntaxError ? error.message : "does not compile"})`,
      };
    }
    return undefined;
  }
  if ("values" in definition && !definition.values.some((known) => known === value)) {
    return {
      field: valueField,
      reason: `${label}: "${value}" is not a ${field} value; one of ${describeList(definition.values)}`,
    };
  }
  return undefined;
}

function checkCondition(
  condition: RoutingCondition,
  path: string,
  label: string,
): Problem | undefined {
  const field: string = condition.field;
  if (!isRoutingField(field)) {
    return {
      field: `${path}.field`,
      reason: `${label}: "${field}" is not a field routing knows; one of ${describeList(Object.keys(ROUTING_FIELDS))}`,
    };
  }
  const kind = ROUTING_FIELDS[field].kind;
  const allowed: readonly ConditionOp[] = OPS_BY_FIELD_KIND[kind];
  const op: string = condition.op;
  if (!CONDITION_OPS.some((known) => known === op)) {
    return {
      field: `${path}.op`,
      reason: `${label}: "${op}" is not an op; one of ${describeList(allowed)}`,
    };
  }
  if (!allowed.includes(condition.op)) {
    return {
      field: `${path}.op`,
      reason: `${label}: "${op}" does not apply to ${field} (${kind}); use one of ${describeList(allowed)}`,
    };
  }
  return checkConditionValue(condition, path, label);
}

function checkActions(rule: RoutingRule, path: string, label: string): Problem | undefined {
  const actions = rule.actions;
  const acts =
    actions.setTeam !== undefined ||
    actions.setQueue !== undefined ||
    actions.setPriority !== undefined ||
    actions.raisePriority !== undefined ||
    (actions.addTags?.length ?? 0) > 0 ||
    (actions.requireSkills?.length ?? 0) > 0;
  if (!acts && !rule.stop) {
    return {
      field: `${path}.actions`,
      reason: `${label}: has no actions and does not stop, so it changes nothing`,
    };
  }
  if (actions.raisePriority !== undefined) {
    if (actions.setPriority !== undefined) {
      return {
        field: `${path}.actions.raisePriority`,
        reason: `${label}: sets the priority to ${actions.setPriority} and raises it too; keep one`,
      };
    }
    if (!Number.isInteger(actions.raisePriority) || actions.raisePriority === 0) {
      return {
        field: `${path}.actions.raisePriority`,
        reason: `${label}: raises the priority by a whole number of steps other than 0`,
      };
    }
  }
  const levels = new Map<string, number>();
  for (const [index, required] of (actions.requireSkills ?? []).entries()) {
    const skillPath = `${path}.actions.requireSkills.${index}`;
    if (
      !Number.isInteger(required.level) ||
      required.level < SKILL_LEVEL_MIN ||
      required.level > SKILL_LEVEL_MAX
    ) {
      return {
        field: `${skillPath}.level`,
        reason: `${label}: a skill level is a whole number from ${SKILL_LEVEL_MIN} to ${SKILL_LEVEL_MAX}`,
      };
    }
    const earlier = levels.get(required.skill);
    if (earlier !== undefined) {
      return {
        field: `${skillPath}.skill`,
        reason:
          earlier === required.level
            ? `${label}: asks for skill "${required.skill}" twice`
            : `${label}: asks for skill "${required.skill}" at levels ${earlier} and ${required.level}; keep one`,
      };
    }
    levels.set(required.skill, required.level);
  }
  return undefined;
}

/** A rule's own problems: its id, its conditions and its actions. */
function checkRule(rule: RoutingRule, path: string): Problem | undefined {
  const label = `rule "${rule.id}"`;
  if (!RULE_ID.test(rule.id)) {
    return {
      field: `${path}.id`,
      reason: `${label}: an id is lower-case letters, digits, "-" and "_", starting with a letter or digit`,
    };
  }
  for (const [index, condition] of rule.conditions.entries()) {
    const problem = checkCondition(condition, `${path}.conditions.${index}`, label);
    if (problem !== undefined) return problem;
  }
  return checkActions(rule, path, label);
}

/** The same conditions whatever their order and case: two rules with it fire together. */
function conditionsKey(rule: RoutingRule): string {
  const conditions = rule.conditions
    .map((condition) => {
      const value = Array.isArray(condition.value)
        ? condition.value.map((item) => item.toLowerCase()).sort()
        : typeof condition.value === "string" && condition.op !== "matches"
          ? condition.value.toLowerCase()
          : condition.value;
      return JSON.stringify([condition.field, condition.op, value ?? null]);
    })
    .sort();
  const match = conditions.length <= 1 ? "all" : rule.match;
  return `${match}:${conditions.join(",")}`;
}

/** The teams a rule moves cases away from: those its `case.team` conditions require. */
function teamsLeft(rule: RoutingRule): string[] | undefined {
  const required = rule.conditions.filter(
    (condition) =>
      condition.field === "case.team" && (condition.op === "equals" || condition.op === "in"),
  );
  // With `any`, another condition lets the rule fire from whatever team: no edge is certain.
  if (required.length === 0 || (rule.match === "any" && rule.conditions.length > 1)) {
    return undefined;
  }
  // With `all`, a case must be with a team every such condition names.
  const teamsOf = (condition: RoutingCondition) =>
    Array.isArray(condition.value)
      ? condition.value
      : typeof condition.value === "string"
        ? [condition.value]
        : [];
  return required.slice(1).reduce(
    (teams, condition) => {
      const named = new Set(teamsOf(condition).map((team) => team.toLowerCase()));
      return teams.filter((team) => named.has(team.toLowerCase()));
    },
    teamsOf(required[0] as RoutingCondition),
  );
}

/** A path of teams from `from` to `to` along `edges` (keys lower-cased), or undefined. */
function findPath(
  edges: Map<string, Map<string, string>>,
  from: string,
  to: string,
): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let index = 0; index < queue.length; index++) {
    const team = queue[index] as string;
    if (team === to) {
      const path: string[] = [];
      for (let step: string | null = team; step !== null; step = previous.get(step) ?? null) {
        path.unshift(step);
      }
      return path;
    }
    for (const next of edges.get(team)?.keys() ?? []) {
      if (!previous.has(next)) {
        previous.set(next, team);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Problems between rules: queues without a team, unreachable team decisions, cycles. */
function checkRulesTogether(rules: readonly RoutingRule[]): Problem | undefined {
  let teamSetBefore = false;
  const decisions = new Map<string, { rule: RoutingRule; index: number }>();
  /** Team → team a rule moves cases to → the id of the first rule doing so. */
  const edges = new Map<string, Map<string, string>>();
  const names = new Map<string, string>();
  for (const [index, rule] of rules.entries()) {
    const path = `rules.${index}`;
    const label = `rule "${rule.id}"`;
    const { setTeam, setQueue } = rule.actions;
    if (setQueue !== undefined && setTeam === undefined && !teamSetBefore) {
      return {
        field: `${path}.actions.setQueue`,
        reason: `${label}: names queue "${setQueue}" but neither it nor an earlier rule sets a team`,
      };
    }
    if (setTeam !== undefined) teamSetBefore = true;
    if (!rule.enabled || setTeam === undefined) continue;

    const key = conditionsKey(rule);
    const earlier = decisions.get(key);
    if (
      earlier !== undefined &&
      earlier.rule.actions.setTeam?.toLowerCase() !== setTeam.toLowerCase()
    ) {
      return {
        field: `${path}.actions.setTeam`,
        reason: `${label}: has the same conditions as rule "${earlier.rule.id}" (rules.${earlier.index}), which fires first and sends cases to ${earlier.rule.actions.setTeam}; "${setTeam}" is never decided`,
      };
    }
    if (earlier === undefined) decisions.set(key, { rule, index });

    const target = setTeam.toLowerCase();
    names.set(target, setTeam);
    for (const source of teamsLeft(rule) ?? []) {
      const from = source.toLowerCase();
      if (from === target) continue;
      names.set(from, source);
      const cycle = findPath(edges, target, from);
      if (cycle !== undefined) {
        const teams = [from, ...cycle].map((team) => names.get(team) ?? team);
        const others = [
          ...new Set(
            cycle.slice(0, -1).map((team, step) => {
              const next = cycle[step + 1] as string;
              return edges.get(team)?.get(next) ?? "";
            }),
          ),
        ].map((id) => `"${id}"`);
        return {
          field: `${path}.actions.setTeam`,
          reason: `${label}: sends cases from ${names.get(from)} to ${setTeam}, and rule${others.length > 1 ? "s" : ""} ${others.join(", ")} send${others.length > 1 ? "" : "s"} them back, so a re-routed case would go round: ${teams.join(" → ")}`,
        };
      }
      let out = edges.get(from);
      if (out === undefined) {
        out = new Map();
        edges.set(from, out);
      }
      if (!out.has(target)) out.set(target, rule.id);
    }
  }
  return undefined;
}

/** The settings check of the `routing-rules` document (its first problem). */
export function validateRoutingRules(set: RoutingRuleSet): SettingsCheck<RoutingRuleSet> {
  const ids = new Map<string, number>();
  for (const [index, rule] of set.rules.entries()) {
    const earlier = ids.get(rule.id);
    if (earlier !== undefined) {
      return {
        ok: false,
        field: `rules.${index}.id`,
        reason: `rule "${rule.id}": repeats the id of rules.${earlier}`,
      };
    }
    ids.set(rule.id, index);
    const problem = checkRule(rule, `rules.${index}`);
    if (problem !== undefined) return { ok: false, ...problem };
  }
  const problem = checkRulesTogether(set.rules);
  if (problem !== undefined) return { ok: false, ...problem };
  return { ok: true, body: set };
}

/** Whether an enabled set would leave every case where it is: nothing sets a team, no fallback. */
export function routesNothing(set: RoutingRuleSet): boolean {
  return (
    set.enabled &&
    set.fallbackTeam === null &&
    !set.rules.some((rule) => rule.enabled && rule.actions.setTeam !== undefined)
  );
}

/**
 * What is allowed but probably not meant, for the rule editor (`POST /routing/rules/check`):
 * an enabled set that routes nothing (its save is refused with `routing.routes_nothing`), a set
 * whose rules are all disabled, and rules never tried because an earlier enabled rule without
 * conditions always fires and stops.
 */
export function findRoutingWarnings(set: RoutingRuleSet): FieldError[] {
  const warnings: FieldError[] = [];
  if (routesNothing(set)) {
    warnings.push({
      field: "enabled",
      reason:
        "routes nothing anywhere: no enabled rule sets a team and there is no fallback team (saving it enabled is refused: routing.routes_nothing)",
    });
  }
  if (set.rules.length > 0 && set.rules.every((rule) => !rule.enabled)) {
    warnings.push({ field: "rules", reason: "every rule is disabled" });
  }
  const stopper = set.rules.findIndex(
    (rule) => rule.enabled && rule.stop && rule.conditions.length === 0,
  );
  if (stopper !== -1) {
    const stopId = set.rules[stopper]?.id ?? "";
    for (const [index, rule] of set.rules.entries()) {
      if (index <= stopper) continue;
      warnings.push({
        field: `rules.${index}`,
        reason: `rule "${rule.id}": is never tried: rule "${stopId}" (rules.${stopper}) has no conditions, so it always fires and stops`,
      });
    }
  }
  return warnings;
}
