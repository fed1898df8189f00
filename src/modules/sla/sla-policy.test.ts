/**
 * SLA policies: validation, matching, and the clocks worked out by hand on a Europe/Berlin
 * calendar open Mon–Fri 09:00–17:00 (March 2026 is CET, +01:00, until 29 March) and in calendar
 * time. 2026-03-05 is a Thursday, 03-06 Friday, 03-09 Monday, 03-10 Tuesday.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type BusinessCalendar, parseCalendar } from "./calendar.js";
import {
  computeSlaClock,
  matchPolicy,
  recomputeDueTimes,
  type SlaCase,
  type SlaFact,
  type SlaPolicy,
  validatePolicy,
} from "./sla-policy.js";

// ───────────────────────────── builders ─────────────────────────────

const parsed = parseCalendar({
  timezone: "Europe/Berlin",
  hours: Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]),
  ),
  holidays: [],
});
if (!parsed.ok) throw new Error(parsed.reason);
const berlin: BusinessCalendar = parsed.calendar;

/** Milliseconds of a Berlin wall time, e.g. at("2026-03-06T15:00"). */
function at(local: string): number {
  return DateTime.fromISO(local, { zone: "Europe/Berlin" }).toMillis();
}

/** A Berlin wall time of an instant, for readable assertions. */
function local(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  return DateTime.fromMillis(ms, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd'T'HH:mm");
}

function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  const result = validatePolicy({
    id: "p",
    name: "Policy",
    position: 1,
    conditions: {},
    targets: { firstResponse: { minutes: 240, time: "business" } },
    calendarId: "berlin",
    atRiskShare: 0.75,
    ...overrides,
  });
  if (!result.ok) throw new Error(`${result.field}: ${result.reason}`);
  return result.policy;
}

const reply = (when: string): SlaFact => ({ at: at(when), kind: "agent_public_reply" });
const customer = (when: string): SlaFact => ({ at: at(when), kind: "customer_reply" });
const pending = (when: string): SlaFact => ({
  at: at(when),
  kind: "status",
  status: "pending_customer",
});
const reopenStatus = (when: string): SlaFact => ({ at: at(when), kind: "status", status: "open" });
const resolved = (when: string): SlaFact => ({ at: at(when), kind: "resolved" });
const reopened = (when: string): SlaFact => ({ at: at(when), kind: "reopened" });

// ───────────────────────────── validatePolicy ─────────────────────────────

