import { describe, expect, it } from "vitest";
import type { EscalationPoliciesDocument } from "../api/settings-types.ts";
import {
  draftToEscalationPolicies,
  draftToStep,
  escalationPoliciesToDraft,
  newEscalationPolicyDraft,
  newStepDraft,
} from "./escalation-form.ts";

const document: EscalationPoliciesDocument = {
  policies: [
    {
      id: "urgent-path",
      name: "Urgent path",
      position: 1,
      conditions: { tiers: [], priorities: ["urgent", "high"] },
      calendarId: "emea-office",
      steps: [
        {
          trigger: "at_risk",
          afterMinutes: 0,
          time: "business",
          action: "notify",
          to: { kind: "team_lead" },
        },
        {
          trigger: "breached",
          afterMinutes: 30,
          time: "business",
          action: "escalate",
          level: 1,
          to: { kind: "role", role: "ops_manager" },
        },
        {
          trigger: "breached",
          afterMinutes: 120,
          time: "calendar",
          action: "escalate",
          level: 2,
          to: { kind: "team", team: "escalations" },
        },
      ],
    },
  ],
};

describe("escalation policy drafts", () => {
  it("round-trip a document", () => {
    expect(draftToEscalationPolicies(escalationPoliciesToDraft(document))).toEqual(document);
  });

  it("hold a recipient as a kind and one value", () => {
    const steps = escalationPoliciesToDraft(document)[0]?.steps ?? [];
    expect(steps.map((step) => [step.toKind, step.toValue])).toEqual([
      ["team_lead", ""],
      ["role", "ops_manager"],
      ["team", "escalations"],
    ]);
  });

  it("send a level only with escalate steps and the value only for kinds that need one", () => {
    const step = draftToStep({
      trigger: "at_risk",
      afterMinutes: "15",
      time: "calendar",
      action: "notify",
      level: "3",
      toKind: "manager",
      toValue: "left-over",
    });
    expect(step).toEqual({
      trigger: "at_risk",
      afterMinutes: 15,
      time: "calendar",
      action: "notify",
      to: { kind: "manager" },
    });
    expect(
      draftToStep({ ...newStepDraft(undefined), toKind: "user", toValue: " u-7 " }).to,
    ).toEqual({ kind: "user", user: "u-7" });
  });

  it("number positions from the list order", () => {
    const second = newEscalationPolicyDraft(["urgent-path"], "emea-office");
    const drafts = [second, ...escalationPoliciesToDraft(document)];
    const saved = draftToEscalationPolicies(drafts);
    expect(saved.policies.map((policy) => [policy.id, policy.position])).toEqual([
      ["escalation", 1],
      ["urgent-path", 2],
    ]);
  });

  it("offer a breach escalation after an at-risk notification", () => {
    const first = newStepDraft(undefined);
    expect(first).toMatchObject({ trigger: "at_risk", action: "notify", toKind: "team_lead" });
    expect(newStepDraft(first)).toMatchObject({
      trigger: "breached",
      action: "escalate",
      level: "1",
    });
  });
});
