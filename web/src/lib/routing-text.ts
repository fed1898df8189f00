/**
 * Routing rules in words: a rule's conditions and actions for its summary line, the values of a
 * test trace, and which rule and part a problem's path (`rules.3.conditions.0.value`) is about.
 */
import { PRIORITIES } from "../../../src/modules/events/event.types.ts";
import type { RoutingActions, RoutingCondition } from "../api/routing.ts";
import { CONDITION_OP_LABELS, labelOf, PRIORITY_LABELS, ROUTING_FIELD_LABELS } from "./labels.ts";
import { priorityChangeOf } from "./routing-form.ts";

type TeamName = (id: string) => string;
type RoutingValue = string | number | readonly string[] | null | undefined;

/** `["platinum", "gold"]` → "platinum, gold"; nothing → "(nothing)". */
export function formatRoutingValue(value: RoutingValue): string {
  if (value === null || value === undefined) return "(nothing)";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  return value.length === 0 ? "(none)" : value.join(", ");
}

/** A condition of a rule or of a test trace (whose fields and ops are plain strings). */
type ConditionLike = Pick<RoutingCondition, "value"> & { field: string; op: string };

/** "Customer tier is one of platinum, gold"; teams by name. */
export function describeCondition(condition: ConditionLike, teamName: TeamName): string {
  const field = labelOf(ROUTING_FIELD_LABELS, condition.field);
  const op = labelOf(CONDITION_OP_LABELS, condition.op);
  if (condition.value === undefined) return `${field} ${op}`;
  const value =
    condition.field === "case.team"
      ? Array.isArray(condition.value)
        ? condition.value.map(teamName)
        : teamName(String(condition.value))
      : condition.value;
  return `${field} ${op} ${formatRoutingValue(value)}`;
}

const STEP_WORDS = ["", "one step", "two steps", "three steps"];

/** "set:high" → "Set to High"; "raise:-2" → "Two steps down"; "" → "Keep the priority". */
export function describePriorityChange(change: string): string {
  const [kind, value = ""] = change.split(":");
  if (kind === "set") return `Set to ${labelOf(PRIORITY_LABELS, value)}`;
  if (kind === "raise") {
    const steps = Number(value);
    const words = STEP_WORDS[Math.abs(steps)] ?? `${Math.abs(steps)} steps`;
    const text = `${words} ${steps < 0 ? "down" : "up"}`;
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  }
  return "Keep the priority";
}

/** The choices of a rule's priority action, in the order the select lists them. */
export const PRIORITY_CHANGE_OPTIONS: readonly { value: string; label: string }[] = [
  ...PRIORITIES.map((priority) => `set:${priority}`),
  ...[1, 2, 3, -1, -2, -3].map((steps) => `raise:${steps}`),
].map((value) => ({ value, label: describePriorityChange(value) }));

/** What a rule does, one phrase per action: "team Billing", "tags vip, outage"… */
export function describeActions(actions: RoutingActions, teamName: TeamName): string[] {
  const parts: string[] = [];
  if (actions.setTeam !== undefined) parts.push(`team ${teamName(actions.setTeam)}`);
  if (actions.setQueue !== undefined) parts.push(`queue ${actions.setQueue}`);
  const priority = priorityChangeOf(actions);
  if (priority !== "") parts.push(`priority: ${describePriorityChange(priority).toLowerCase()}`);
  if (actions.addTags !== undefined && actions.addTags.length > 0) {
    parts.push(`tags ${actions.addTags.join(", ")}`);
  }
  if (actions.requireSkills !== undefined && actions.requireSkills.length > 0) {
    const skills = actions.requireSkills.map((skill) => `${skill.skill} ≥ ${skill.level}`);
    parts.push(`skills ${skills.join(", ")}`);
  }
  return parts;
}

const PART_LABELS: Record<string, string> = {
  conditions: "conditions",
  actions: "actions",
  id: "id",
  name: "name",
  match: "match",
  stop: "stop",
  enabled: "enabled",
};

/**
 * Which rule and part a problem's path is about, for a list of problems:
 * `rules.3.conditions.0.value` → `Rule 4 "Refunds", condition 1`; `fallbackTeam` → "Fallback
 * team". Rules are numbered from 1 as the editor shows them.
 */
export function describeProblemPath(path: string, rules: readonly { name: string }[]): string {
  const [top, index, part, partIndex] = path.split(".");
  if (top === "enabled") return "Routing on or off";
  if (top === "fallbackTeam") return "Fallback team";
  if (top !== "rules") return path === "" ? "The rules" : path;
  if (index === undefined) return "The rules";
  const position = Number(index);
  const name = rules[position]?.name ?? "";
  const rule = `Rule ${position + 1}${name === "" ? "" : ` "${name}"`}`;
  if (part === undefined) return rule;
  if (part === "conditions" && partIndex !== undefined) {
    return `${rule}, condition ${Number(partIndex) + 1}`;
  }
  return `${rule}, ${PART_LABELS[part] ?? part}`;
}