describe("validatePolicy", () => {
  const valid = {
    id: "gold-urgent",
    name: "Gold, urgent",
    position: 10,
    conditions: { tiers: ["gold"], priorities: ["urgent"], channels: ["email", "chat"] },
    targets: {
      firstResponse: { minutes: 60, time: "business" },
      resolution: { minutes: 1440, time: "calendar" },
    },
    calendarId: "berlin",
    atRiskShare: 0.75,
  };

  it("returns a frozen, normalised policy", () => {
    const result = validatePolicy({ ...valid, extra: "ignored" });
    expect(result).toEqual({
      ok: true,
      policy: {
        id: "gold-urgent",
        name: "Gold, urgent",
        position: 10,
        conditions: { tiers: ["gold"], priorities: ["urgent"], channels: ["email", "chat"] },
        targets: {
          firstResponse: { minutes: 60, time: "business" },
          resolution: { minutes: 1440, time: "calendar" },
        },
        calendarId: "berlin",
        atRiskShare: 0.75,
      },
    });
    expect(result.ok && Object.isFrozen(result.policy.targets.firstResponse)).toBe(true);
  });

  it("accepts calendar-time targets without a calendar and absent conditions", () => {
    const { calendarId: _omitted, conditions: _none, ...rest } = valid;
    const result = validatePolicy({
      ...rest,
      targets: { nextUpdate: { minutes: 30, time: "calendar" } },
    });
    expect(result.ok && result.policy.conditions).toEqual({});
  });

  it.each([
    ["no targets at all", { targets: undefined }, "targets", "a policy needs at least one target"],
    ["an empty targets object", { targets: {} }, "targets", "a policy needs at least one target"],
  ])("rejects %s", (_label, change, field, reason) => {
    expect(validatePolicy({ ...valid, ...change })).toEqual({ ok: false, field, reason });
  });

  it.each([
    ["not an object", "policy", null],
    ["a missing id", "id", { ...valid, id: "" }],
    ["a missing name", "name", { ...valid, name: undefined }],
    ["a fractional position", "position", { ...valid, position: 1.5 }],
    [
      "zero minutes",
      "targets.firstResponse.minutes",
      { ...valid, targets: { firstResponse: { minutes: 0, time: "business" } } },
    ],
    [
      "negative minutes",
      "targets.resolution.minutes",
      { ...valid, targets: { resolution: { minutes: -5, time: "calendar" } } },
    ],
    [
      "an unknown time kind",
      "targets.nextUpdate.time",
      { ...valid, targets: { nextUpdate: { minutes: 5, time: "wall" } } },
    ],
    [
      "an unknown target",
      "targets.firstReply",
      { ...valid, targets: { firstReply: { minutes: 5, time: "calendar" } } },
    ],
    ["an at-risk share of 1", "atRiskShare", { ...valid, atRiskShare: 1 }],
    ["an at-risk share of 0", "atRiskShare", { ...valid, atRiskShare: 0 }],
    ["an at-risk share given in percent", "atRiskShare", { ...valid, atRiskShare: 75 }],
    ["a business target without a calendar", "calendarId", { ...valid, calendarId: undefined }],
    [
      "an unknown priority",
      "conditions.priorities.0",
      { ...valid, conditions: { priorities: ["critical"] } },
    ],
    [
      "an unknown channel",
      "conditions.channels.1",
      { ...valid, conditions: { channels: ["email", "fax"] } },
    ],
    [
      "a three-level category",
      "conditions.categories.0",
      { ...valid, conditions: { categories: ["billing/refund/late"] } },
    ],
    ["an unknown condition", "conditions.tier", { ...valid, conditions: { tier: ["gold"] } }],
    [
      "a condition that is not a list",
      "conditions.tiers",
      { ...valid, conditions: { tiers: "gold" } },
    ],
  ])("rejects %s, naming the field %s", (_label, field, input) => {
    const result = validatePolicy(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.field).toBe(field);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it("names the business targets that need a calendar", () => {
    expect(validatePolicy({ ...valid, calendarId: undefined })).toEqual({
      ok: false,
      field: "calendarId",
      reason: "is required for business-time targets (firstResponse)",
    });
  });
});

// ───────────────────────────── matchPolicy ─────────────────────────────

describe("matchPolicy", () => {
  const goldUrgent = policy({
    id: "gold-urgent",
    position: 1,
    conditions: { tiers: ["gold"], priorities: ["urgent"] },
  });
  const billingRefunds = policy({
    id: "billing-refunds",
    position: 2,
    conditions: { categories: ["billing/refund"] },
  });
  const billing = policy({ id: "billing", position: 3, conditions: { categories: ["billing"] } });
  const phone = policy({
    id: "phone",
    position: 4,
    conditions: { channels: ["phone"], tiers: [] },
  });
  const fallback = policy({ id: "fallback", position: 100 });
  // Deliberately out of order: position decides, not the list.
  const all = [fallback, phone, billing, billingRefunds, goldUrgent];
  const base = { tier: "silver", priority: "normal", channel: "email", category: "tech" } as const;

  it("takes the first match by position, not by list order", () => {
    expect(
      matchPolicy(all, { ...base, tier: "gold", priority: "urgent", category: "billing/refund" })
        ?.id,
    ).toBe("gold-urgent");
  });

  it("needs every non-empty condition to hold", () => {
    expect(matchPolicy(all, { ...base, tier: "gold", priority: "high" })?.id).toBe("fallback");
  });

  it("matches a full category exactly and a top level with all its subcategories", () => {
    expect(matchPolicy(all, { ...base, category: "billing/refund" })?.id).toBe("billing-refunds");
    expect(matchPolicy(all, { ...base, category: "billing/invoice" })?.id).toBe("billing");
    expect(matchPolicy(all, { ...base, category: "billing" })?.id).toBe("billing");
    expect(matchPolicy(all, { ...base, category: "billingx/refund" })?.id).toBe("fallback");
  });

  it("treats an empty condition list as matching anything", () => {
    expect(matchPolicy(all, { ...base, channel: "phone", tier: "bronze" })?.id).toBe("phone");
  });

  it("falls back to a policy without conditions, or to nothing", () => {
    expect(matchPolicy(all, base)?.id).toBe("fallback");
    expect(matchPolicy([goldUrgent, billing], base)).toBeUndefined();
    expect(matchPolicy([], base)).toBeUndefined();
  });

  it("keeps list order between policies of equal position", () => {
    const first = policy({ id: "first", position: 5 });
    const second = policy({ id: "second", position: 5 });
    expect(matchPolicy([first, second], base)?.id).toBe("first");
    expect(matchPolicy([second, first], base)?.id).toBe("second");
  });
});

// ───────────────────────────── computeSlaClock ─────────────────────────────

describe("computeSlaClock: first response in business time", () => {
  const firstResponse4h = policy({
    targets: { firstResponse: { minutes: 240, time: "business" } },
  });

  it("is met when the agent replies in time", () => {
    // Opened Mon 10:00; 240 business minutes → due Mon 14:00; 75% = 180 → at risk Mon 13:00.
    // The agent replies at 12:30: met.
    const clocks = computeSlaClock(
      firstResponse4h,
      berlin,
      { openedAt: at("2026-03-09T10:00"), events: [reply("2026-03-09T12:30")] },
      at("2026-03-09T16:00"),
    );
    expect(clocks.nextUpdate).toBeUndefined();
    const clock = clocks.firstResponse;
    expect(local(clock?.dueAt)).toBe("2026-03-09T14:00");
    expect(local(clock?.atRiskAt)).toBe("2026-03-09T13:00");
    expect(local(clock?.stoppedAt)).toBe("2026-03-09T12:30");
    expect(clock).toMatchObject({ met: true, breached: false, paused: false, pausedMinutes: 0 });
  });

  it("runs over the weekend and is breached once past due", () => {
    // Opened Fri 15:00: Fri 15–17 uses 120, Mon 09–11 the other 120 → due Mon 11:00.
    // At risk after 180: Fri 120 + Mon 09:00–10:00 → Mon 10:00.
    const history = { openedAt: at("2026-03-06T15:00"), events: [reply("2026-03-09T12:00")] };
    const before = computeSlaClock(firstResponse4h, berlin, history, at("2026-03-09T10:30"));
    expect(local(before.firstResponse?.dueAt)).toBe("2026-03-09T11:00");
    expect(local(before.firstResponse?.atRiskAt)).toBe("2026-03-09T10:00");
    expect(before.firstResponse).toMatchObject({ breached: false });
    expect(before.firstResponse?.stoppedAt).toBeUndefined();

    // Mon 11:30, still unanswered: breached, still running.
    const past = computeSlaClock(firstResponse4h, berlin, history, at("2026-03-09T11:30"));
    expect(past.firstResponse).toMatchObject({ breached: true });
    expect(past.firstResponse?.met).toBeUndefined();

    // Answered Mon 12:00: stopped, not met, breached.
    const answered = computeSlaClock(firstResponse4h, berlin, history, at("2026-03-09T13:00"));
    expect(local(answered.firstResponse?.stoppedAt)).toBe("2026-03-09T12:00");
    expect(answered.firstResponse).toMatchObject({ met: false, breached: true });
  });

  it("is met exactly at the due instant", () => {
    const clocks = computeSlaClock(
      firstResponse4h,
      berlin,
      { openedAt: at("2026-03-09T10:00"), events: [reply("2026-03-09T14:00")] },
      at("2026-03-09T15:00"),
    );
    expect(clocks.firstResponse).toMatchObject({ met: true, breached: false });
  });

  it("stops at a resolution without a reply and does not restart on a reopen", () => {
    // Opened Mon 10:00, resolved Mon 11:00 without a public reply, reopened Tue 09:00.
    const clocks = computeSlaClock(
      firstResponse4h,
      berlin,
      {
        openedAt: at("2026-03-09T10:00"),
        events: [resolved("2026-03-09T11:00"), reopened("2026-03-10T09:00")],
      },
      at("2026-03-10T16:00"),
    );
    expect(local(clocks.firstResponse?.stoppedAt)).toBe("2026-03-09T11:00");
    expect(clocks.firstResponse).toMatchObject({ met: true, breached: false });
  });

  it("ignores facts after now", () => {
    const clocks = computeSlaClock(
      firstResponse4h,
      berlin,
      { openedAt: at("2026-03-09T10:00"), events: [reply("2026-03-09T12:00")] },
      at("2026-03-09T11:00"),
    );
    expect(clocks.firstResponse?.stoppedAt).toBeUndefined();
    expect(clocks.firstResponse?.breached).toBe(false);
  });
});

describe("computeSlaClock: pending_customer over a weekend", () => {
  // Opened Thu 2026-03-05 16:00; the agent parks the case in pending_customer Fri 12:00 and it
  // becomes open again Mon 10:00.
  const history = {
    openedAt: at("2026-03-05T16:00"),
    events: [
      reply("2026-03-05T16:30"),
      pending("2026-03-06T12:00"),
      customer("2026-03-09T09:45"),
      reopenStatus("2026-03-09T10:00"),
    ],
  };

  it("extends a business-time resolution target by the paused business minutes", () => {
    // 960 business minutes. Thu 16–17 = 60, Fri 09–12 = 180 (240 used), paused until Mon 10:00,
    // Mon 10–17 = 420 (660 used), Tue 09:00 + 300 → due Tue 14:00. Without the pause it would be
    // Mon 16:00; the pause covers Fri 12–17 (300) + Mon 09–10 (60) = 360 business minutes.
    // At risk at 720: Thu 60 + Fri 180 + Mon 420 = 660, Tue 09:00 + 60 → Tue 10:00.
    const resolution = policy({ targets: { resolution: { minutes: 960, time: "business" } } });
    const clock = computeSlaClock(resolution, berlin, history, at("2026-03-09T12:00")).resolution;
    expect(local(clock?.dueAt)).toBe("2026-03-10T14:00");
    expect(local(clock?.atRiskAt)).toBe("2026-03-10T10:00");
    expect(clock).toMatchObject({ breached: false, paused: false, pausedMinutes: 360 });
  });

  it("extends a calendar-time resolution target by the paused wall-clock time", () => {
    // 48 h. Thu 16:00 → Fri 12:00 uses 20 h; paused 70 h until Mon 10:00; 28 h more → Tue 14:00.
    // At risk at 36 h: 16 h after Mon 10:00 → Tue 02:00. Paused 70 h = 4200 minutes.
    const resolution = policy({ targets: { resolution: { minutes: 2880, time: "calendar" } } });
    const clock = computeSlaClock(
      resolution,
      undefined,
      history,
      at("2026-03-09T12:00"),
    ).resolution;
    expect(local(clock?.dueAt)).toBe("2026-03-10T14:00");
    expect(local(clock?.atRiskAt)).toBe("2026-03-10T02:00");
    expect(clock).toMatchObject({ breached: false, paused: false, pausedMinutes: 4200 });
  });

  it("counts an ongoing pause up to now and says the clock is paused", () => {
    // Sat 12:00, still pending. Calendar time: 20 h used, 28 h left from now → Sun 16:00.
    // Business: 240 used by Fri 12:00; the rest of Friday is paused; Sat and Sun are closed;
    // 720 left from Mon 09:00 → Mon 480, Tue 09:00 + 240 → Tue 13:00.
    const now = at("2026-03-07T12:00");
    const calendarTime = policy({ targets: { resolution: { minutes: 2880, time: "calendar" } } });
    const businessTime = policy({ targets: { resolution: { minutes: 960, time: "business" } } });
    const calendarClock = computeSlaClock(calendarTime, undefined, history, now).resolution;
    const businessClock = computeSlaClock(businessTime, berlin, history, now).resolution;
    expect(local(calendarClock?.dueAt)).toBe("2026-03-08T16:00");
    expect(calendarClock).toMatchObject({ paused: true, breached: false, pausedMinutes: 1440 });
    expect(local(businessClock?.dueAt)).toBe("2026-03-10T13:00");
    expect(businessClock).toMatchObject({ paused: true, breached: false, pausedMinutes: 300 });
  });

  it("pauses the first response too", () => {
    // 480 business minutes, no reply yet. Thu 16–17 = 60, Fri 09–12 = 180, paused until
    // Mon 10:00, Mon 10:00 + 240 → due Mon 14:00 (without the pause: Fri 16:00).
    const firstResponse = policy({
      targets: { firstResponse: { minutes: 480, time: "business" } },
    });
    const unanswered = {
      ...history,
      events: history.events.filter((e) => e.kind !== "agent_public_reply"),
    };
    const clock = computeSlaClock(
      firstResponse,
      berlin,
      unanswered,
      at("2026-03-09T12:00"),
    ).firstResponse;
    expect(local(clock?.dueAt)).toBe("2026-03-09T14:00");
    expect(clock).toMatchObject({ breached: false, pausedMinutes: 360 });
  });
});

describe("computeSlaClock: resolution across a reopen", () => {
  // 8 h in calendar time. Opened Mon 09:00, resolved Mon 12:00 (3 h used), reopened Tue 09:00.
  const resolution8h = policy({
    targets: {
      resolution: { minutes: 480, time: "calendar" },
      nextUpdate: { minutes: 60, time: "calendar" },
    },
  });
  const opened = at("2026-03-09T09:00");
  const events = [
    reply("2026-03-09T09:20"),
    resolved("2026-03-09T12:00"),
    reopened("2026-03-10T09:00"),
  ];

  it("is stopped and met while resolved", () => {
    const clocks = computeSlaClock(
      resolution8h,
      undefined,
      { openedAt: opened, events: events.slice(0, 2) },
      at("2026-03-09T20:00"),
    );
    expect(local(clocks.resolution?.dueAt)).toBe("2026-03-09T17:00");
    expect(local(clocks.resolution?.stoppedAt)).toBe("2026-03-09T12:00");
    expect(clocks.resolution).toMatchObject({ met: true, breached: false });
    // The next-update cycle started at opening ended with the reply.
    expect(clocks.nextUpdate).toMatchObject({ met: true, stoppedAt: at("2026-03-09T09:20") });
  });

  it("continues from the reopen keeping the minutes already used", () => {
    // Tue 09:00 + the 5 h left → due Tue 14:00; at risk at 6 h: 3 h more → Tue 12:00.
    // Mon 12:00 → Tue 09:00 (21 h = 1260 minutes) counts as a pause.
    const clocks = computeSlaClock(
      resolution8h,
      undefined,
      { openedAt: opened, events },
      at("2026-03-10T10:00"),
    );
    expect(local(clocks.resolution?.dueAt)).toBe("2026-03-10T14:00");
    expect(local(clocks.resolution?.atRiskAt)).toBe("2026-03-10T12:00");
    expect(clocks.resolution).toMatchObject({ breached: false, pausedMinutes: 1260 });
    expect(clocks.resolution?.stoppedAt).toBeUndefined();
    // A reopen starts a next-update cycle: 60 minutes from Tue 09:00, now past it.
    expect(local(clocks.nextUpdate?.startedAt)).toBe("2026-03-10T09:00");
    expect(local(clocks.nextUpdate?.dueAt)).toBe("2026-03-10T10:00");
    expect(clocks.nextUpdate).toMatchObject({ breached: false });
  });

  it("is breached when the second resolution comes too late", () => {
    const clocks = computeSlaClock(
      resolution8h,
      undefined,
      { openedAt: opened, events: [...events, resolved("2026-03-10T15:00")] },
      at("2026-03-10T16:00"),
    );
    expect(local(clocks.resolution?.stoppedAt)).toBe("2026-03-10T15:00");
    expect(clocks.resolution).toMatchObject({ met: false, breached: true });
  });
});

describe("computeSlaClock: next update", () => {
  // 120 minutes in calendar time.
  const nextUpdate2h = policy({ targets: { nextUpdate: { minutes: 120, time: "calendar" } } });
  const openedAt = at("2026-03-09T09:00");
  const conversation = [
    reply("2026-03-09T09:30"), // cycle 1 (from opening) met
    customer("2026-03-09T10:00"), // cycle 2 starts: due 12:00
    customer("2026-03-09T11:00"), // the agent still owes the 10:00 answer: no restart
  ];

  it("runs from the oldest unanswered customer reply", () => {
    const clock = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events: conversation },
      at("2026-03-09T12:30"),
    ).nextUpdate;
    expect(local(clock?.startedAt)).toBe("2026-03-09T10:00");
    expect(local(clock?.dueAt)).toBe("2026-03-09T12:00");
    expect(local(clock?.atRiskAt)).toBe("2026-03-09T11:30");
    expect(clock).toMatchObject({ breached: true, paused: false });
  });

  it("stops when the case waits on the customer, and restarts paused on a reply", () => {
    const events = [...conversation, pending("2026-03-09T11:30"), customer("2026-03-09T13:00")];
    const stopped = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events },
      at("2026-03-09T12:30"),
    ).nextUpdate;
    expect(local(stopped?.stoppedAt)).toBe("2026-03-09T11:30");
    expect(stopped).toMatchObject({ met: true, breached: false });

    // The customer answered at 13:00 while still pending: a new cycle, paused until the case is
    // open again. At 13:30 it has used nothing: due now + 120 → 15:30.
    const waiting = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events },
      at("2026-03-09T13:30"),
    ).nextUpdate;
    expect(local(waiting?.startedAt)).toBe("2026-03-09T13:00");
    expect(local(waiting?.dueAt)).toBe("2026-03-09T15:30");
    expect(waiting).toMatchObject({ paused: true, breached: false, pausedMinutes: 30 });

    // Open again at 14:00: paused 13:00–14:00 → due 16:00.
    const reopenedEvents = [...events, reopenStatus("2026-03-09T14:00")];
    const running = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events: reopenedEvents },
      at("2026-03-09T15:00"),
    ).nextUpdate;
    expect(local(running?.dueAt)).toBe("2026-03-09T16:00");
    expect(running).toMatchObject({ paused: false, breached: false, pausedMinutes: 60 });
  });

  it("stops at the resolution", () => {
    const events = [...conversation, resolved("2026-03-09T11:45")];
    const clock = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events },
      at("2026-03-09T13:00"),
    ).nextUpdate;
    expect(local(clock?.stoppedAt)).toBe("2026-03-09T11:45");
    expect(clock).toMatchObject({ met: true, breached: false });
  });

  it("does not pause in pending_internal", () => {
    const events: SlaFact[] = [
      { at: at("2026-03-09T09:10"), kind: "status", status: "pending_internal" },
    ];
    const clock = computeSlaClock(
      nextUpdate2h,
      undefined,
      { openedAt, events },
      at("2026-03-09T12:00"),
    ).nextUpdate;
    expect(local(clock?.dueAt)).toBe("2026-03-09T11:00");
    expect(clock).toMatchObject({ breached: true, pausedMinutes: 0 });
  });
});

