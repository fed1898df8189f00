import { describe, expect, it } from "vitest";
import type { HandoffType } from "../api/settings-types.ts";
import { handoffBody, handoffTypesForPair, missingRequiredItems } from "./handoff.ts";

const billingToTech: HandoffType = {
  id: "billing-to-tech",
  name: "Billing → Tech escalation",
  from: "billing",
  to: "technical",
  checklist: [
    { id: "account-verified", label: "Account verified", required: true },
    { id: "logs-attached", label: "Logs attached", required: false },
    { id: "summary", label: "Summary written", required: true },
  ],
};
const techToBilling: HandoffType = {
  ...billingToTech,
  id: "tech-to-billing",
  from: "technical",
  to: "billing",
};

describe("handoffTypesForPair", () => {
  it("finds the types of the directed pair only", () => {
    const types = [billingToTech, techToBilling];
    expect(handoffTypesForPair(types, "billing", "technical").map((type) => type.id)).toEqual([
      "billing-to-tech",
    ]);
    expect(handoffTypesForPair(types, "billing", "frontline")).toEqual([]);
  });
});

describe("missingRequiredItems", () => {
  it("lists required items not ticked", () => {
    expect(missingRequiredItems(billingToTech, {})).toEqual(["account-verified", "summary"]);
    expect(
      missingRequiredItems(billingToTech, { "account-verified": true, summary: true }),
    ).toEqual([]);
    expect(missingRequiredItems(billingToTech, { "logs-attached": true, summary: false })).toEqual([
      "account-verified",
      "summary",
    ]);
  });
});

describe("handoffBody", () => {
  it("sends the type and every checklist item, ticked or not", () => {
    expect(
      handoffBody(
        {
          to: "technical",
          type: "billing-to-tech",
          reason: "  needs logs ",
          checked: { summary: true },
        },
        billingToTech,
      ),
    ).toEqual({
      to: "technical",
      type: "billing-to-tech",
      reason: "needs logs",
      checklist: { "account-verified": false, "logs-attached": false, summary: true },
    });
  });

  it("sends only the team for a pair without types", () => {
    expect(handoffBody({ to: "frontline", type: "", reason: " ", checked: {} }, undefined)).toEqual(
      {
        to: "frontline",
      },
    );
  });
});
