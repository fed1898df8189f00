import { describe, expect, it } from "vitest";
import { buildRule, buildRuleSet, buildSubject, condition } from "../../../test/support/routing.js";
import { compileRuleSet, evaluateRouting } from "./routing-evaluate.js";
import type { RoutingCondition, RoutingRule, RoutingSubject } from "./routing-rules.js";

function decide(
  rules: RoutingRule[],
  subject: RoutingSubject = buildSubject(),
  fallbackTeam: string | null = null,
) {
  return evaluateRouting(compileRuleSet(buildRuleSet(rules, { fallbackTeam })), subject, {
    explain: true,
  });
}

/** Whether one condition holds for the subject. */
function holds(cond: RoutingCondition, subject: RoutingSubject = buildSubject()): boolean {
  return decide([buildRule({ conditions: [cond] })], subject, "triage").fired.length === 1;
}

describe("conditions", () => {
  it("compares enum fields, ignoring case", () => {
    expect(holds(condition("case.channel", "equals", "email"))).toBe(true);
    expect(holds(condition("case.channel", "equals", "chat"))).toBe(false);
    expect(holds(condition("case.channel", "not_equals", "chat"))).toBe(true);
    expect(holds(condition("case.channel", "in", ["chat", "EMAIL"]))).toBe(true);
    expect(holds(condition("case.channel", "not_in", ["chat", "phone"]))).toBe(true);
    expect(holds(condition("case.channel", "not_in", ["email"]))).toBe(false);
    expect(holds(condition("case.priority", "matches", "^(urgent|normal)$"))).toBe(true);
    expect(holds(condition("case.priority", "exists"))).toBe(true);
  });

  it("compares string fields whole, ignoring case; a missing value equals nothing", () => {
    const subject = buildSubject({ customer: { tier: "Platinum", language: null } });
    expect(holds(condition("customer.tier", "equals", "platinum"), subject)).toBe(true);
    expect(holds(condition("customer.tier", "equals", "plat"), subject)).toBe(false);
    expect(holds(condition("customer.tier", "in", ["gold", "PLATINUM"]), subject)).toBe(true);
    expect(holds(condition("customer.tier", "not_in", ["gold"]), subject)).toBe(true);
    expect(holds(condition("customer.tier", "matches", "^plat"), subject)).toBe(true);
    expect(holds(condition("customer.language", "equals", "en"), subject)).toBe(false);
    expect(holds(condition("customer.language", "not_equals", "en"), subject)).toBe(true);
    expect(holds(condition("customer.language", "in", ["en"]), subject)).toBe(false);
    expect(holds(condition("customer.language", "not_in", ["en"]), subject)).toBe(true);
    expect(holds(condition("customer.language", "exists"), subject)).toBe(false);
    expect(holds(condition("customer.language", "exists"))).toBe(true);
    expect(holds(condition("case.team", "exists"), buildSubject({ case: { team: null } }))).toBe(
      false,
    );
  });

  it("reads the top-level category from the category", () => {
    expect(holds(condition("case.topCategory", "equals", "billing"))).toBe(true);
    expect(holds(condition("case.category", "equals", "billing"))).toBe(false);
    expect(holds(condition("case.category", "equals", "billing/refund"))).toBe(true);
    const flat = buildSubject({ case: { category: "general" } });
    expect(holds(condition("case.topCategory", "equals", "general"), flat)).toBe(true);
  });

  it("compares numbers numerically", () => {
    const subject = buildSubject({ customer: { openCases: 3, casesLast30Days: 10 } });
    expect(holds(condition("customer.openCases", "equals", 3), subject)).toBe(true);
    expect(holds(condition("customer.openCases", "not_equals", 3), subject)).toBe(false);
    expect(holds(condition("customer.openCases", "gt", 2), subject)).toBe(true);
    expect(holds(condition("customer.openCases", "gt", 3), subject)).toBe(false);
    expect(holds(condition("customer.openCases", "gte", 3), subject)).toBe(true);
    expect(holds(condition("customer.openCases", "lt", 3), subject)).toBe(false);
    expect(holds(condition("customer.openCases", "lte", 3), subject)).toBe(true);
    // 10 > 9 as numbers, though "10" < "9" as text.
    expect(holds(condition("customer.casesLast30Days", "gt", 9), subject)).toBe(true);
    expect(holds(condition("customer.recentRecontacts", "exists"), subject)).toBe(true);
  });

  it("finds substrings, whole-word keywords and patterns in text, ignoring case", () => {
    const subject = buildSubject({
      case: { subject: "REFUND not received", body: "Order 12345 was refunded? No!" },
    });
    expect(holds(condition("case.subject", "contains", "refund"), subject)).toBe(true);
    expect(holds(condition("case.body", "contains", "refund"), subject)).toBe(true);
    expect(holds(condition("case.body", "contains_any", ["refund"]), subject)).toBe(false);
    expect(holds(condition("case.body", "contains_any", ["parcel", "REFUNDED"]), subject)).toBe(
      true,
    );
    expect(holds(condition("case.subject", "contains_any", ["not received"]), subject)).toBe(true);
    expect(holds(condition("case.subject", "contains_any", ["refund received"]), subject)).toBe(
      false,
    );
    expect(holds(condition("case.text", "contains_any", ["refund"]), subject)).toBe(true);
    expect(holds(condition("case.body", "matches", "order \\d{5}"), subject)).toBe(true);
    expect(holds(condition("case.body", "matches", "^order \\d{6}"), subject)).toBe(false);
    expect(holds(condition("case.subject", "equals", "refund NOT received"), subject)).toBe(true);
    expect(holds(condition("case.body", "exists"), subject)).toBe(true);
    const empty = buildSubject({ case: { subject: "", body: null } });
    expect(holds(condition("case.subject", "exists"), empty)).toBe(false);
    expect(holds(condition("case.text", "exists"), empty)).toBe(false);
    expect(holds(condition("case.text", "contains", "a"), empty)).toBe(false);
    expect(holds(condition("case.text", "contains_any", ["a"]), empty)).toBe(false);
  });

  it("matches keywords in any script as whole words", () => {
    const subject = buildSubject({ case: { body: "Die Rückerstattung fehlt (Bestellung)." } });
    expect(holds(condition("case.body", "contains_any", ["rückerstattung"]), subject)).toBe(true);
    expect(holds(condition("case.body", "contains_any", ["erstattung"]), subject)).toBe(false);
    // Subject and body are separate texts: a phrase does not run from one into the other.
    const split = buildSubject({
      case: { subject: "Where is my money", body: "Back to you soon" },
    });
    expect(holds(condition("case.text", "contains_any", ["money back"]), split)).toBe(false);
    expect(holds(condition("case.text", "contains_any", ["back", "nope"]), split)).toBe(true);
  });

  it("looks for a tag in the tags, ignoring case", () => {
    const tagged = buildSubject({ case: { tags: ["VIP", "returns"] } });
    expect(holds(condition("case.tags", "contains", "vip"), tagged)).toBe(true);
    expect(holds(condition("case.tags", "contains", "vi"), tagged)).toBe(false);
    expect(holds(condition("case.tags", "exists"), tagged)).toBe(true);
    expect(holds(condition("case.tags", "exists"))).toBe(false);
  });

  it("never holds a condition the validator refuses", () => {
    expect(holds(condition("case.channel", "gt", 1))).toBe(false);
    expect(holds(condition("customer.openCases", "equals", "0"))).toBe(false);
    expect(holds(condition("case.body", "matches", "(unclosed"))).toBe(false);
    expect(holds({ field: "case.nothing", op: "exists" } as unknown as RoutingCondition)).toBe(
      false,
    );
  });

  it("combines conditions with all or any; none always fires", () => {
    const yes = condition("case.channel", "equals", "email");
    const no = condition("case.channel", "equals", "chat");
    expect(decide([buildRule({ conditions: [yes, no] })]).fired).toEqual([]);
    expect(decide([buildRule({ conditions: [yes, no], match: "any" })]).fired).toEqual(["rule"]);
    expect(decide([buildRule({ conditions: [no, no], match: "any" })]).fired).toEqual([]);
    expect(decide([buildRule({ conditions: [], match: "any" })]).fired).toEqual(["rule"]);
  });
});

