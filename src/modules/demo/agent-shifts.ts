/**
 * The demo's rota: when each agent works. Every team works early (07:00–15:00) and late
 * (14:00–22:00) shifts in London time, the hours of the support-hours calendar
 * (demo-settings.ts); teams staffed around the clock put some agents on nights (22:00–07:00).
 * Everyone works five days a week, the two days off staggered across colleagues so that every
 * day is staffed. Shifts are recorded on `agent.upserted` in the calendar format of
 * src/modules/sla/calendar.ts.
 */
import { DateTime } from "luxon";
import type { AgentPresence, AgentShift } from "../events/event.types.js";
import { WEEKDAYS, type Weekday } from "../sla/calendar.js";
import type { DemoTeam } from "./demo-teams.js";
import type { EventDraft } from "./event-draft.js";
import type { Random } from "./random.js";

/** The contact centre's time zone, the support-hours calendar's. */
export const DEMO_TIME_ZONE = "Europe/London";

export type ShiftPattern = "early" | "late" | "night";

/** Local start and end hours; an end past 24 runs into the next morning. */
const SHIFT_HOURS: Record<ShiftPattern, { start: number; end: number }> = {
  early: { start: 7, end: 15 },
  late: { start: 14, end: 22 },
  night: { start: 22, end: 24 + 7 },
};

const HOURS_PER_WEEK = 7 * 24;
const HOUR_MS = 3_600_000;

/**
 * The pattern of a team's `member`-th agent (0-based): early and late alternate; in a team
 * staffed around the clock every fifth agent, starting with the third, works nights.
 */
export function chooseShiftPattern(team: DemoTeam, member: number): ShiftPattern {
  if (team.aroundTheClock && member % 5 === 2) return "night";
  const dayMember = team.aroundTheClock ? member - Math.floor((member + 2) / 5) : member;
  return dayMember % 2 === 0 ? "early" : "late";
}

/**
 * A week of `pattern` shifts with two days off in a row, the first on `firstDayOff` (0 = Monday).
 * A night is written as its two halves: `mon: [["22:00", "24:00"]], tue: [["00:00", "07:00"]]`.
 *
 * @example
 * buildShift("early", 5) // { timezone: "Europe/London", hours: { mon: [["07:00", "15:00"]], … fri: […] } }
 */
export function buildShift(pattern: ShiftPattern, firstDayOff: number): AgentShift {
  const { start, end } = SHIFT_HOURS[pattern];
  const spans = new Map<Weekday, [number, number][]>();
  const addSpan = (dayIndex: number, from: number, to: number): void => {
    const day = WEEKDAYS[dayIndex % 7] as Weekday;
    const daySpans = spans.get(day) ?? [];
    daySpans.push([from, to]);
    spans.set(day, daySpans);
  };
  for (let day = 0; day < 7; day++) {
    const offset = (day - firstDayOff + 7) % 7;
    if (offset === 0 || offset === 1) continue;
    addSpan(day, start, Math.min(end, 24));
    if (end > 24) addSpan(day + 1, 0, end - 24);
  }
  const hours: AgentShift["hours"] = {};
  for (const day of WEEKDAYS) {
    const daySpans = spans.get(day);
    if (daySpans === undefined) continue;
    hours[day] = daySpans
      .sort((left, right) => left[0] - right[0])
      .map(([from, to]) => [formatHour(from), formatHour(to)]);
  }
  return { timezone: DEMO_TIME_ZONE, hours };
}

function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/**
 * The shift as 168 flags, one per local hour of the week (Monday 00:00 first), for checking
 * quickly whether an agent is at work: the demo's shifts start and end on the hour.
 */
export function weeklyShiftHours(shift: AgentShift): Uint8Array {
  const flags = new Uint8Array(HOURS_PER_WEEK);
  for (const [dayIndex, day] of WEEKDAYS.entries()) {
    for (const [from, to] of shift.hours[day] ?? []) {
      const fromHour = parseWholeHour(from);
      const toHour = parseWholeHour(to);
      for (let hour = fromHour; hour < toHour; hour++) flags[dayIndex * 24 + hour] = 1;
    }
  }
  return flags;
}

function parseWholeHour(time: string): number {
  const [hours, minutes] = time.split(":");
  if (minutes !== "00") throw new RangeError(`demo shifts change on the hour, got ${time}`);
  return Number(hours);
}

/**
 * Where an instant falls in the local week (0: Monday 00:00–01:00 in London). London's offset
 * from UTC is always whole hours, so the answer is the same for every instant of a UTC hour;
 * it is computed once per hour.
 */
const weekHourByUtcHour = new Map<number, number>();
const MAX_CACHED_HOURS = 100_000;

export function localWeekHour(atMs: number): number {
  const utcHour = Math.floor(atMs / HOUR_MS);
  let weekHour = weekHourByUtcHour.get(utcHour);
  if (weekHour === undefined) {
    const local = DateTime.fromMillis(utcHour * HOUR_MS, { zone: DEMO_TIME_ZONE });
    weekHour = (local.weekday - 1) * 24 + local.hour;
    if (weekHourByUtcHour.size >= MAX_CACHED_HOURS) weekHourByUtcHour.clear();
    weekHourByUtcHour.set(utcHour, weekHour);
  }
  return weekHour;
}

export function isOnShift(agent: { shiftHours: Uint8Array }, atMs: number): boolean {
  return agent.shiftHours[localWeekHour(atMs)] === 1;
}

/** Of the agents on shift at the end of the run, the share busy (in a meeting, on a break). */
const BUSY_SHARE = 0.25;
/** The presence is set a second before the end: the last instant the run records. */
const PRESENCE_BEFORE_END_MS = 1000;

/**
 * Each agent's presence at the end of the run, the demo's "now": agents on shift `available`
 * (a quarter of them `busy`), everyone else `away`.
 */
export function draftPresenceAtEnd(
  agents: readonly { id: string; shiftHours: Uint8Array }[],
  endMs: number,
  random: Random,
): EventDraft[] {
  const atMs = endMs - PRESENCE_BEFORE_END_MS;
  return agents.map((agent) => {
    const presence: AgentPresence = !isOnShift(agent, atMs)
      ? "away"
      : random.chance(BUSY_SHARE)
        ? "busy"
        : "available";
    return { atMs, body: { type: "agent.presence", agent: agent.id, presence } };
  });
}
