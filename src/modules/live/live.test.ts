import { describe, expect, it } from "vitest";
import { isAlertVisible, summariseEvents } from "./live.js";

describe("summariseEvents", () => {
  it("counts events per type and distinct cases, and forwards alerts in seq order", () => {
    const batch = summariseEvents(
      [
        { seq: 9, type: "alert.raised", caseId: null, data: '{"key":"b"}' },
        { seq: 5, type: "case.opened", caseId: "c1", data: null },
        { seq: 6, type: "case.replied", caseId: "c1", data: null },
        { seq: 7, type: "case.opened", caseId: "c2", data: null },
        { seq: 8, type: "alert.resolved", caseId: null, data: '{"key":"a"}' },
      ],
      9,
    );
    expect(batch).toEqual({
      changes: {
        types: { "case.opened": 2, "case.replied": 1, "alert.resolved": 1, "alert.raised": 1 },
        cases: 2,
        lastSeq: 9,
      },
      forwarded: [
        { seq: 8, type: "alert.resolved", data: '{"key":"a"}' },
        { seq: 9, type: "alert.raised", data: '{"key":"b"}' },
      ],
    });
  });
});

describe("isAlertVisible", () => {
  const teamLead = { all: false as const, within: [{ teams: ["billing"], regions: [] }] };
  const regional = { all: false as const, within: [{ teams: [], regions: ["emea"] }] };
  const alert = (dim: string, key: string) => JSON.stringify({ dim, key, metric: "csat" });

  it("shows every alert to an unrestricted scope", () => {
    expect(isAlertVisible({ all: true }, alert("channel", "chat"))).toBe(true);
  });

  it("shows a scoped caller the alerts on their own team's or region's slice only", () => {
    expect(isAlertVisible(teamLead, alert("team", "billing"))).toBe(true);
    expect(isAlertVisible(teamLead, alert("team", "support"))).toBe(false);
    expect(isAlertVisible(teamLead, alert("all", "all"))).toBe(false);
    expect(isAlertVisible(teamLead, alert("channel", "chat"))).toBe(false);
    expect(isAlertVisible(regional, alert("region", "emea"))).toBe(true);
    expect(isAlertVisible(regional, alert("team", "billing"))).toBe(false);
    expect(isAlertVisible(teamLead, "not json")).toBe(false);
  });
});