describe("decisions", () => {
  const email = condition("case.channel", "equals", "email");
  const chat = condition("case.channel", "equals", "chat");

  it("lets the first rule that sets a team decide it, with its queue", () => {
    const decision = decide([
      buildRule({ id: "miss", conditions: [chat], actions: { setTeam: "chat-team" } }),
      buildRule({ id: "first", actions: { setTeam: "billing", setQueue: "refunds" } }),
      buildRule({ id: "second", actions: { setTeam: "returns", setQueue: "late" } }),
    ]);
    expect(decision).toMatchObject({
      team: "billing",
      queue: "refunds",
      rule: "first",
      fired: ["first", "second"],
    });
    expect(decision.trace.map((rule) => [rule.rule, rule.outcome, rule.applied])).toEqual([
      ["miss", "not_matched", []],
      ["first", "fired", ["setTeam", "setQueue"]],
      ["second", "fired", []],
    ]);
  });

  it("lets a later rule name the queue inside the team decided before it", () => {
    const decision = decide([
      buildRule({ id: "queue-early", actions: { setQueue: "ignored" } }),
      buildRule({ id: "team", actions: { setTeam: "billing" } }),
      buildRule({ id: "queue", actions: { setQueue: "vip" } }),
      buildRule({ id: "queue-late", actions: { setQueue: "late" } }),
    ]);
    expect(decision).toMatchObject({ team: "billing", queue: "vip", rule: "team" });
    expect(decision.trace.map((rule) => rule.applied)).toEqual([[], ["setTeam"], ["setQueue"], []]);
  });

  it("lets the first rule that sets or raises the priority decide it, clamped", () => {
    const raise = (steps: number, priority: RoutingSubject["case"]["priority"]) =>
      decide(
        [buildRule({ actions: { raisePriority: steps } })],
        buildSubject({ case: { priority } }),
        "general",
      ).priority;
    expect(raise(1, "normal")).toBe("high");
    expect(raise(2, "normal")).toBe("urgent");
    expect(raise(3, "normal")).toBe("urgent");
    expect(raise(1, "urgent")).toBe("urgent");
    expect(raise(-1, "normal")).toBe("low");
    expect(raise(-3, "high")).toBe("low");
    const first = decide([
      buildRule({ id: "raise", actions: { raisePriority: 1 } }),
      buildRule({ id: "set", actions: { setPriority: "low", setTeam: "billing" } }),
    ]);
    expect(first.priority).toBe("high");
    expect(first.trace[1]?.applied).toEqual(["setTeam"]);
    const set = decide([
      buildRule({ id: "set", actions: { setPriority: "urgent" } }),
      buildRule({ id: "raise", actions: { raisePriority: -2 } }),
    ]);
    expect(set.priority).toBe("urgent");
    // No rule touched it: the case keeps its own.
    expect(decide([buildRule()]).priority).toBe("normal");
  });

  it("accumulates tags without repeats and skills at their highest level", () => {
    const decision = decide([
      buildRule({
        id: "a",
        actions: {
          addTags: ["vip", "refund"],
          requireSkills: [
            { skill: "billing", level: 2 },
            { skill: "german", level: 3 },
          ],
        },
      }),
      buildRule({
        id: "b",
        actions: {
          addTags: ["refund", "urgent-review"],
          requireSkills: [{ skill: "billing", level: 4 }],
        },
      }),
      buildRule({
        id: "c",
        actions: { addTags: ["vip"], requireSkills: [{ skill: "german", level: 1 }] },
      }),
    ]);
    expect(decision.tags).toEqual(["vip", "refund", "urgent-review"]);
    expect(decision.skills).toEqual([
      { skill: "billing", level: 4 },
      { skill: "german", level: 3 },
    ]);
    expect(decision.trace.map((rule) => rule.applied)).toEqual([
      ["addTags", "requireSkills"],
      ["addTags", "requireSkills"],
      [],
    ]);
  });

  it("ends the evaluation at a rule with stop that fires; later rules are skipped", () => {
    const decision = decide([
      buildRule({ id: "stop-miss", conditions: [chat], stop: true, actions: { addTags: ["x"] } }),
      buildRule({ id: "stopper", conditions: [email], stop: true, actions: { addTags: ["vip"] } }),
      buildRule({ id: "after", actions: { setTeam: "returns" } }),
      buildRule({ id: "after-disabled", enabled: false }),
    ]);
    expect(decision).toMatchObject({ team: "general", rule: null, tags: ["vip"] });
    expect(decision.fired).toEqual(["stopper"]);
    expect(decision.trace.map((rule) => rule.outcome)).toEqual([
      "not_matched",
      "fired",
      "skipped",
      "disabled",
    ]);
  });

  it("passes over disabled rules", () => {
    const decision = decide([
      buildRule({ id: "off", enabled: false, actions: { setTeam: "returns" } }),
      buildRule({ id: "on", actions: { setTeam: "billing" } }),
    ]);
    expect(decision).toMatchObject({ team: "billing", rule: "on", fired: ["on"] });
    expect(decision.trace[0]).toEqual({
      rule: "off",
      name: "A rule",
      outcome: "disabled",
      conditions: [],
      applied: [],
    });
  });

  it("sends a case no rule routes to the fallback team, else keeps its own team", () => {
    const tagOnly = [buildRule({ actions: { addTags: ["seen"] } })];
    expect(decide(tagOnly, buildSubject(), "triage")).toMatchObject({
      team: "triage",
      queue: null,
      rule: null,
      fired: ["rule"],
    });
    expect(decide(tagOnly)).toMatchObject({ team: "general", rule: null });
    expect(decide([], buildSubject({ case: { team: null } }), "triage").team).toBe("triage");
    expect(() => decide(tagOnly, buildSubject({ case: { team: null } }))).toThrow(/no team/);
  });

  it("traces each condition with what the field held and what matched", () => {
    const decision = decide([
      buildRule({
        id: "refunds",
        name: "Refunds",
        match: "any",
        conditions: [
          condition("customer.tier", "in", ["platinum"]),
          condition("case.text", "contains_any", ["parcel", "refund"]),
          condition("case.subject", "matches", "not \\w+"),
        ],
      }),
    ]);
    expect(decision.trace).toEqual([
      {
        rule: "refunds",
        name: "Refunds",
        outcome: "fired",
        conditions: [
          {
            field: "customer.tier",
            op: "in",
            value: ["platinum"],
            actual: "gold",
            holds: false,
          },
          {
            field: "case.text",
            op: "contains_any",
            value: ["parcel", "refund"],
            actual:
              "Refund not received\nI returned the parcel two weeks ago and still have no refund.",
            holds: true,
            matched: "parcel",
          },
          {
            field: "case.subject",
            op: "matches",
            value: "not \\w+",
            actual: "Refund not received",
            holds: true,
            matched: "not received",
          },
        ],
        applied: ["setTeam"],
      },
    ]);
  });

  it("decides the same without the trace, which it leaves empty", () => {
    const rules = [
      buildRule({ id: "a", conditions: [chat], actions: { setTeam: "chat-team" } }),
      buildRule({ id: "b", conditions: [email], actions: { raisePriority: 1, addTags: ["x"] } }),
      buildRule({ id: "c", actions: { setTeam: "billing", setQueue: "q" } }),
    ];
    const compiled = compileRuleSet(buildRuleSet(rules));
    const quick = evaluateRouting(compiled, buildSubject());
    const explained = evaluateRouting(compiled, buildSubject(), { explain: true });
    expect(quick.trace).toEqual([]);
    expect(explained.trace).toHaveLength(3);
    expect({ ...quick, trace: [] }).toEqual({ ...explained, trace: [] });
  });
});
