import { describe, expect, it } from "vitest";
import { countStatuses, ragStatus, type ScorecardMetric, scoreRow, sideOf } from "./scorecard.js";

const csat: ScorecardMetric = { metric: "csat", target: 85, direction: "higher", amberWithin: 5 };
const firstResponse: ScorecardMetric = {
  metric: "firstResponseMedianMinutes",
  target: 60,
  direction: "lower",
  amberWithin: 30,
};

describe("ragStatus", () => {
  it("is green on or beyond the target in its direction", () => {
    expect(ragStatus(85, csat)).toBe("green");
    expect(ragStatus(97.5, csat)).toBe("green");
    expect(ragStatus(60, firstResponse)).toBe("green");
    expect(ragStatus(12, firstResponse)).toBe("green");
  });
  it("is amber within amberWithin on the wrong side, red beyond", () => {
    expect(ragStatus(80, csat)).toBe("amber"); // 5 short: the edge is amber
    expect(ragStatus(79.99, csat)).toBe("red");
    expect(ragStatus(90, firstResponse)).toBe("amber");
    expect(ragStatus(90.5, firstResponse)).toBe("red");
    expect(ragStatus(84.9, { ...csat, amberWithin: 0 })).toBe("red");
  });
  it("is none without a value or without a target", () => {
    expect(ragStatus(null, csat)).toBe("none");
    expect(ragStatus(70, { ...csat, target: null })).toBe("none");
  });
});

describe("scoreRow", () => {
  it("puts operational KPIs first and experience KPIs after, each scored", () => {
    const row = scoreRow("billing", { csat: 78, firstResponseMedianMinutes: 45, backlog: 12 }, [
      csat,
      firstResponse,
      { metric: "backlog", target: null, direction: "lower", amberWithin: 0 },
    ]);
    expect(row).toEqual({
      key: "billing",
      cells: [
        {
          metric: "firstResponseMedianMinutes",
          side: "operations",
          value: 45,
          target: 60,
          direction: "lower",
          amberWithin: 30,
          status: "green",
        },
        {
          metric: "backlog",
          side: "operations",
          value: 12,
          target: null,
          direction: "lower",
          amberWithin: 0,
          status: "none",
        },
        {
          metric: "csat",
          side: "experience",
          value: 78,
          target: 85,
          direction: "higher",
          amberWithin: 5,
          status: "red",
        },
      ],
    });
    expect(countStatuses([row])).toEqual({ green: 1, amber: 0, red: 1, none: 1 });
  });
  it("classifies the KPIs customers feel as experience", () => {
    expect(sideOf("fcrRate")).toBe("experience");
    expect(sideOf("recontactRate")).toBe("experience");
    expect(sideOf("costPerCase")).toBe("operations");
  });
});
