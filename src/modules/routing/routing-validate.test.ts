import { describe, expect, it } from "vitest";
import { buildRule, buildRuleSet, condition } from "../../../test/support/routing.js";
import type { RoutingCondition, RoutingRule, RoutingRuleSet } from "./routing-rules.js";
import { teamReferencesOf } from "./routing-settings.js";
import { findRoutingWarnings, routesNothing, validateRoutingRules } from "./routing-validate.js";

function problemOf(set: RoutingRuleSet) {
  const checked = validateRoutingRules(set);
  return checked.ok ? undefined : { field: checked.field, reason: checked.reason };
}

/** The problem of a set whose second rule (rules.1) has this one condition. */
function conditionProblem(cond: RoutingCondition) {
  return problemOf(
    buildRuleSet([
      buildRule({ id: "plain" }),
      buildRule({ id: "vip-fast-lane", conditions: [cond], actions: { addTags: ["x"] } }),
    ]),
  );
}

describe("validateRoutingRules", () => {
  it("accepts a realistic set", () => {
    const set = buildRuleSet(
      [
        buildRule({
          id: "vip-fast-lane",
          conditions: [condition("customer.tier", "in", ["platinum", "gold"])],
          actions: {
            setTeam: "vip",
            setQueue: "fast",
            raisePriority: 1,
            requireSkills: [{ skill: "billing", level: 3 }],
          },
        }),
        buildRule({
          id: "refunds",
          match: "any",
          conditions: [
            condition("case.text", "contains_any", ["refund", "money back"]),
            condition("case.subject", "matches", "^re(fund)?:"),
          ],
          actions: { setTeam: "billing", addTags: ["refund"] },
        }),
        buildRule({ id: "queue-only", actions: { setQueue: "late" } }),
        buildRule({ id: "stop-here", actions: {}, stop: true }),
        buildRule({
          id: "recontacts",
          conditions: [condition("customer.recentRecontacts", "gte", 2)],
          actions: { setPriority: "high" },
        }),
      ],
      { fallbackTeam: "triage" },
    );
    expect(validateRoutingRules(set)).toEqual({ ok: true, body: set });
  });

  it("refuses repeated and malformed rule ids", () => {
    expect(problemOf(buildRuleSet([buildRule({ id: "a" }), buildRule({ id: "a" })]))).toEqual({
      field: "rules.1.id",
      reason: 'rule "a": repeats the id of rules.0',
    });
    expect(problemOf(buildRuleSet([buildRule({ id: "Bad Id" })]))).toMatchObject({
      field: "rules.0.id",
      reason: expect.stringMatching(/^rule "Bad Id": an id is lower-case/),
    });
    expect(problemOf(buildRuleSet([buildRule({ id: "-x" })]))?.field).toBe("rules.0.id");
  });

  it("refuses an unknown field", () => {
    const unknown = { field: "case.mood", op: "equals", value: "angry" } as unknown;
    expect(conditionProblem(unknown as RoutingCondition)).toMatchObject({
      field: "rules.1.conditions.0.field",
      reason: expect.stringMatching(/^rule "vip-fast-lane": "case.mood" is not a field/),
    });
  });

  it("refuses an op the field's kind does not take", () => {
    expect(conditionProblem(condition("case.channel", "gt", 1))).toEqual({
      field: "rules.1.conditions.0.op",
      reason:
        'rule "vip-fast-lane": "gt" does not apply to case.channel (enum); use one of equals, not_equals, in, not_in, exists, matches',
    });
    expect(conditionProblem(condition("customer.openCases", "in", ["1"]))?.field).toBe(
      "rules.1.conditions.0.op",
    );
    expect(conditionProblem(condition("case.body", "in", ["x"]))?.field).toBe(
      "rules.1.conditions.0.op",
    );
    expect(conditionProblem(condition("case.tags", "equals", "vip"))?.field).toBe(
      "rules.1.conditions.0.op",
    );
    expect(conditionProblem(condition("case.category", "contains", "bill"))?.field).toBe(
      "rules.1.conditions.0.op",
    );
    const madeUp = { field: "case.body", op: "sounds_like", value: "x" } as unknown;
    expect(conditionProblem(madeUp as RoutingCondition)?.reason).toMatch(
      /"sounds_like" is not an op/,
    );
  });

  it("refuses a missing, extra or mistyped value", () => {
    expect(conditionProblem(condition("case.channel", "equals"))).toEqual({
      field: "rules.1.conditions.0.value",
      reason: 'rule "vip-fast-lane": "equals" on case.channel needs a value',
    });
    expect(conditionProblem(condition("case.body", "exists", "x"))?.reason).toMatch(
      /"exists" takes no value/,
    );
    expect(conditionProblem(condition("case.channel", "in", "email"))?.reason).toMatch(
      /needs a non-empty list of values/,
    );
    expect(conditionProblem(condition("case.body", "contains_any", []))?.reason).toMatch(
      /needs a non-empty list of keywords/,
    );
    expect(conditionProblem(condition("case.body", "contains_any", ["ok", "!!"]))).toMatchObject({
      field: "rules.1.conditions.0.value.1",
      reason: expect.stringMatching(/"!!" has no letter or digit/),
    });
    expect(conditionProblem(condition("customer.openCases", "gt", "2"))).toMatchObject({
      field: "rules.1.conditions.0.value",
      reason: expect.stringMatching(/is a number; compare it with a number/),
    });
    expect(conditionProblem(condition("customer.tier", "equals", 3))?.reason).toMatch(
      /needs a non-empty string/,
    );
    expect(conditionProblem(condition("case.body", "contains", ""))?.reason).toMatch(
      /needs a non-empty string/,
    );
  });

  it("refuses a value an enum field does not have", () => {
    expect(conditionProblem(condition("case.channel", "equals", "fax"))).toEqual({
      field: "rules.1.conditions.0.value",
      reason:
        'rule "vip-fast-lane": "fax" is not a case.channel value; one of email, chat, phone, web, social, api',
    });
    expect(conditionProblem(condition("case.priority", "in", ["high", "critical"]))).toMatchObject({
      field: "rules.1.conditions.0.value.1",
    });
  });

  it("refuses a pattern that does not compile or is too long", () => {
    expect(conditionProblem(condition("case.body", "matches", "refund(s"))).toMatchObject({
      field: "rules.1.conditions.0.value",
      reason: expect.stringMatching(/^rule "vip-fast-lane": is not a valid regular expression/),
    });
    expect(conditionProblem(condition("case.body", "matches", "a".repeat(501)))?.reason).toMatch(
      /501 characters long; at most 500/,
    );
    expect(conditionProblem(condition("case.body", "matches", "a".repeat(500)))).toBeUndefined();
  });

  it("refuses a rule that changes nothing", () => {
    expect(problemOf(buildRuleSet([buildRule({ actions: {} })]))).toEqual({
      field: "rules.0.actions",
      reason: 'rule "rule": has no actions and does not stop, so it changes nothing',
    });
    expect(
      problemOf(buildRuleSet([buildRule({ actions: { addTags: [], requireSkills: [] } })]))?.field,
    ).toBe("rules.0.actions");
  });

  it("refuses conflicting actions within a rule", () => {
    expect(
      problemOf(buildRuleSet([buildRule({ actions: { setPriority: "high", raisePriority: 1 } })])),
    ).toEqual({
      field: "rules.0.actions.raisePriority",
      reason: 'rule "rule": sets the priority to high and raises it too; keep one',
    });
    expect(problemOf(buildRuleSet([buildRule({ actions: { raisePriority: 0 } })]))?.field).toBe(
      "rules.0.actions.raisePriority",
    );
    const twice = (levels: number[]) =>
      problemOf(
        buildRuleSet([
          buildRule({
            actions: { requireSkills: levels.map((level) => ({ skill: "german", level })) },
          }),
        ]),
      );
    expect(twice([2, 4])).toEqual({
      field: "rules.0.actions.requireSkills.1.skill",
      reason: 'rule "rule": asks for skill "german" at levels 2 and 4; keep one',
    });
    expect(twice([3, 3])?.reason).toMatch(/asks for skill "german" twice/);
    expect(twice([6])).toMatchObject({ field: "rules.0.actions.requireSkills.0.level" });
    expect(twice([0])).toMatchObject({ field: "rules.0.actions.requireSkills.0.level" });
    expect(twice([2.5])).toMatchObject({ field: "rules.0.actions.requireSkills.0.level" });
  });

  it("refuses a queue no team decision comes before", () => {
    expect(
      problemOf(
        buildRuleSet([
          buildRule({ id: "tag", actions: { addTags: ["x"] } }),
          buildRule({ id: "queue", actions: { setQueue: "vip" } }),
          buildRule({ id: "team", actions: { setTeam: "billing" } }),
        ]),
      ),
    ).toEqual({
      field: "rules.1.actions.setQueue",
      reason: 'rule "queue": names queue "vip" but neither it nor an earlier rule sets a team',
    });
  });

  it("refuses a later rule with the same conditions sending cases to another team", () => {
    const vip = condition("customer.tier", "in", ["platinum", "gold"]);
    const email = condition("case.channel", "equals", "email");
    const set = buildRuleSet([
      buildRule({ id: "vip", conditions: [vip, email], actions: { setTeam: "vip-desk" } }),
      buildRule({ id: "other", conditions: [email], actions: { setTeam: "billing" } }),
      buildRule({
        id: "vip-again",
        conditions: [email, condition("customer.tier", "in", ["GOLD", "platinum"])],
        actions: { setTeam: "billing" },
      }),
    ]);
    expect(problemOf(set)).toEqual({
      field: "rules.2.actions.setTeam",
      reason:
        'rule "vip-again": has the same conditions as rule "vip" (rules.0), which fires first and sends cases to vip-desk; "billing" is never decided',
    });
    // The same team twice is redundant, not a conflict; a disabled earlier rule decides nothing.
    const sameTeam = structuredClone(set);
    (sameTeam.rules[2] as RoutingRule).actions.setTeam = "vip-desk";
    expect(problemOf(sameTeam)).toBeUndefined();
    const disabled = structuredClone(set);
    (disabled.rules[0] as RoutingRule).enabled = false;
    expect(problemOf(disabled)).toBeUndefined();
    // Two rules without conditions both always fire.
    expect(
      problemOf(
        buildRuleSet([buildRule({ id: "a" }), buildRule({ id: "b", actions: { setTeam: "x" } })]),
      )?.field,
    ).toBe("rules.1.actions.setTeam");
  });

  it("refuses the rule that closes a team-to-team cycle, naming the cycle", () => {
    const move = (id: string, from: string | string[], to: string) =>
      buildRule({
        id,
        conditions: [
          Array.isArray(from)
            ? condition("case.team", "in", from)
            : condition("case.team", "equals", from),
          condition("case.category", "equals", "billing/refund"),
        ],
        actions: { setTeam: to },
      });
    expect(
      problemOf(
        buildRuleSet([
          move("to-payments", "billing", "payments"),
          move("back", "payments", "billing"),
        ]),
      ),
    ).toEqual({
      field: "rules.1.actions.setTeam",
      reason:
        'rule "back": sends cases from payments to billing, and rule "to-payments" sends them back, so a re-routed case would go round: payments → billing → payments',
    });
    const longer = buildRuleSet([
      move("a", "billing", "payments"),
      move("b", ["payments", "general"], "fraud"),
      move("unrelated", "general", "billing"),
      move("c", "fraud", "billing"),
    ]);
    expect(problemOf(longer)).toEqual({
      field: "rules.3.actions.setTeam",
      reason:
        'rule "c": sends cases from fraud to billing, and rules "a", "b" send them back, so a re-routed case would go round: fraud → billing → payments → fraud',
    });
    // Moving on without coming back, or a rule that may fire from any team, is no cycle.
    expect(
      problemOf(buildRuleSet([move("a", "billing", "payments"), move("b", "payments", "fraud")])),
    ).toBeUndefined();
    const anyTeam = buildRuleSet([
      move("a", "billing", "payments"),
      { ...move("b", "payments", "billing"), match: "any" },
    ]);
    expect(problemOf(anyTeam)).toBeUndefined();
    const disabled = buildRuleSet([
      move("a", "billing", "payments"),
      { ...move("b", "payments", "billing"), enabled: false },
    ]);
    expect(problemOf(disabled)).toBeUndefined();
    // Two case.team conditions of one rule: the case must be with a team both name.
    const narrowed = buildRuleSet([
      buildRule({
        id: "a",
        conditions: [
          condition("case.team", "in", ["billing", "fraud"]),
          condition("case.team", "equals", "fraud"),
        ],
        actions: { setTeam: "payments" },
      }),
      move("b", "payments", "billing"),
    ]);
    expect(problemOf(narrowed)).toBeUndefined();
    expect(
      problemOf({ ...narrowed, rules: [...narrowed.rules, move("c", "billing", "fraud")] }),
    ).toMatchObject({ field: "rules.2.actions.setTeam" });
  });

  it("names a rule's own problem before a problem between rules", () => {
    const set = buildRuleSet([
      buildRule({ id: "queue", actions: { setQueue: "vip" } }),
      buildRule({ id: "bad", conditions: [condition("case.body", "matches", "(")] }),
    ]);
    expect(problemOf(set)?.field).toBe("rules.1.conditions.0.value");
  });
});

