import { describe, expect, it } from "vitest";
import type { SlaPoliciesDocument } from "../api/settings-types.ts";
import {
  draftToSlaPolicies,
  moveItem,
  newPolicyDraft,
  slaPoliciesToDraft,
} from "./sla-policy-form.ts";

const document: SlaPoliciesDocument = {
  policies: [
    {
      id: "standard",
      name: "Standard",
      position: 2,
      conditions: { tiers: [], priorities: [], channels: [], categories: [] },
      targets: { resolution: { minutes: 2880, time: "calendar" } },
      atRiskShare: 0.8,
    },
    {
      id: "platinum-urgent",
      name: "Platinum urgent",
      position: 1,
      conditions: {
        tiers: ["platinum"],
        priorities: ["urgent"],
        channels: ["phone", "chat"],
        categories: ["billing", "technical/login"],
      },
      targets: {
        firstResponse: { minutes: 30, time: "business" },
        nextUpdate: { minutes: 120, time: "business" },
        resolution: { minutes: 480, time: "business" },
      },
      calendarId: "emea-office",
      atRiskShare: 0.75,
    },
  ],
  internal: [
    {
      id: "to-technical",
      name: "Handoffs to Technical",
      team: "technical",
      fromTeams: ["frontline"],
      target: { minutes: 60, time: "business" },
      calendarId: "emea-office",
      atRiskShare: 0.75,
    },
  ],
};

describe("SLA policy drafts", () => {
  it("list policies in matching order and renumber positions from the list on save", () => {
    const draft = slaPoliciesToDraft(document);
    expect(draft.policies.map((policy) => policy.id)).toEqual(["platinum-urgent", "standard"]);
    const saved = draftToSlaPolicies(draft);
    expect(saved.policies.map((policy) => [policy.id, policy.position])).toEqual([
      ["platinum-urgent", 1],
      ["standard", 2],
    ]);
  });

  it("round-trip conditions, targets, calendars, at-risk shares and internal SLAs", () => {
    const saved = draftToSlaPolicies(slaPoliciesToDraft(document));
    expect(saved.policies[0]).toEqual(document.policies[1]);
    expect(saved.policies[1]).toEqual(document.policies[0]);
    expect(saved.internal).toEqual(document.internal);
  });

  it("edit at-risk shares as percentages and leave disabled targets out", () => {
    const draft = slaPoliciesToDraft(document);
    const standard = draft.policies[1];
    expect(standard?.atRiskPercent).toBe("80");
    expect(standard?.targets.firstResponse.enabled).toBe(false);
    if (standard === undefined) throw new Error("no standard policy");
    standard.targets.firstResponse = { enabled: true, minutes: "45", time: "calendar" };
    standard.targets.resolution.enabled = false;
    standard.atRiskPercent = "90";
    const saved = draftToSlaPolicies(draft).policies[1];
    expect(saved?.targets).toEqual({ firstResponse: { minutes: 45, time: "calendar" } });
    expect(saved?.atRiskShare).toBe(0.9);
  });

  it("send a minutes field left empty as NaN, for the server to name", () => {
    const policy = newPolicyDraft(["policy"], "emea-office");
    expect(policy.id).toBe("policy-2");
    policy.targets.firstResponse.minutes = "";
    const saved = draftToSlaPolicies({ policies: [policy], internal: [] }).policies[0];
    expect(saved?.targets.firstResponse?.minutes).toBeNaN();
    expect(JSON.parse(JSON.stringify(saved)).targets.firstResponse.minutes).toBeNull();
  });

  it("reads a document without internal SLAs", () => {
    const draft = slaPoliciesToDraft({ policies: [] } as unknown as SlaPoliciesDocument);
    expect(draft.internal).toEqual([]);
  });
});

describe("moveItem", () => {
  it("moves one place and ignores moves past either end", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
