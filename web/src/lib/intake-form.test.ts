import { describe, expect, it } from "vitest";
import type { IntakeRule } from "../api/settings-types.ts";
import { draftToIntakeRule, intakeRuleToDraft, newIntakeRuleDraft } from "./intake-form.ts";

describe("intake rule drafts", () => {
  it("round-trip a rule", () => {
    const rule: IntakeRule = {
      channel: "phone",
      categoryTop: "billing",
      require: ["callbackNumber", "accountId"],
      patterns: { accountId: "^ACC-\\d+$" },
    };
    expect(intakeRuleToDraft(rule)).toEqual({
      channel: "phone",
      categoryTop: "billing",
      requireText: "callbackNumber, accountId",
      patterns: [{ field: "accountId", pattern: "^ACC-\\d+$" }],
    });
    expect(draftToIntakeRule(intakeRuleToDraft(rule))).toEqual(rule);
  });

  it("leave out what applies to anything and pattern rows without a field", () => {
    const draft = {
      ...newIntakeRuleDraft(),
      requireText: " orderId ,, orderId",
      patterns: [
        { field: "", pattern: "x" },
        { field: " orderId ", pattern: "^\\d+$" },
      ],
    };
    expect(draftToIntakeRule(draft)).toEqual({
      require: ["orderId"],
      patterns: { orderId: "^\\d+$" },
    });
  });
});
