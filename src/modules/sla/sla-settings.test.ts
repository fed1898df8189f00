import { describe, expect, it } from "vitest";
import { casesMovedBySettingsChange, deriveSlaClocks, readSlaFacts } from "./sla-clocks.js";
import {
  type CalendarsDocument,
  calendarReferences,
  type SlaPoliciesDocument,
  toSlaSettings,
  validateCalendarsDocument,
  validateSlaPoliciesDocument,
} from "./sla-settings.js";

const office = {
  id: "office",
  name: "Office",
  timezone: "Europe/Berlin",
  hours: { mon: [["09:00", "17:00"]] },
  holidays: [],
};
const policy = {
  id: "default",
  name: "Default",
  position: 1,
  conditions: {},
  targets: { resolution: { minutes: 60, time: "business" } },
  calendarId: "office",
  atRiskShare: 0.75,
};
const internal = {
  id: "to-tech",
  name: "To tech",
  team: "technical",
  fromTeams: [],
  target: { minutes: 30, time: "calendar" },
  atRiskShare: 0.5,
};

const calendars = (list: unknown[]) =>
  validateCalendarsDocument({ calendars: list } as unknown as CalendarsDocument);
const policies = (list: unknown[], internalList: unknown[] = []) =>
  validateSlaPoliciesDocument({
    policies: list,
    internal: internalList,
  } as unknown as SlaPoliciesDocument);

describe("validateCalendarsDocument", () => {
  it("keeps id and name with the parsed calendar", () => {
    expect(calendars([office])).toEqual({ ok: true, body: { calendars: [office] } });
  });

  it.each([
    [
      "an overlap",
      {
        ...office,
        hours: {
          mon: [
            ["09:00", "12:00"],
            ["11:00", "17:00"],
          ],
        },
      },
      "calendars.0.hours.mon.1",
    ],
    ["25:00", { ...office, hours: { fri: [["09:00", "25:00"]] } }, "calendars.0.hours.fri.0"],
    ["an unknown zone", { ...office, timezone: "Mars/Olympus" }, "calendars.0.timezone"],
    ["a bad holiday", { ...office, holidays: ["2026-02-30"] }, "calendars.0.holidays.0"],
    ["a missing name", { ...office, name: " " }, "calendars.0.name"],
  ])("names the field of %s", (_label, item, field) => {
    expect(calendars([item])).toMatchObject({ ok: false, field });
  });

  it("refuses one id twice", () => {
    expect(calendars([office, { ...office, name: "Again" }])).toMatchObject({
      ok: false,
      field: "calendars.1.id",
    });
  });
});

describe("validateSlaPoliciesDocument", () => {
  it("accepts policies and internal SLAs, defaulting fromTeams", () => {
    const { fromTeams: _omitted, ...withoutFrom } = internal;
    const result = policies([policy], [withoutFrom]);
    expect(result.ok && result.body.internal).toEqual([internal]);
  });

  it.each([
    ["no targets", [{ ...policy, targets: {} }], [], "policies.0.targets"],
    [
      "a business target without calendar",
      [{ ...policy, calendarId: undefined }],
      [],
      "policies.0.calendarId",
    ],
    ["a duplicate policy id", [policy, { ...policy, position: 2 }], [], "policies.1.id"],
    ["an internal SLA without team", [], [{ ...internal, team: "" }], "internal.0.team"],
    [
      "a business internal SLA without calendar",
      [],
      [{ ...internal, target: { minutes: 5, time: "business" } }],
      "internal.0.calendarId",
    ],
    [
      "an internal at-risk share of 1",
      [],
      [{ ...internal, atRiskShare: 1 }],
      "internal.0.atRiskShare",
    ],
    ["a duplicate internal id", [], [internal, internal], "internal.1.id"],
  ])("names the field of %s", (_label, list, internalList, field) => {
    expect(policies(list, internalList)).toMatchObject({ ok: false, field });
  });

  it("lists every calendar reference with its field", () => {
    const result = policies([policy], [{ ...internal, calendarId: "office" }]);
    if (!result.ok) throw new Error(result.reason);
    expect(calendarReferences(result.body).map((reference) => reference.field)).toEqual([
      "policies.0.calendarId",
      "internal.0.calendarId",
    ]);
  });
});

