import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { StoredSettingsKind } from "../settings/settings.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { findRoutingRulesText } from "./routing.repository.js";
import { type CompiledRuleSet, compileRuleSet } from "./routing-evaluate.js";
import type { RoutingRuleSet } from "./routing-rules.js";
import { ROUTING_RULES_SETTINGS, teamReferencesOf } from "./routing-settings.js";
import { routesNothing } from "./routing-validate.js";

/** The first team a rule set names that does not exist, with the field naming it. */
export async function findUnknownTeam(
  db: Kysely<DB>,
  set: RoutingRuleSet,
): Promise<{ team: string; field: string } | undefined> {
  const references = teamReferencesOf(set);
  if (references.length === 0) return undefined;
  const known = new Set(
    (await findTeamsByIds(db, [...new Set(references.map((reference) => reference.team))])).map(
      (team) => team.id,
    ),
  );
  return references.find((reference) => !known.has(reference.team));
}

/**
 * Routing rules: a save naming a team that does not exist is refused (400 naming
 * `body.document.<path>`), and so is an enabled set that routes nothing (422
 * `routing.routes_nothing`). Both run in the save's transaction, so a refusal writes nothing.
 */
export const ROUTING_RULES_KIND: StoredSettingsKind<RoutingRuleSet> = {
  ...ROUTING_RULES_SETTINGS,
  afterSave: async (trx, saved) => {
    const unknown = await findUnknownTeam(trx, saved.body);
    if (unknown !== undefined) {
      throw new AppError("request.invalid", {
        message: `team "${unknown.team}" does not exist`,
        field: `body.document.${unknown.field}`,
      });
    }
    if (routesNothing(saved.body)) {
      throw new AppError("routing.routes_nothing", {
        message:
          "the routing rules are enabled but would route no case anywhere: no enabled rule sets a team and there is no fallback team",
        field: "body.document.enabled",
      });
    }
  },
};

/** The rule set in force, with its version (0: never saved) and its compiled form. */
export interface RoutingRulesInForce {
  version: number;
  document: RoutingRuleSet;
  compiled: CompiledRuleSet;
}

const NEVER_SAVED: RoutingRulesInForce = (() => {
  const document = ROUTING_RULES_SETTINGS.defaults();
  return { version: 0, document, compiled: compileRuleSet(document) };
})();

/**
 * Compiled rule sets by version and stored text. Every case opened reads the rules in force, and
 * parsing and compiling 200 rules costs more than routing the case. The text is part of the key
 * because stores sharing the process (tests, the demo) number their versions alike.
 */
const compiledSets = new Map<string, RoutingRulesInForce>();
const MAX_CACHED_SETS = 16;

/** The routing rules in force: one query; parsed and compiled once per version. */
export async function loadRoutingRules(db: Kysely<DB>): Promise<RoutingRulesInForce> {
  const stored = await findRoutingRulesText(db);
  if (stored === undefined) return NEVER_SAVED;
  const key = `${stored.version}\u0000${stored.body}`;
  const cached = compiledSets.get(key);
  if (cached !== undefined) return cached;
  const document = JSON.parse(stored.body) as RoutingRuleSet;
  const loaded = { version: stored.version, document, compiled: compileRuleSet(document) };
  if (compiledSets.size >= MAX_CACHED_SETS) compiledSets.clear();
  compiledSets.set(key, loaded);
  return loaded;
}
