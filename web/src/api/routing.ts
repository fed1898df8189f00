/**
 * Fetch helpers for routing (issue 5): the routing rules document with the rule editor's check
 * and test panel, and the misclassification and replay reports. Shapes are the server's own
 * schemas (type-only imports, erased from the bundle); docs/routing.md explains them.
 */
import type { Static } from "typebox";
import type {
  RoutingCheckResponse,
  RoutingRulesDocument,
  RoutingTestResponse,
  TestRoutingRulesBody,
} from "../../../src/modules/routing/routing.schemas.ts";
import type {
  MisclassificationResponse,
  ReplayResponse,
} from "../../../src/modules/routing-reports/routing-reports.schemas.ts";
import { requestJson } from "./client.ts";
import type { SettingsResponse } from "./settings-types.ts";

export type RoutingRuleSet = RoutingRulesDocument;
export type RoutingRule = RoutingRuleSet["rules"][number];
export type RoutingCondition = RoutingRule["conditions"][number];
export type RoutingActions = RoutingRule["actions"];

export type RoutingCheck = Static<typeof RoutingCheckResponse>;
/** One problem of a draft: `field` is a dotted path inside the document (`rules.3.actions`). */
export type RoutingProblem = RoutingCheck["warnings"][number];

export type RoutingTestInput = TestRoutingRulesBody;
export type RoutingTestCase = RoutingTestInput["case"];
export type RoutingTestResult = Static<typeof RoutingTestResponse>;
export type RoutingDecision = RoutingTestResult["decision"];
export type RuleTrace = RoutingDecision["trace"][number];
export type ConditionTrace = RuleTrace["conditions"][number];

export type Misclassification = Static<typeof MisclassificationResponse>;
export type RoutingReplay = ReplayResponse;

const RULES_PATH = "/api/v1/routing/rules";

export function getRoutingRules(signal?: AbortSignal): Promise<SettingsResponse<RoutingRuleSet>> {
  return requestJson(RULES_PATH, { signal });
}

/** Saves the next version; 409 when the rules moved on since `baseVersion`. */
export function saveRoutingRules(
  document: RoutingRuleSet,
  baseVersion: number,
): Promise<SettingsResponse<RoutingRuleSet>> {
  return requestJson(RULES_PATH, { method: "PUT", body: { baseVersion, document } });
}

/** Whether a save of the draft would pass, and what it probably does not mean (warnings). */
export function checkRoutingRules(document: RoutingRuleSet): Promise<RoutingCheck> {
  return requestJson(`${RULES_PATH}/check`, { method: "POST", body: { document } });
}

/**
 * Where a case would go under a draft (or the rules in force without `document`), every rule and
 * condition explained. An invalid draft answers 400 naming `body.document.<path>`.
 */
export function testRoutingRules(input: RoutingTestInput): Promise<RoutingTestResult> {
  return requestJson(`${RULES_PATH}/test`, { method: "POST", body: input });
}

export interface MisclassificationQuery {
  /** ISO-8601 instants; the server defaults to the last 30 days. */
  from?: string;
  to?: string;
  team?: string;
  minCases?: number;
}

export function getMisclassification(
  query: MisclassificationQuery,
  signal?: AbortSignal,
): Promise<Misclassification> {
  return requestJson("/api/v1/routing/misclassification", { query: { ...query }, signal });
}

/** Replays a draft (as if enabled), or the rules in force without one, over the last `days`. */
export function replayRoutingRules(input: {
  document?: RoutingRuleSet;
  days: number;
}): Promise<RoutingReplay> {
  return requestJson("/api/v1/routing/replay", { method: "POST", body: input });
}