describe("deriveSlaClocks", () => {
  const parsedCalendars = calendars([office]);
  const parsedPolicies = policies([policy], [internal]);
  if (!parsedCalendars.ok || !parsedPolicies.ok) throw new Error("bad fixtures");
  const settings = toSlaSettings(parsedCalendars.body, parsedPolicies.body);
  // Monday 2026-03-09, CET.
  const opened = Date.parse("2026-03-09T08:00:00Z");

  it("reads closures as resolutions and customer replies apart from agent ones", () => {
    const { facts, internal: internalFacts } = readSlaFacts([
      { type: "case.replied", at: 1, data: { by: "customer", public: true } },
      { type: "case.replied", at: 2, data: { by: "agent:a", public: false } },
      { type: "case.handoff", at: 3, data: { from: "billing", to: "technical" } },
      { type: "case.merged_into", at: 4, data: {} },
    ]);
    expect(facts).toEqual([
      { at: 1, kind: "customer_reply" },
      { at: 4, kind: "resolved" },
    ]);
    expect(internalFacts).toEqual([
      { at: 3, kind: "handoff", from: "billing", to: "technical" },
      { at: 4, kind: "action" },
    ]);
  });

  it("persists the policy's clocks and the internal clock, with their states", () => {
    const clocks = deriveSlaClocks(
      {
        id: "c1",
        tier: "gold",
        priority: "high",
        channel: "email",
        category: "billing/refund",
        openedAt: opened,
        events: [
          { type: "case.handoff", at: opened + 60_000, data: { from: "billing", to: "technical" } },
          { type: "case.status", at: opened + 120_000, data: { status: "pending_customer" } },
        ],
      },
      settings,
      opened + 600_000,
    );
    expect(clocks).toEqual([
      {
        caseId: "c1",
        clock: "resolution",
        policyId: "default",
        teamId: null,
        startedAt: opened,
        // 2 minutes ran before the pause; it stands still until now (10 minutes in), then 58 more.
        dueAt: opened + 600_000 + 58 * 60_000,
        atRiskAt: opened + 600_000 + 43 * 60_000,
        stoppedAt: null,
        state: "paused",
      },
      {
        caseId: "c1",
        clock: "internal",
        policyId: "to-tech",
        teamId: "technical",
        startedAt: opened + 60_000,
        dueAt: opened + 60_000 + 30 * 60_000,
        atRiskAt: opened + 60_000 + 15 * 60_000,
        stoppedAt: opened + 120_000,
        state: "met",
      },
    ]);
  });
});

describe("casesMovedBySettingsChange", () => {
  const night = {
    ...office,
    id: "night",
    name: "Night desk",
    hours: { mon: [["18:00", "23:00"]] },
  };
  const nightPolicy = {
    ...policy,
    id: "night",
    name: "Night",
    position: 0,
    conditions: { tiers: ["gold"] },
    calendarId: "night",
  };
  const spare = { ...office, id: "spare", name: "Spare" };
  const settingsOf = (
    calendarList: unknown[],
    policyList: unknown[],
    internalList: unknown[] = [],
  ) => {
    const parsedCalendars = calendars(calendarList);
    const parsedPolicies = policies(policyList, internalList);
    if (!parsedCalendars.ok || !parsedPolicies.ok) throw new Error("bad fixtures");
    return toSlaSettings(parsedCalendars.body, parsedPolicies.body);
  };
  const before = settingsOf([office, night, spare], [nightPolicy, policy]);
  const gold = { tier: "gold", priority: "high", channel: "email", category: "billing" } as const;
  const silver = { ...gold, tier: "silver" };

  it("moves nothing when the settings are the same or only an unused calendar changed", () => {
    expect(casesMovedBySettingsChange(before, before)).toBeUndefined();
    const spareHoliday = { ...spare, holidays: ["2026-03-09"] };
    expect(
      casesMovedBySettingsChange(
        before,
        settingsOf([office, night, spareHoliday], [nightPolicy, policy]),
      ),
    ).toBeUndefined();
  });

  it("moves the cases whose policy uses a changed calendar, and only those", () => {
    const nightHoliday = { ...night, holidays: ["2026-03-09"] };
    const moved = casesMovedBySettingsChange(
      before,
      settingsOf([office, nightHoliday, spare], [nightPolicy, policy]),
    );
    expect([moved?.(gold), moved?.(silver)]).toEqual([true, false]);
  });

  it("moves the cases of a changed policy and those that match another policy now", () => {
    const longer = { ...policy, targets: { resolution: { minutes: 90, time: "business" } } };
    const retargeted = casesMovedBySettingsChange(
      before,
      settingsOf([office, night, spare], [nightPolicy, longer]),
    );
    expect([retargeted?.(gold), retargeted?.(silver)]).toEqual([false, true]);
    const widened = { ...nightPolicy, conditions: { tiers: ["gold", "silver"] } };
    const rematched = casesMovedBySettingsChange(
      before,
      settingsOf([office, night, spare], [widened, policy]),
    );
    expect([rematched?.(gold), rematched?.({ ...gold, tier: "bronze" })]).toEqual([true, false]);
    expect(rematched?.(silver)).toBe(true);
  });

  it("moves every case when an internal SLA or its calendar changed", () => {
    const withInternal = settingsOf([office, night, spare], [nightPolicy, policy], [internal]);
    const moved = casesMovedBySettingsChange(before, withInternal);
    expect([moved?.(gold), moved?.(silver)]).toEqual([true, true]);
    const onNight = { ...internal, target: { minutes: 30, time: "business" }, calendarId: "night" };
    const nightHoliday = { ...night, holidays: ["2026-03-09"] };
    const calendarMoved = casesMovedBySettingsChange(
      settingsOf([office, night, spare], [policy], [onNight]),
      settingsOf([office, nightHoliday, spare], [policy], [onNight]),
    );
    expect(calendarMoved?.(silver)).toBe(true);
  });
});
