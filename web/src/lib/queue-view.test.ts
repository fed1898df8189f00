import { describe, expect, it } from "vitest";
import type { QueueSummary, ScoreTerm } from "../api/queues.ts";
import { defaultQueueTeam, largestTerms, namedQueuesOf } from "./queue-view.ts";

function summary(team: string, waiting: number): QueueSummary {
  return {
    team,
    name: team,
    mode: "pull",
    waiting,
    assigned: 0,
    oldestWaitingSince: null,
    oldestWaitMinutes: null,
    agentsAvailable: 1,
    agents: 2,
  };
}

describe("defaultQueueTeam", () => {
  const summaries = [summary("frontline", 3), summary("billing", 9), summary("technical", 9)];

  it("opens the user's own team", () => {
    expect(defaultQueueTeam(summaries, "frontline")).toBe("frontline");
  });

  it("else the team with the most waiting, the first on a tie", () => {
    expect(defaultQueueTeam(summaries, null)).toBe("billing");
    expect(defaultQueueTeam(summaries, "gone")).toBe("billing");
    expect(defaultQueueTeam([summary("a", 0), summary("b", 0)], null)).toBe("a");
    expect(defaultQueueTeam([], null)).toBeNull();
  });
});

describe("largestTerms", () => {
  const term = (name: ScoreTerm["term"], points: number): ScoreTerm => ({
    term: name,
    input: "",
    value: 0,
    weight: 1,
    points,
  });

  it("keeps the terms with the most points, leaving out those with none", () => {
    const terms = [term("value", 15), term("urgency", 21), term("slaRisk", 0), term("age", 3.75)];
    expect(largestTerms(terms, 2).map((item) => item.term)).toEqual(["urgency", "value"]);
    expect(largestTerms([term("slaRisk", 0)], 2)).toEqual([]);
  });
});

describe("namedQueuesOf", () => {
  it("lists each named queue once, sorted", () => {
    expect(
      namedQueuesOf([
        { queue: "refunds" },
        { queue: null },
        { queue: "disputes" },
        { queue: "refunds" },
      ]),
    ).toEqual(["disputes", "refunds"]);
  });
});
