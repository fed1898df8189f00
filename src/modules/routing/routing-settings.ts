import type { SettingsDefinition } from "../settings/settings.js";
import type { RoutingRuleSet } from "./routing-rules.js";
import { validateRoutingRules } from "./routing-validate.js";

/** The `routing-rules` settings document: off and empty until an admin saves one. */
export const ROUTING_RULES_SETTINGS: SettingsDefinition<RoutingRuleSet> = {
  kind: "routing-rules",
  defaults: () => ({ enabled: false, fallbackTeam: null, rules: [] }),
  validate: validateRoutingRules,
};

/**
 * The teams a rule set names, with the field naming each (for the check that they exist): the
 * fallback team, every `setTeam`, and the values of `case.team` conditions (patterns excluded).
 */
export function teamReferencesOf(set: RoutingRuleSet): { team: string; field: string }[] {
  const references: { team: string; field: string }[] = [];
  if (set.fallbackTeam !== null) {
    references.push({ team: set.fallbackTeam, field: "fallbackTeam" });
  }
  for (const [index, rule] of set.rules.entries()) {
    for (const [conditionIndex, condition] of rule.conditions.entries()) {
      if (condition.field !== "case.team" || condition.op === "matches") continue;
      const path = `rules.${index}.conditions.${conditionIndex}.value`;
      if (typeof condition.value === "string") {
        references.push({ team: condition.value, field: path });
      } else if (Array.isArray(condition.value)) {
        for (const [valueIndex, team] of condition.value.entries()) {
          references.push({ team, field: `${path}.${valueIndex}` });
        }
      }
    }
    if (rule.actions.setTeam !== undefined) {
      references.push({ team: rule.actions.setTeam, field: `rules.${index}.actions.setTeam` });
    }
  }
  return references;
}
