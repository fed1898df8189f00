import { describe, expect, it } from "vitest";
import { explainScore, type ScoreClock, type ScoreInput, slaShareUsed } from "./priority-score.js";
import { defaultQueueSettings, validateQueueSettings } from "./queue-settings.js";

const at = (time: string) => Date.parse(`2026-03-02T${time}:00Z`);
const HOUR = 60 * 60_000;

function firstResponse(overrides: Partial<ScoreClock> = {}): ScoreClock {
  return {
    clock: "firstResponse",
    startedAt: at("09:00"),
    dueAt: at("13:00"),
    stoppedAt: null,
    state: "running",
    updatedAt: at("09:00"),
    ...overrides,
  };
}

/** docs/queues.md, "Worked example", case A. */
const caseA: ScoreInput = {
  tier: "gold",
  priority: "high",
  openedAt: at("09:00"),
  clocks: [firstResponse()],
  feasibility: { value: 1, input: "1 agent on shift can take it now" },
};

/** docs/queues.md, "Worked example", case B. */
const caseB: ScoreInput = {
  tier: "platinum",
  priority: "normal",
  openedAt: at("11:12"),
  clocks: [],
  feasibility: { value: 0.5, input: "2 agents on shift, all busy or at capacity on email" },
};

describe("explainScore", () => {
  const settings = defaultQueueSettings();

  it("computes the worked example of docs/queues.md term by term (case A at 12:00)", () => {
    expect(explainScore(caseA, settings, at("12:00"))).toEqual({
      score: 64.75,
      terms: [
        { term: "value", input: "gold", value: 0.75, weight: 2, points: 15 },
        { term: "urgency", input: "high", value: 0.7, weight: 3, points: 21 },
        {
          term: "slaRisk",
          input: "75% of first response target used",
          value: 0.5,
          weight: 3,
          points: 15,
        },
        {
          term: "age",
          input: "3 h since opened (full at 8 h)",
          value: 0.375,
          weight: 1,
          points: 3.75,
        },
        {
          term: "feasibility",
          input: "1 agent on shift can take it now",
          value: 1,
          weight: 1,
          points: 10,
        },
      ],
    });
  });

  it("scores case B of the worked example 38, below case A", () => {
    const b = explainScore(caseB, settings, at("12:00"));
    expect(b.score).toBe(38);
    expect(b.terms.map((term) => term.points)).toEqual([20, 12, 0, 1, 5]);
    expect(b.terms[2]?.input).toBe("no SLA clock running");
    expect(b.terms[3]?.input).toBe("48 min since opened (full at 8 h)");
  });

  it("raises case A as its clock runs past due, up to the cap (docs: 13:30 and 15:00)", () => {
    const late = explainScore(caseA, settings, at("13:30"));
    expect(late.score).toBe(74.13);
    expect(late.terms[2]).toMatchObject({
      input: "113% of first response target used",
      value: 0.75,
      points: 22.5,
    });
    expect(late.terms[3]).toMatchObject({ value: 0.5625, points: 5.63 });
    const capped = explainScore(caseA, settings, at("15:00"));
    expect(capped.terms[2]).toMatchObject({ value: 1, points: 30 });
    // Past the cap the SLA term stays full; only age still grows, up to its horizon.
    const later = explainScore(caseA, settings, at("17:00"));
    expect(later.terms[2]?.points).toBe(30);
    expect(later.terms[3]?.points).toBe(10);
    expect(later.score).toBe((100 * (1.5 + 2.1 + 3 + 1 + 1)) / 10);
  });

  it("uses the default value for a tier that is not listed, and for an unknown customer", () => {
    const unlisted = explainScore({ ...caseB, tier: "wood" }, settings, at("12:00"));
    expect(unlisted.terms[0]).toEqual({
      term: "value",
      input: "wood (not listed: the default value)",
      value: 0.25,
      weight: 2,
      points: 5,
    });
    expect(explainScore({ ...caseB, tier: null }, settings, at("12:00")).terms[0]?.input).toBe(
      "no tier (not listed: the default value)",
    );
  });

  it("reads the most-used running clock, ignores stopped ones, freezes a paused one", () => {
    const clocks: ScoreClock[] = [
      firstResponse({ stoppedAt: at("09:30"), state: "met" }),
      // Resolution: 8 h target, 3 h used at 12:00 → 37.5%.
      firstResponse({ clock: "resolution", dueAt: at("17:00") }),
      // Next update paused at 10:00 with half of its 2 h used.
      firstResponse({
        clock: "nextUpdate",
        startedAt: at("09:00"),
        dueAt: at("11:00"),
        state: "paused",
        updatedAt: at("10:00"),
      }),
    ];
    const explained = explainScore({ ...caseA, clocks }, settings, at("12:00"));
    expect(explained.terms[2]?.input).toBe("50% of next update target used (paused)");
    expect(explained.terms[2]?.value).toBeCloseTo(0.5 / 1.5, 4);
  });

  it("weights only by ratio: doubling every weight leaves the score", () => {
    const doubled = structuredClone(settings);
    for (const term of Object.keys(doubled.weights) as (keyof typeof doubled.weights)[]) {
      doubled.weights[term] *= 2;
    }
    expect(explainScore(caseA, doubled, at("12:00")).score).toBe(64.75);
    const urgencyOnly = structuredClone(settings);
    urgencyOnly.weights = { value: 0, urgency: 1, slaRisk: 0, age: 0, feasibility: 0 };
    expect(explainScore(caseA, urgencyOnly, at("12:00")).score).toBe(70);
  });
});

