import { describe, expect, it } from "vitest";
import {
  describeActions,
  describeCondition,
  describePriorityChange,
  describeProblemPath,
  formatRoutingValue,
  PRIORITY_CHANGE_OPTIONS,
} from "./routing-text.ts";

const teamName = (id: string) => ({ billing: "Billing & Payments" })[id] ?? id;

describe("formatRoutingValue", () => {
  it("joins lists and names nothing", () => {
    expect(formatRoutingValue(["platinum", "gold"])).toBe("platinum, gold");
    expect(formatRoutingValue(3)).toBe("3");
    expect(formatRoutingValue(null)).toBe("(nothing)");
    expect(formatRoutingValue("")).toBe("(empty)");
    expect(formatRoutingValue([])).toBe("(none)");
  });
});

describe("describeCondition", () => {
  it("reads as a sentence, teams by name", () => {
    expect(
      describeCondition(
        { field: "customer.tier", op: "in", value: ["platinum", "gold"] },
        teamName,
      ),
    ).toBe("Customer tier is one of platinum, gold");
    expect(
      describeCondition({ field: "case.team", op: "equals", value: "billing" }, teamName),
    ).toBe("Team is Billing & Payments");
    expect(describeCondition({ field: "case.tags", op: "exists" }, teamName)).toBe(
      "Tags has a value",
    );
  });
});

describe("priority changes", () => {
  it("names setting and raising", () => {
    expect(describePriorityChange("set:high")).toBe("Set to High");
    expect(describePriorityChange("raise:1")).toBe("One step up");
    expect(describePriorityChange("raise:-2")).toBe("Two steps down");
    expect(describePriorityChange("")).toBe("Keep the priority");
  });

  it("offers every priority and up to three steps each way", () => {
    expect(PRIORITY_CHANGE_OPTIONS.map((option) => option.value)).toEqual([
      "set:urgent",
      "set:high",
      "set:normal",
      "set:low",
      "raise:1",
      "raise:2",
      "raise:3",
      "raise:-1",
      "raise:-2",
      "raise:-3",
    ]);
  });
});

describe("describeActions", () => {
  it("lists what the rule does", () => {
    expect(
      describeActions(
        {
          setTeam: "billing",
          setQueue: "refunds",
          raisePriority: 1,
          addTags: ["vip"],
          requireSkills: [{ skill: "billing", level: 2 }],
        },
        teamName,
      ),
    ).toEqual([
      "team Billing & Payments",
      "queue refunds",
      "priority: one step up",
      "tags vip",
      "skills billing ≥ 2",
    ]);
    expect(describeActions({}, teamName)).toEqual([]);
  });
});

describe("describeProblemPath", () => {
  const rules = [{ name: "VIP" }, { name: "" }];
  it("names the rule as the editor numbers it, and the part", () => {
    expect(describeProblemPath("rules.0.conditions.2.value", rules)).toBe(
      'Rule 1 "VIP", condition 3',
    );
    expect(describeProblemPath("rules.1.actions.setTeam", rules)).toBe("Rule 2, actions");
    expect(describeProblemPath("rules.1", rules)).toBe("Rule 2");
    expect(describeProblemPath("rules", rules)).toBe("The rules");
    expect(describeProblemPath("enabled", rules)).toBe("Routing on or off");
    expect(describeProblemPath("fallbackTeam", rules)).toBe("Fallback team");
  });
});
