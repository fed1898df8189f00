import { describe, expect, it } from "vitest";
import { estimateHourlyCapacity, HOUR_MS, simulateFirstResponses } from "./first-response-model.js";

const MINUTE = 60_000;

describe("simulateFirstResponses", () => {
  it("serves cases in arrival order at each hour's pace, waiting through hours without capacity", () => {
    // Capacity 2, 0 and 1 responses in hours 0, 1 and 2. By hand:
    // - a at 0:00: one response at 2 an hour takes 30 min → 0:30;
    // - b at 0:00: waits for a, then the other half of hour 0 → 1:00;
    // - c at 0:30: waits for b (1:00); hour 1 gives nothing, hour 2 one response → 3:00;
    // - d at 2:30: waits for c (3:00); no capacity after hour 2 → unanswered.
    const responses = simulateFirstResponses([0, 0, 30 * MINUTE, 150 * MINUTE], {
      start: 0,
      perHour: [2, 0, 1],
    });
    expect(responses).toEqual([30 * MINUTE, 60 * MINUTE, 3 * HOUR_MS, null]);
  });

  it("carries unused capacity of an hour into the next case and splits work across hours", () => {
    // 1 per hour, then 2/3 per hour: a case at 0:10 gets the 50 minutes left of hour 0 (5/6 of a
    // response) and 1/6 of hour 1 → 1:10; the next, at 0:20, the 50 minutes left of hour 1
    // (5/6) and 1/6 ÷ 2/3 = 1/4 of hour 2 → 2:15.
    const start = Date.UTC(2026, 2, 9, 9);
    const responses = simulateFirstResponses([start + 10 * MINUTE, start + 20 * MINUTE], {
      start,
      perHour: [1, 1, 2 / 3],
    });
    expect(responses[0]).toBe(start + 70 * MINUTE);
    expect(responses[1]).toBeCloseTo(start + 135 * MINUTE, 3);
  });

  it("starts a case that arrived before the first hour at its start", () => {
    const responses = simulateFirstResponses([-5 * HOUR_MS], { start: 0, perHour: [0, 1] });
    expect(responses).toEqual([2 * HOUR_MS]);
  });

  it("answers nothing without capacity", () => {
    expect(simulateFirstResponses([0, 1], { start: 0, perHour: [0, 0] })).toEqual([null, null]);
    expect(simulateFirstResponses([], { start: 0, perHour: [] })).toEqual([]);
  });
});

describe("estimateHourlyCapacity", () => {
  it("gives active agents the pace of the team's busier hours when more than was delivered", () => {
    // Paces per active agent: 3/1, 0/2, 1/1 → sorted [0, 1, 3]; 90th percentile at rank 1.8:
    // 1 + 0.8 × (3 − 1) = 2.6. Hour 0: 3 delivered > 2.6; hour 1: 2 agents × 2.6; hour 2: 2.6.
    const capacity = [...estimateHourlyCapacity([3, 0, 1, 0], [1, 2, 1, 0])];
    expect(capacity).toHaveLength(4);
    for (const [hour, expected] of [3, 5.2, 2.6, 0].entries()) {
      expect(capacity[hour]).toBeCloseTo(expected, 12);
    }
  });

  it("is what was delivered when no agent was seen", () => {
    expect([...estimateHourlyCapacity([1, 3], [0, 0])]).toEqual([1, 3]);
  });
});
