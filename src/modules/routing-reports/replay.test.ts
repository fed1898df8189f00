import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../routing/routing-evaluate.js";
import type { RoutingRuleSet, RoutingSubject } from "../routing/routing-rules.js";
import { HOUR_MS } from "./first-response-model.js";
import { type ReplayCase, replayRouting } from "./replay.js";

const MINUTE = 60_000;

const RULES: RoutingRuleSet = {
  enabled: true,
  fallbackTeam: null,
  rules: [
    {
      id: "x-to-b",
      name: "x to b",
      enabled: true,
      match: "all",
      conditions: [{ field: "case.category", op: "equals", value: "x/y" }],
      actions: { setTeam: "b" },
      stop: false,
    },
  ],
};

function subjectOf(category: string): RoutingSubject {
  return {
    case: {
      channel: "email",
      category,
      priority: "normal",
      team: "a",
      subject: null,
      body: null,
      tags: [],
    },
    customer: {
      tier: "gold",
      segment: "smb",
      region: "emea",
      language: null,
      openCases: 0,
      casesLast30Days: 0,
      recentRecontacts: 0,
    },
  };
}

describe("replayRouting", () => {
  it("keeps an unchanged case on its real path and counts what the model leaves unanswered", () => {
    // Window 0:00–3:00. k1 was opened for a, handed to b and answered by b at 0:30; k2 (x/y)
    // answered by a at 1:30; k3 answered by a at 2:50. Capacity (no agents seen): a 1 in hours
    // 1 and 2, b 1 in hour 0.
    // Actual: a: k2 0:10 → 2:00 (110 min); k3 2:40 gets 1/3 of hour 2: unanswered. b: k1 → 1:00 (60).
    // Replayed: k2 goes to b; k1 is unchanged (a), so b still answers it as it really did:
    // b: k1 → 1:00 (60), k2 has no capacity left: unanswered; a: k3 unanswered.
    const cases: ReplayCase[] = [
      {
        id: "k1",
        openedAt: 0,
        subject: subjectOf("p/q"),
        actualTeam: "a",
        finalTeam: "b",
        handedOff: true,
      },
      {
        id: "k2",
        openedAt: 10 * MINUTE,
        subject: subjectOf("x/y"),
        actualTeam: "a",
        finalTeam: "a",
        handedOff: false,
      },
      {
        id: "k3",
        openedAt: 160 * MINUTE,
        subject: subjectOf("p/q"),
        actualTeam: "a",
        finalTeam: "a",
        handedOff: false,
      },
    ];
    const report = replayRouting(
      {
        from: 0,
        to: 3 * HOUR_MS,
        cases,
        firstResponses: [
          { caseId: "k1", openedAt: 0, at: 30 * MINUTE, team: "b" },
          { caseId: "k2", openedAt: 10 * MINUTE, at: 90 * MINUTE, team: "a" },
          { caseId: "k3", openedAt: 160 * MINUTE, at: 170 * MINUTE, team: "a" },
        ],
        agentHours: [],
      },
      RULES,
      compileRuleSet(RULES),
    );
    expect(report).toEqual({
      from: 0,
      to: 3 * HOUR_MS,
      cases: 3,
      changed: 1,
      teams: [
        {
          team: "a",
          actualCases: 3,
          replayCases: 2,
          delta: -1,
          actual: { firstResponseMedianMinutes: 110, firstResponseP90Minutes: 110, unanswered: 1 },
          replay: {
            firstResponseMedianMinutes: null,
            firstResponseP90Minutes: null,
            unanswered: 1,
          },
          // Observed: k2 80, k3 10 → median 45, p90 10 + 0.9 × 70 = 73.
          observed: { firstResponseMedianMinutes: 45, firstResponseP90Minutes: 73 },
        },
        {
          team: "b",
          actualCases: 0,
          replayCases: 1,
          delta: 1,
          actual: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 0 },
          replay: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 1 },
          observed: { firstResponseMedianMinutes: 30, firstResponseP90Minutes: 30 },
        },
      ],
      firstResponse: {
        // [60, 110] → 85 and 105; [60]; observed [10, 30, 80] → 30 and 70.
        actual: { median: 85, p90: 105, unanswered: 1 },
        replay: { median: 60, p90: 60, unanswered: 2 },
        observed: { median: 30, p90: 70 },
      },
      // k1 still needs its handoff (a is not b); k2 now needs one (b is not a).
      transfers: { actual: 1, replay: 2, avoided: 0, added: 1 },
      rules: [{ rule: "x-to-b", name: "x to b", fires: 1, decides: 1 }],
      samples: [{ case: "k2", actualTeam: "a", replayTeam: "b", rule: "x-to-b" }],
    });
  });

  it("leaves every transfer as it was when the draft decides as the rules in force did", () => {
    // e1 went to a and was handed to b; e2 went to a and ended with the escalations desk, which
    // took it over without a handoff. The draft routes both to a, as reality did: their real
    // paths stand, nothing is avoided or added.
    const cases: ReplayCase[] = [
      {
        id: "e1",
        openedAt: 0,
        subject: subjectOf("p/q"),
        actualTeam: "a",
        finalTeam: "b",
        handedOff: true,
      },
      {
        id: "e2",
        openedAt: MINUTE,
        subject: subjectOf("p/q"),
        actualTeam: "a",
        finalTeam: "esc",
        handedOff: false,
      },
    ];
    const report = replayRouting(
      { from: 0, to: HOUR_MS, cases, firstResponses: [], agentHours: [] },
      RULES,
      compileRuleSet(RULES),
    );
    expect(report.changed).toBe(0);
    expect(report.transfers).toEqual({ actual: 1, replay: 1, avoided: 0, added: 0 });
  });
});
