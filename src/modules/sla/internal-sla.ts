/**
 * Internal SLAs: how long a team may take to act on a case handed off to it. Pure, beside
 * sla-policy.ts (whose clocks are the customer's); `now` is an argument.
 *
 * Rules (issue 4, item 7):
 * - An internal SLA names the receiving `team` and optionally the teams handing off (`fromTeams`,
 *   empty = any). The first SLA in the list that fits a handoff applies to it.
 * - The clock starts at a handoff into the team and stops at the team's first action: an
 *   assignment, a public agent reply, worked time, a status change, a resolution or closure, or
 *   an onward handoff (which may start the next team's clock at the same instant).
 * - Only the latest cycle is kept: a later handoff that no internal SLA covers ends the running
 *   cycle but leaves it as the latest.
 * - The clock does not pause: waiting on the customer is itself an action (a status change).
 * - Met when it stopped at or before the due time; breached when it stopped after it, or is still
 *   running with `now` past it. At risk once `atRiskShare` of the target has been used.
 */
import { type BusinessCalendar, computeDueAtMillis } from "./calendar.js";
import type { SlaTimeKind, Target } from "./sla-policy.js";

export interface InternalSla {
  id: string;
  name: string;
  /** The receiving team. */
  team: string;
  /** Teams handing off that this SLA covers; empty covers any team. */
  fromTeams: string[];
  target: Target;
  /** Required when the target is in business time. */
  calendarId?: string;
  atRiskShare: number;
}

/** The facts of a case's history that move internal clocks; `at` in ms, in time order. */
export type InternalFact =
  | { at: number; kind: "handoff"; from: string; to: string }
  | { at: number; kind: "action" };

export interface InternalClockState {
  slaId: string;
  team: string;
  startedAt: number;
  dueAt: number;
  atRiskAt: number;
  stoppedAt?: number;
  met?: boolean;
  breached: boolean;
}

const MINUTE_MS = 60_000;

/** The internal SLA that covers a handoff from `from` to `to`: the first in the list that fits. */
export function matchInternalSla(
  slas: readonly InternalSla[],
  from: string,
  to: string,
): InternalSla | undefined {
  return slas.find(
    (sla) => sla.team === to && (sla.fromTeams.length === 0 || sla.fromTeams.includes(from)),
  );
}

function addTarget(
  time: SlaTimeKind,
  minutes: number,
  calendar: BusinessCalendar | undefined,
  start: number,
): number {
  if (time === "calendar") return start + Math.round(minutes * MINUTE_MS);
  if (calendar === undefined) {
    throw new RangeError("a business-time internal SLA needs its business calendar");
  }
  return computeDueAtMillis(calendar, new Date(start), minutes);
}

/**
 * The latest internal clock of a case at `now` (rules in the module comment), or undefined when
 * no handoff of its history is covered by an internal SLA. `calendars` holds the SLAs' calendars
 * by id; a cycle whose business calendar is missing is not started.
 *
 * @example
 * // "to-technical": 60 calendar minutes. Handed off billing → technical at 10:00, assigned at
 * // 10:40 → started 10:00, due 11:00, stopped 10:40, met.
 */
export function computeInternalClock(
  slas: readonly InternalSla[],
  calendars: ReadonlyMap<string, BusinessCalendar>,
  facts: readonly InternalFact[],
  now: number,
): InternalClockState | undefined {
  let latest: { sla: InternalSla; team: string; start: number; stop?: number } | undefined;
  for (const fact of facts) {
    if (fact.at > now) break;
    if (latest !== undefined && latest.stop === undefined) latest.stop = fact.at;
    if (fact.kind !== "handoff") continue;
    const sla = matchInternalSla(slas, fact.from, fact.to);
    if (sla === undefined) continue;
    if (sla.target.time === "business") {
      if (sla.calendarId === undefined || !calendars.has(sla.calendarId)) continue;
    }
    latest = { sla, team: fact.to, start: fact.at };
  }
  if (latest === undefined) return undefined;
  const { sla, team, start, stop } = latest;
  const calendar = sla.calendarId === undefined ? undefined : calendars.get(sla.calendarId);
  const dueAt = addTarget(sla.target.time, sla.target.minutes, calendar, start);
  const atRiskAt = addTarget(
    sla.target.time,
    sla.target.minutes * sla.atRiskShare,
    calendar,
    start,
  );
  if (stop !== undefined) {
    const met = stop <= dueAt;
    return {
      slaId: sla.id,
      team,
      startedAt: start,
      dueAt,
      atRiskAt,
      stoppedAt: stop,
      met,
      breached: !met,
    };
  }
  return { slaId: sla.id, team, startedAt: start, dueAt, atRiskAt, breached: now > dueAt };
}