describe("slaShareUsed", () => {
  it("is wall-clock time used over the target, past 1 once due", () => {
    expect(slaShareUsed(firstResponse(), at("11:00"))).toBe(0.5);
    expect(slaShareUsed(firstResponse(), at("14:00"))).toBe(1.25);
    expect(slaShareUsed(firstResponse(), at("08:00"))).toBe(0);
  });

  it("treats a clock with no time to run as fully used once due", () => {
    const instant = firstResponse({ dueAt: at("09:00") });
    expect(slaShareUsed(instant, at("09:00") - HOUR)).toBe(0);
    expect(slaShareUsed(instant, at("09:00"))).toBe(Number.POSITIVE_INFINITY);
    expect(
      explainScore({ ...caseA, clocks: [instant] }, defaultQueueSettings(), at("10:00")).terms[2],
    ).toMatchObject({ input: "all% of first response target used", value: 1 });
  });
});

describe("validateQueueSettings", () => {
  const check = (change: (settings: ReturnType<typeof defaultQueueSettings>) => void) => {
    const settings = defaultQueueSettings();
    change(settings);
    return validateQueueSettings(settings);
  };

  it("accepts the defaults", () => {
    expect(validateQueueSettings(defaultQueueSettings()).ok).toBe(true);
  });

  it("names the field at fault", () => {
    expect(
      check((s) => (s.weights = { value: 0, urgency: 0, slaRisk: 0, age: 0, feasibility: 0 })),
    ).toMatchObject({
      ok: false,
      field: "weights",
    });
    expect(check((s) => (s.weights.age = -1))).toMatchObject({ field: "weights.age" });
    expect(check((s) => (s.tierValues.gold = 1.5))).toMatchObject({ field: "tierValues.gold" });
    expect(check((s) => (s.priorityValues.low = -0.1))).toMatchObject({
      field: "priorityValues.low",
    });
    expect(check((s) => (s.ageHorizonMinutes = 0))).toMatchObject({ field: "ageHorizonMinutes" });
    expect(check((s) => (s.slaRiskCap = 0.5))).toMatchObject({ field: "slaRiskCap" });
    expect(check((s) => (s.defaultCapacity.chat = 2.5))).toMatchObject({
      field: "defaultCapacity.chat",
    });
    expect(check((s) => (s.defaultCapacity.phone = 101))).toMatchObject({
      field: "defaultCapacity.phone",
    });
  });
});
