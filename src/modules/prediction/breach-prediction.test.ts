import { describe, expect, it } from "vitest";
import type { AgentAvailability } from "../assignment/agent-availability.js";
import { CHANNELS, type Channel, type SkillRequirement } from "../events/event.types.js";
import { parseCalendar } from "../sla/calendar.js";
import { predictFirstResponses, type WaitingCase } from "./breach-prediction.js";

const MINUTE = 60_000;
// Wednesday 2026-03-04 12:00 UTC (12:00 in London: GMT, before the clocks change).
const NOW = Date.parse("2026-03-04T12:00:00Z");

function perChannel(value: number): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, value])) as Record<Channel, number>;
}

function agent(
  id: string,
  options: {
    skills?: Record<string, number>;
    presence?: AgentAvailability["presence"];
    capacity?: number;
    load?: number;
    onShift?: boolean;
    shift?: AgentAvailability["shift"];
  } = {},
): AgentAvailability {
  return {
    agentId: id,
    teamId: "support",
    presence: options.presence ?? "available",
    shift: options.shift ?? null,
    onShift: options.onShift ?? true,
    asOf: NOW,
    skillLevels: new Map(Object.entries(options.skills ?? {})),
    load: perChannel(options.load ?? 0),
    capacity: perChannel(options.capacity ?? 2),
    lastAssignedAt: null,
  };
}

function waiting(id: string, required: SkillRequirement[] = [], dueInMinutes = 60): WaitingCase {
  return {
    caseId: id,
    channel: "chat",
    requiredSkills: required,
    firstResponse: { policy: "p", startedAt: NOW, dueAt: NOW + dueInMinutes * MINUTE },
  };
}

describe("predictFirstResponses", () => {
  it("lets the free slots take the first cases now and queues the rest at n / AHT", () => {
    // Two agents with two chat slots each, nothing loaded: F = 4. AHT 10 min, n = 2, so each
    // case past the free slots waits 10 / 2 = 5 min more than the one before it:
    // 0–3 cases ahead → 0 min; 4 ahead → (4 − 4 + 1) × 10 / 2 = 5; 5 ahead → 10.
    const queue = ["c0", "c1", "c2", "c3", "c4", "c5"].map((id) => waiting(id, [], 8));
    const predictions = predictFirstResponses(
      queue,
      [agent("a"), agent("b")],
      { ahtMinutes: 10, sampleCases: 40 },
      NOW,
    );
    expect(predictions.map((p) => ((p.predictedAt ?? 0) - NOW) / MINUTE)).toEqual([
      0, 0, 0, 0, 5, 10,
    ]);
    expect(predictions.map((p) => p.freeSlots)).toEqual([4, 4, 4, 4, 4, 4]);
    // Due 8 min after opening: only the last one is predicted to miss it.
    expect(predictions.map((p) => p.breach)).toEqual([false, false, false, false, false, true]);
  });

  it("counts only the cases ahead that the same skilled agents could take", () => {
    // Only "de" holds German; "api" cases need api ≥ 4, which "de" lacks, so they are not ahead
    // of the German case. The two plain cases are (de could take them): ahead = 2. de has one
    // slot left (capacity 2, load 1): wait = (2 − 1 + 1) × 12 / 1 = 24 min.
    const queue = [
      waiting("plain-1"),
      waiting("api-1", [{ skill: "api", level: 4 }]),
      waiting("plain-2"),
      waiting("api-2", [{ skill: "api", level: 4 }]),
      waiting("german", [{ skill: "de", level: 3 }], 20),
    ];
    const agents = [
      agent("de", { skills: { de: 4 }, load: 1 }),
      agent("api", { skills: { api: 5 } }),
      agent("novice", { skills: { de: 2 } }),
    ];
    const [german] = predictFirstResponses(
      queue,
      agents,
      { ahtMinutes: 12, sampleCases: 9 },
      NOW,
    ).filter((p) => p.caseId === "german");
    expect(german).toMatchObject({ ahead: 2, eligibleAgents: 1, eligibleOnShift: 1, freeSlots: 1 });
    expect(german?.predictedAt).toBe(NOW + 24 * MINUTE);
    expect(german?.breach).toBe(true);
  });

  it("leaves away agents out and waits for the next shift when nobody skilled is on", () => {
    const parsed = parseCalendar({
      timezone: "Europe/London",
      hours: { mon: [["09:00", "17:00"]], thu: [["09:00", "17:00"]] },
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    const queue = [waiting("first"), waiting("second", [], 24 * 60)];
    const agents = [
      agent("gone", { presence: "away" }),
      agent("thursday", { onShift: false, shift: parsed.calendar }),
    ];
    const predictions = predictFirstResponses(
      queue,
      agents,
      { ahtMinutes: 15, sampleCases: 3 },
      NOW,
    );
    // Thursday 09:00 London = 09:00 UTC; then (ahead + 1) × 15 / 1: 15 and 30 min.
    const thursday = Date.parse("2026-03-05T09:00:00Z");
    expect(predictions.map((p) => p.predictedAt)).toEqual([
      thursday + 15 * MINUTE,
      thursday + 30 * MINUTE,
    ]);
    expect(predictions.map((p) => p.eligibleAgents)).toEqual([1, 1]);
    // The first is due at 13:00 today: missed. The second is due tomorrow at 12:00: in time.
    expect(predictions.map((p) => p.breach)).toEqual([true, false]);
    expect(predictions[0]?.reason).toContain("no skilled agent on shift");
  });

  it("predicts a breach when no agent of the team could ever take the case", () => {
    const [prediction] = predictFirstResponses(
      [waiting("klingon", [{ skill: "tlh", level: 1 }])],
      [agent("a", { skills: { en: 5 } })],
      { ahtMinutes: 10, sampleCases: 1 },
      NOW,
    );
    expect(prediction).toMatchObject({ predictedAt: null, breach: true, eligibleAgents: 0 });
  });

  it("says so when the agents who could take the case are all away", () => {
    const [prediction] = predictFirstResponses(
      [waiting("german", [{ skill: "de", level: 3 }])],
      [agent("de", { skills: { de: 4 }, presence: "away" }), agent("en", { skills: { en: 5 } })],
      { ahtMinutes: 10, sampleCases: 1 },
      NOW,
    );
    expect(prediction).toMatchObject({ predictedAt: null, breach: true, position: 1 });
    expect(prediction?.reason).toBe("every agent of the team who could take it is away (de ≥ 3)");
  });

  it("uses the default handling time when the team has none measured", () => {
    const queue = [waiting("c0"), waiting("c1")];
    const predictions = predictFirstResponses(
      queue,
      [agent("a", { capacity: 1 })],
      { ahtMinutes: 0, sampleCases: 0 },
      NOW,
    );
    expect(predictions[1]?.ahtMinutes).toBe(12);
    expect(predictions[1]?.predictedAt).toBe(NOW + 12 * MINUTE);
  });
});
