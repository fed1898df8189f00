import { describe, expect, it } from "vitest";
import type { RoutingRuleSet } from "../api/routing.ts";
import {
  type ConditionDraft,
  changeConditionField,
  changeConditionOp,
  conditionToDraft,
  draftToCondition,
  draftToRuleSet,
  newRuleDraft,
  ruleSetToDraft,
  valueInputOf,
} from "./routing-form.ts";

const DOCUMENT: RoutingRuleSet = {
  enabled: true,
  fallbackTeam: "frontline",
  rules: [
    {
      id: "vip",
      name: "VIP fast lane",
      enabled: true,
      match: "all",
      conditions: [{ field: "customer.tier", op: "in", value: ["platinum", "gold"] }],
      actions: { raisePriority: 1, addTags: ["vip"] },
      stop: false,
    },
    {
      id: "refunds",
      name: "Refunds",
      enabled: false,
      match: "any",
      conditions: [
        { field: "case.text", op: "contains_any", value: ["refund", "money back"] },
        { field: "customer.openCases", op: "gte", value: 2 },
        { field: "case.subject", op: "matches", value: " ^re: " },
        { field: "case.tags", op: "exists" },
      ],
      actions: {
        setTeam: "billing",
        setQueue: "refunds",
        setPriority: "high",
        requireSkills: [{ skill: "billing", level: 2 }],
      },
      stop: true,
    },
  ],
};

describe("rule set drafts", () => {
  it("round-trips a document unchanged", () => {
    expect(draftToRuleSet(ruleSetToDraft(DOCUMENT))).toEqual(DOCUMENT);
  });

  it("turns no fallback team into null and leaves out actions not taken", () => {
    const draft = ruleSetToDraft({ ...DOCUMENT, fallbackTeam: null });
    expect(draft.fallbackTeam).toBe("");
    const rule = newRuleDraft(draft.rules);
    const saved = draftToRuleSet({ ...draft, rules: [rule] });
    expect(saved.fallbackTeam).toBeNull();
    expect(saved.rules[0]?.actions).toEqual({});
  });

  it("gives a new rule a free id", () => {
    const first = newRuleDraft([]);
    expect(first.id).toBe("new-rule");
    expect(newRuleDraft([first]).id).toBe("new-rule-2");
  });
});

describe("valueInputOf", () => {
  it("fits the input to the field's kind and the op", () => {
    expect(valueInputOf("case.channel", "equals")).toMatchObject({ kind: "choice" });
    expect(valueInputOf("case.priority", "in")).toMatchObject({
      kind: "choices",
      options: ["urgent", "high", "normal", "low"],
    });
    expect(valueInputOf("case.team", "equals")).toEqual({ kind: "team" });
    expect(valueInputOf("case.team", "not_in")).toEqual({ kind: "teams" });
    expect(valueInputOf("customer.openCases", "gt")).toEqual({ kind: "number" });
    expect(valueInputOf("case.text", "contains_any")).toEqual({ kind: "list" });
    expect(valueInputOf("customer.tier", "in")).toEqual({ kind: "list" });
    expect(valueInputOf("case.subject", "contains")).toEqual({ kind: "text" });
    expect(valueInputOf("case.channel", "matches")).toEqual({ kind: "pattern" });
    expect(valueInputOf("case.tags", "exists")).toEqual({ kind: "none" });
  });
});

describe("conditions", () => {
  const equalsBilling: ConditionDraft = {
    field: "case.category",
    op: "equals",
    text: "billing/refund",
    list: [],
  };

  it("parses numbers and sends one that does not parse as null", () => {
    const draft = conditionToDraft({ field: "customer.openCases", op: "gt", value: 3 });
    expect(draft.text).toBe("3");
    expect(draftToCondition(draft)).toEqual({ field: "customer.openCases", op: "gt", value: 3 });
    const typo = draftToCondition({ ...draft, text: "three" });
    expect(JSON.parse(JSON.stringify(typo))).toEqual({
      field: "customer.openCases",
      op: "gt",
      value: null,
    });
  });

  it("trims text but sends a pattern as typed", () => {
    expect(draftToCondition({ ...equalsBilling, text: " billing/refund " }).value).toBe(
      "billing/refund",
    );
    expect(draftToCondition({ ...equalsBilling, op: "matches", text: " ^a " }).value).toBe(" ^a ");
  });

  it("keeps the op and value when the new field takes them", () => {
    expect(changeConditionField(equalsBilling, "case.topCategory")).toEqual({
      ...equalsBilling,
      field: "case.topCategory",
    });
  });

  it("picks the field's first op and clears a value the new input cannot show", () => {
    expect(changeConditionField(equalsBilling, "case.tags")).toEqual({
      ...equalsBilling,
      field: "case.tags",
      op: "contains",
    });
    expect(changeConditionField(equalsBilling, "case.channel")).toEqual({
      field: "case.channel",
      op: "equals",
      text: "",
      list: [],
    });
  });

  it("carries a value into a list and back when the other side is empty", () => {
    const listed = changeConditionOp(equalsBilling, "in");
    expect(listed.list).toEqual(["billing/refund"]);
    expect(draftToCondition(listed).value).toEqual(["billing/refund"]);
    const back = changeConditionOp({ ...listed, text: "" }, "equals");
    expect(back.text).toBe("billing/refund");
  });
});
