import { describe, expect, it } from "vitest";
import type { QueueSettingsDocument } from "../api/settings-types.ts";
import { draftToQueueSettings, queueSettingsToDraft } from "./queue-settings-form.ts";

const DOCUMENT: QueueSettingsDocument = {
  weights: { value: 2, urgency: 3, slaRisk: 3, age: 1, feasibility: 1 },
  tierValues: { platinum: 1, gold: 0.75 },
  defaultTierValue: 0.25,
  priorityValues: { urgent: 1, high: 0.7, normal: 0.4, low: 0.1 },
  ageHorizonMinutes: 480,
  slaRiskCap: 1.5,
  defaultCapacity: { email: 8, chat: 3, phone: 1, web: 6, social: 6, api: 8 },
  assignment: { mode: "pull", perTeam: { "support-chat": "push" } },
};

describe("queue settings drafts", () => {
  it("round-trips the document, keeping the order of tiers", () => {
    const draft = queueSettingsToDraft(DOCUMENT);
    expect(draft.tierValues.map((row) => row.tier)).toEqual(["platinum", "gold"]);
    expect(draft.weights.slaRisk).toBe("3");
    expect(draftToQueueSettings(draft)).toEqual(DOCUMENT);
  });

  it("leaves out perTeam when no team works the other way", () => {
    const draft = { ...queueSettingsToDraft(DOCUMENT), perTeam: [] };
    expect(draftToQueueSettings(draft).assignment).toEqual({ mode: "pull" });
  });

  it("sends a number that does not parse as null for the server to name", () => {
    const draft = queueSettingsToDraft(DOCUMENT);
    draft.weights.age = "lots";
    draft.tierValues[1] = { tier: " gold ", value: "" };
    const sent = JSON.parse(JSON.stringify(draftToQueueSettings(draft)));
    expect(sent.weights.age).toBeNull();
    expect(sent.tierValues).toEqual({ platinum: 1, gold: null });
  });
});
