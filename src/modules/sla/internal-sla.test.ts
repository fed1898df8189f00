/**
 * Internal SLAs worked out by hand on a Europe/Berlin calendar open Mon–Fri 09:00–17:00; March
 * 2026 is CET (+01:00). 2026-03-06 is a Friday, 03-09 a Monday, 03-10 a Tuesday.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type BusinessCalendar, parseCalendar } from "./calendar.js";
import {
  computeInternalClock,
  type InternalFact,
  type InternalSla,
  matchInternalSla,
} from "./internal-sla.js";

const parsed = parseCalendar({
  timezone: "Europe/Berlin",
  hours: Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]),
  ),
  holidays: [],
});
if (!parsed.ok) throw new Error(parsed.reason);
const calendars = new Map<string, BusinessCalendar>([["berlin", parsed.calendar]]);

const at = (local: string) => DateTime.fromISO(local, { zone: "Europe/Berlin" }).toMillis();
const handoff = (when: string, from: string, to: string): InternalFact => ({
  at: at(when),
  kind: "handoff",
  from,
  to,
});
const action = (when: string): InternalFact => ({ at: at(when), kind: "action" });

const toTechnical: InternalSla = {
  id: "to-technical",
  name: "To Technical",
  team: "technical",
  fromTeams: [],
  target: { minutes: 60, time: "business" },
  calendarId: "berlin",
  atRiskShare: 0.75,
};
const billingToFinance: InternalSla = {
  id: "billing-to-finance",
  name: "Billing to Finance",
  team: "finance",
  fromTeams: ["billing"],
  target: { minutes: 30, time: "calendar" },
  atRiskShare: 0.5,
};
const slas = [toTechnical, billingToFinance];
const NOW = at("2026-03-20T12:00");

describe("matchInternalSla", () => {
  it("takes the first SLA for the receiving team whose fromTeams cover the sender", () => {
    expect(matchInternalSla(slas, "sales", "technical")?.id).toBe("to-technical");
    expect(matchInternalSla(slas, "billing", "finance")?.id).toBe("billing-to-finance");
    expect(matchInternalSla(slas, "sales", "finance")).toBeUndefined();
    expect(matchInternalSla(slas, "technical", "billing")).toBeUndefined();
  });
});

describe("computeInternalClock", () => {
  it("runs in business time from the handoff: Friday 16:30 + 60 → Monday 09:30", () => {
    const clock = computeInternalClock(
      slas,
      calendars,
      [handoff("2026-03-06T16:30", "billing", "technical")],
      NOW,
    );
    expect(clock).toEqual({
      slaId: "to-technical",
      team: "technical",
      startedAt: at("2026-03-06T16:30"),
      dueAt: at("2026-03-09T09:30"),
      atRiskAt: at("2026-03-09T09:15"),
      breached: true,
    });
  });

  it("stops at the receiving team's first action: met in time, breached when late", () => {
    const met = computeInternalClock(
      slas,
      calendars,
      [
        handoff("2026-03-10T10:00", "billing", "technical"),
        action("2026-03-10T10:45"),
        action("2026-03-10T12:00"),
      ],
      NOW,
    );
    expect(met).toMatchObject({ stoppedAt: at("2026-03-10T10:45"), met: true, breached: false });
    const late = computeInternalClock(
      slas,
      calendars,
      [handoff("2026-03-10T10:00", "billing", "technical"), action("2026-03-10T11:30")],
      NOW,
    );
    expect(late).toMatchObject({ dueAt: at("2026-03-10T11:00"), met: false, breached: true });
  });

  it("an onward handoff stops the clock and may start the next team's", () => {
    const clock = computeInternalClock(
      slas,
      calendars,
      [
        handoff("2026-03-10T10:00", "sales", "technical"),
        handoff("2026-03-10T10:20", "technical", "billing"),
      ],
      NOW,
    );
    // The handoff onwards to Billing (no internal SLA) ends Technical's cycle, which stays the latest.
    expect(clock).toMatchObject({
      slaId: "to-technical",
      stoppedAt: at("2026-03-10T10:20"),
      met: true,
    });

    const next = computeInternalClock(
      slas,
      calendars,
      [
        handoff("2026-03-10T10:00", "sales", "technical"),
        handoff("2026-03-10T10:20", "technical", "billing"),
        handoff("2026-03-10T10:40", "billing", "finance"),
      ],
      NOW,
    );
    expect(next).toEqual({
      slaId: "billing-to-finance",
      team: "finance",
      startedAt: at("2026-03-10T10:40"),
      dueAt: at("2026-03-10T11:10"),
      atRiskAt: at("2026-03-10T10:55"),
      breached: true,
    });
  });

  it("ignores handoffs no SLA covers, and facts after now", () => {
    expect(
      computeInternalClock(slas, calendars, [handoff("2026-03-10T10:00", "sales", "finance")], NOW),
    ).toBeUndefined();
    const running = computeInternalClock(
      slas,
      calendars,
      [handoff("2026-03-10T10:00", "billing", "finance"), action("2026-03-10T10:20")],
      at("2026-03-10T10:10"),
    );
    expect(running?.stoppedAt).toBeUndefined();
    expect(running?.breached).toBe(false);
  });
});