describe("findRoutingWarnings", () => {
  it("warns about an enabled set that routes nothing anywhere", () => {
    const set = buildRuleSet([buildRule({ actions: { addTags: ["x"] } })]);
    expect(routesNothing(set)).toBe(true);
    expect(findRoutingWarnings(set)).toEqual([
      { field: "enabled", reason: expect.stringMatching(/^routes nothing anywhere/) },
    ]);
    expect(routesNothing({ ...set, enabled: false })).toBe(false);
    expect(routesNothing({ ...set, fallbackTeam: "triage" })).toBe(false);
    expect(findRoutingWarnings({ ...set, fallbackTeam: "triage" })).toEqual([]);
  });

  it("warns when every rule is disabled", () => {
    const set = buildRuleSet([buildRule({ enabled: false })], { fallbackTeam: "triage" });
    expect(findRoutingWarnings(set)).toEqual([
      { field: "rules", reason: "every rule is disabled" },
    ]);
    expect(findRoutingWarnings(buildRuleSet([], { enabled: false }))).toEqual([]);
  });

  it("warns about rules shadowed by an earlier stop rule without conditions", () => {
    const set = buildRuleSet([
      buildRule({ id: "first" }),
      buildRule({
        id: "conditional-stop",
        stop: true,
        conditions: [condition("case.channel", "equals", "chat")],
        actions: { addTags: ["chat"] },
      }),
      buildRule({ id: "catch-all", stop: true, actions: { addTags: ["all"] } }),
      buildRule({ id: "never", actions: { setTeam: "billing" } }),
    ]);
    expect(findRoutingWarnings(set)).toEqual([
      {
        field: "rules.3",
        reason:
          'rule "never": is never tried: rule "catch-all" (rules.2) has no conditions, so it always fires and stops',
      },
    ]);
  });
});

describe("teamReferencesOf", () => {
  it("names the fallback, case.team condition values and setTeam, patterns excluded", () => {
    const set = buildRuleSet(
      [
        buildRule({
          conditions: [
            condition("case.team", "in", ["billing", "payments"]),
            condition("case.team", "matches", "^bill"),
            condition("case.team", "not_equals", "fraud"),
          ],
          actions: { setTeam: "returns" },
        }),
      ],
      { fallbackTeam: "triage" },
    );
    expect(teamReferencesOf(set)).toEqual([
      { team: "triage", field: "fallbackTeam" },
      { team: "billing", field: "rules.0.conditions.0.value.0" },
      { team: "payments", field: "rules.0.conditions.0.value.1" },
      { team: "fraud", field: "rules.0.conditions.2.value" },
      { team: "returns", field: "rules.0.actions.setTeam" },
    ]);
  });
});
