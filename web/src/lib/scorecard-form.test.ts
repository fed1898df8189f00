import { describe, expect, it } from "vitest";
import {
  displayTarget,
  draftToScorecardRequest,
  emptyScorecardDraft,
  targetUnit,
} from "./scorecard-form.ts";

describe("draftToScorecardRequest", () => {
  it("turns the starter draft into a body pairing operations and experience KPIs", () => {
    const draft = {
      ...emptyScorecardDraft(),
      name: "  Billing weekly ",
      aboutDimension: "team" as const,
      aboutKey: "billing",
    };
    const result = draftToScorecardRequest(draft);
    expect(result).toEqual({
      body: {
        name: "Billing weekly",
        by: null,
        filter: { team: "billing" },
        metrics: [
          { metric: "firstResponseMedianMinutes", target: 60, amberWithin: 30 },
          { metric: "resolutionMedianHours", target: 24, amberWithin: 12 },
          { metric: "fcrRate", target: 0.7, amberWithin: 0.05 },
          { metric: "slaFirstResponseAttainment", target: 0.9, amberWithin: 0.05 },
          { metric: "backlog", target: null },
          { metric: "csat", target: 80, amberWithin: 5 },
          { metric: "nps", target: 30, amberWithin: 10 },
        ],
      },
    });
  });

  it("keeps a description, rows by a dimension and decimal commas", () => {
    const draft = emptyScorecardDraft();
    draft.name = "Per channel";
    draft.description = "CX by channel";
    draft.by = "channel";
    for (const entry of Object.values(draft.metrics)) entry.on = false;
    draft.metrics.ces = { on: true, target: "5,5", amberWithin: "0.5" };
    expect(draftToScorecardRequest(draft)).toEqual({
      body: {
        name: "Per channel",
        description: "CX by channel",
        by: "channel",
        filter: {},
        metrics: [{ metric: "ces", target: 5.5, amberWithin: 0.5 }],
      },
    });
  });

  it("names every field that stops it", () => {
    const draft = emptyScorecardDraft();
    draft.aboutDimension = "team";
    draft.metrics.csat = { on: true, target: "high", amberWithin: "-1" };
    const result = draftToScorecardRequest(draft);
    expect("errors" in result ? result.errors.map((error) => error.field) : []).toEqual([
      "name",
      "aboutKey",
      "metrics.csat.target",
      "metrics.csat.amberWithin",
    ]);
    for (const entry of Object.values(draft.metrics)) entry.on = false;
    draft.name = "x";
    draft.aboutDimension = "";
    const none = draftToScorecardRequest(draft);
    expect("errors" in none ? none.errors : []).toEqual([
      { field: "metrics", message: "Pick at least one KPI" },
    ]);
  });
});

describe("units", () => {
  it("shows rates in percent and other KPIs in their own unit", () => {
    expect(targetUnit("reopenRate")).toBe("%");
    expect(targetUnit("ahtMinutes")).toBe("min");
    expect(targetUnit("nps")).toBe("pts");
    expect(displayTarget("slaFirstResponseAttainment", 0.925)).toBe(92.5);
    expect(displayTarget("csat", 80)).toBe(80);
    expect(displayTarget("csat", null)).toBeNull();
  });
});