describe("computeSlaClock: misuse", () => {
  it("needs the calendar for a business-time target", () => {
    const businessTime = policy();
    expect(() => computeSlaClock(businessTime, undefined, { openedAt: 0, events: [] }, 1)).toThrow(
      /business calendar/,
    );
  });

  it("rejects a history out of time order", () => {
    const events = [reply("2026-03-09T12:00"), customer("2026-03-09T11:00")];
    expect(() =>
      computeSlaClock(
        policy(),
        berlin,
        { openedAt: at("2026-03-09T09:00"), events },
        at("2026-03-09T13:00"),
      ),
    ).toThrow(/time order/);
  });
});

// ───────────────────────────── recomputeDueTimes ─────────────────────────────

describe("recomputeDueTimes", () => {
  const urgent = policy({
    id: "urgent",
    position: 1,
    conditions: { priorities: ["urgent"] },
    targets: { firstResponse: { minutes: 60, time: "calendar" } },
  });
  const vip = policy({
    id: "vip",
    position: 2,
    conditions: { tiers: ["vip"] },
    calendarId: "nowhere",
  });
  const billing = policy({ id: "billing", position: 3, conditions: { categories: ["billing"] } });
  const calendars = new Map([["berlin", berlin]]);
  const now = at("2026-03-09T12:00");
  const history = { openedAt: at("2026-03-09T10:00"), events: [] };
  const slaCase = (id: string, change: Partial<SlaCase>): SlaCase => ({
    id,
    tier: "standard",
    priority: "normal",
    channel: "email",
    category: "tech/login",
    history,
    ...change,
  });

  it("matches each case and computes its clocks", () => {
    const results = recomputeDueTimes(
      [
        slaCase("a", { priority: "urgent" }),
        slaCase("b", { category: "billing/refund" }),
        slaCase("c", {}),
        slaCase("d", { tier: "vip" }),
      ],
      [billing, vip, urgent],
      calendars,
      now,
    );
    expect(results.map((result) => [result.caseId, result.policyId])).toEqual([
      ["a", "urgent"],
      ["b", "billing"],
      ["c", undefined],
      ["d", "vip"],
    ]);
    const [a, b, c, d] = results;
    // a: 60 calendar minutes from Mon 10:00 → 11:00, breached at 12:00.
    expect(a && "clocks" in a && a.clocks.firstResponse).toMatchObject({
      dueAt: at("2026-03-09T11:00"),
      breached: true,
    });
    // b: 240 business minutes from Mon 10:00 → 14:00, the same as computeSlaClock.
    expect(b && "clocks" in b && b.clocks).toEqual(computeSlaClock(billing, berlin, history, now));
    expect(b && "clocks" in b && local(b.clocks.firstResponse?.dueAt)).toBe("2026-03-09T14:00");
    expect(c && "clocks" in c && c.clocks).toEqual({});
    // d: its policy names a calendar that does not exist: reported, not thrown.
    expect(d && "problem" in d && d.problem).toBe(
      'calendar "nowhere" of policy "vip" was not found',
    );
  });
});
