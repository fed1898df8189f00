import { describe, expect, it } from "vitest";
import { checkIntake, type IntakeRule, validateRuleSet } from "./intake-rules.js";

const RULES: IntakeRule[] = [
  {
    channel: "phone",
    require: ["callbackNumber"],
    patterns: { callbackNumber: "^\\+?[0-9 ()-]{6,}$" },
  },
  { categoryTop: "billing", require: ["accountId"] },
];

describe("validateRuleSet", () => {
  it("accepts an empty set and valid rules", () => {
    expect(validateRuleSet([])).toEqual({ ok: true });
    expect(validateRuleSet(RULES)).toEqual({ ok: true });
  });

  it("names a bad regular expression by its path", () => {
    const result = validateRuleSet([{ require: [] }, { require: [], patterns: { orderId: "([" } }]);
    expect(result).toMatchObject({ field: "1.patterns.orderId" });
  });

  it("names an unknown channel", () => {
    const result = validateRuleSet([{ channel: "fax" as never, require: [] }]);
    expect(result).toMatchObject({ field: "0.channel" });
    expect((result as { reason: string }).reason).toContain('"fax"');
  });
});

describe("checkIntake", () => {
  it("lists every failing field of every matching rule", () => {
    const failures = checkIntake(RULES, { channel: "phone", category: "billing/refund" });
    expect(failures.map((failure) => failure.field)).toEqual(["callbackNumber", "accountId"]);
  });

  it("applies only the rules whose channel and category match", () => {
    expect(checkIntake(RULES, { channel: "email", category: "billing/refund" })).toEqual([
      { field: "accountId", reason: "is required for billing cases" },
    ]);
    expect(checkIntake(RULES, { channel: "email", category: "tech/login" })).toEqual([]);
  });

  it("treats blank strings as missing and checks patterns", () => {
    expect(
      checkIntake(RULES, { channel: "phone", category: "tech/x", callbackNumber: "  " }),
    ).toEqual([{ field: "callbackNumber", reason: "is required for phone cases" }]);
    const bad = checkIntake(RULES, { channel: "phone", category: "tech/x", callbackNumber: "abc" });
    expect(bad).toHaveLength(1);
    expect(bad[0]?.reason).toContain("must match");
    expect(
      checkIntake(RULES, {
        channel: "phone",
        category: "tech/x",
        callbackNumber: "+44 20 7946 0000",
      }),
    ).toEqual([]);
  });

  it("requires extension fields on every case for a rule with no channel or category", () => {
    expect(checkIntake([{ require: ["orderId"] }], { channel: "web" })).toEqual([
      { field: "orderId", reason: "is required for every case" },
    ]);
  });
});
