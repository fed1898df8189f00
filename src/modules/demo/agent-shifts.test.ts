import { describe, expect, it } from "vitest";
import { type BusinessCalendar, nextOpening } from "../sla/calendar.js";
import {
  buildShift,
  chooseShiftPattern,
  draftPresenceAtEnd,
  isOnShift,
  weeklyShiftHours,
} from "./agent-shifts.js";
import { findDemoTeam } from "./demo-teams.js";
import { createRandom } from "./random.js";

const HOUR_MS = 3_600_000;

function isOpenAt(shift: ReturnType<typeof buildShift>, atMs: number): boolean {
  const calendar: BusinessCalendar = { ...shift, holidays: [] };
  return nextOpening(calendar, new Date(atMs)).toMillis() === atMs;
}

describe("buildShift", () => {
  it("works five early shifts with two days off in a row", () => {
    expect(buildShift("early", 5)).toEqual({
      timezone: "Europe/London",
      hours: {
        mon: [["07:00", "15:00"]],
        tue: [["07:00", "15:00"]],
        wed: [["07:00", "15:00"]],
        thu: [["07:00", "15:00"]],
        fri: [["07:00", "15:00"]],
      },
    });
    expect(Object.keys(buildShift("late", 6).hours)).toEqual(["tue", "wed", "thu", "fri", "sat"]);
  });

  it("writes a night as its evening and its next morning, across the week's end", () => {
    expect(buildShift("night", 0).hours).toEqual({
      wed: [["22:00", "24:00"]],
      thu: [
        ["00:00", "07:00"],
        ["22:00", "24:00"],
      ],
      fri: [
        ["00:00", "07:00"],
        ["22:00", "24:00"],
      ],
      sat: [
        ["00:00", "07:00"],
        ["22:00", "24:00"],
      ],
      sun: [
        ["00:00", "07:00"],
        ["22:00", "24:00"],
      ],
      mon: [["00:00", "07:00"]],
    });
  });
});

describe("isOnShift", () => {
  it("agrees with the business calendar, hour by hour, across the change to summer time", () => {
    const shifts = [buildShift("early", 5), buildShift("late", 2), buildShift("night", 3)];
    // Two weeks around 29 March 2026, when London moves to UTC+1.
    const startMs = Date.parse("2026-03-23T00:00:00Z");
    const disagreements: string[] = [];
    for (const shift of shifts) {
      const agent = { shiftHours: weeklyShiftHours(shift) };
      for (let hour = 0; hour < 14 * 24; hour++) {
        const atMs = startMs + hour * HOUR_MS + 30 * 60_000;
        if (isOnShift(agent, atMs) !== isOpenAt(shift, atMs)) {
          disagreements.push(new Date(atMs).toISOString());
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("starts the early shift at 07:00 London time, 06:00 UTC in summer", () => {
    const agent = { shiftHours: weeklyShiftHours(buildShift("early", 5)) };
    expect(isOnShift(agent, Date.parse("2026-06-01T05:59:59Z"))).toBe(false);
    expect(isOnShift(agent, Date.parse("2026-06-01T06:00:00Z"))).toBe(true);
    expect(isOnShift(agent, Date.parse("2026-01-05T06:30:00Z"))).toBe(false);
  });
});

describe("chooseShiftPattern", () => {
  it("alternates early and late, and puts every fifth agent of the frontline on nights", () => {
    const frontline = findDemoTeam("frontline");
    const billing = findDemoTeam("billing");
    const patterns = (team: typeof frontline) =>
      Array.from({ length: 8 }, (_, member) => chooseShiftPattern(team, member));
    expect(patterns(frontline)).toEqual([
      "early",
      "late",
      "night",
      "early",
      "late",
      "early",
      "late",
      "night",
    ]);
    expect(patterns(billing)).toEqual([
      "early",
      "late",
      "early",
      "late",
      "early",
      "late",
      "early",
      "late",
    ]);
  });
});

describe("draftPresenceAtEnd", () => {
  it("makes agents on shift available or busy a second before the end, and the others away", () => {
    const endMs = Date.parse("2026-03-04T12:00:00Z");
    const agents = [
      { id: "agt-001", shiftHours: weeklyShiftHours(buildShift("early", 5)) },
      { id: "agt-002", shiftHours: weeklyShiftHours(buildShift("late", 5)) },
      { id: "agt-003", shiftHours: weeklyShiftHours(buildShift("early", 2)) },
    ];
    const drafts = draftPresenceAtEnd(agents, endMs, createRandom(1, "presence"));
    expect(drafts.map((draft) => draft.atMs)).toEqual([endMs - 1000, endMs - 1000, endMs - 1000]);
    const presences = drafts.map((draft) =>
      draft.body.type === "agent.presence" ? draft.body.presence : undefined,
    );
    // A Wednesday noon: the early shift is at work unless it is one of its days off.
    expect(["available", "busy"]).toContain(presences[0]);
    expect(presences.slice(1)).toEqual(["away", "away"]);
  });
});
