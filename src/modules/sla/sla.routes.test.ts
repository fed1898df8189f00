/**
 * Stored calendars and SLA policies through the API, and the clocks they persist in sla_clocks
 * (issue 4, items 6 and 7). Berlin is CET (+01:00) in early March 2026: 2026-03-06 is a Friday,
 * 03-09 a Monday, 03-10 a Tuesday. The calendar is open Mon–Fri 09:00–17:00.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { withSlaTables } from "./sla.table.js";

const WEEKDAYS_9_TO_5 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [["09:00", "17:00"]]]),
);

function calendar(overrides: Record<string, unknown> = {}) {
  return {
    id: "emea-office",
    name: "EMEA office hours",
    timezone: "Europe/Berlin",
    hours: WEEKDAYS_9_TO_5,
    holidays: ["2026-12-25"],
    ...overrides,
  };
}

function goldPolicy(overrides: Record<string, unknown> = {}) {
  return {
    id: "gold",
    name: "Gold customers",
    position: 1,
    conditions: { tiers: ["gold"], priorities: [], channels: [], categories: [] },
    targets: {
      firstResponse: { minutes: 240, time: "business" },
      resolution: { minutes: 2400, time: "business" },
    },
    calendarId: "emea-office",
    atRiskShare: 0.75,
    ...overrides,
  };
}

const toTechnical = {
  id: "to-technical",
  name: "Handoffs to Technical",
  team: "technical",
  fromTeams: [],
  target: { minutes: 60, time: "business" },
  calendarId: "emea-office",
  atRiskShare: 0.5,
};

describe.each(STORE_KINDS)("SLA settings and clocks on %s", (kind) => {
  let t: TestApp;
  const put = (url: string, document: unknown) =>
    t.inject({ method: "PUT", url, payload: { document } as object });
  const event = async (payload: Record<string, unknown>) => {
    const response = await t.inject({ method: "POST", url: "/api/v1/events", payload });
    expect(response.statusCode, response.body).toBe(201);
  };
  const openCase = (id: string, at: string, extra: Record<string, unknown> = {}) =>
    event({
      type: "case.opened",
      at,
      case: id,
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "high",
      team: "billing",
      ...extra,
    });
  async function clocksOf(caseId: string) {
    const rows = await withSlaTables(t.store.db)
      .selectFrom("sla_clocks")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("clock")
      .execute();
    return Object.fromEntries(
      rows.map((row) => [
        row.clock,
        {
          policy: row.policy_id,
          team: row.team_id,
          startedAt: new Date(Number(row.started_at)).toISOString(),
          dueAt: new Date(Number(row.due_at)).toISOString(),
          atRiskAt: new Date(Number(row.at_risk_at)).toISOString(),
          stoppedAt:
            row.stopped_at === null ? null : new Date(Number(row.stopped_at)).toISOString(),
          state: row.state,
          updatedAt: Number(row.updated_at),
        },
      ]),
    );
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const team of [buildTeam(), buildTeam({ id: "technical", name: "Technical" })]) {
      expect(
        (await t.inject({ method: "POST", url: "/api/v1/teams", payload: team })).statusCode,
      ).toBe(201);
    }
    const agent = await t.inject({
      method: "POST",
      url: "/api/v1/agents",
      payload: { id: "a1", team: "billing", name: "Agent One" },
    });
    expect(agent.statusCode, agent.body).toBe(201);
    const customer = await t.inject({
      method: "POST",
      url: "/api/v1/customers",
      payload: buildCustomer(),
    });
    expect(customer.statusCode).toBe(201);
    expect((await put("/api/v1/calendars", { calendars: [calendar()] })).statusCode).toBe(200);
    const saved = await put("/api/v1/sla-policies", {
      policies: [goldPolicy()],
      internal: [toTechnical],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: { internal: [toTechnical] } });
  });
  afterAll(() => t.close());

  it("persists the due time of a case opened Friday 15:00: Monday 11:00 for 240 business minutes", async () => {
    await openCase("friday", "2026-03-06T15:00:00+01:00");
    const clocks = await clocksOf("friday");
    expect(Object.keys(clocks)).toEqual(["firstResponse", "resolution"]);
    expect(clocks.firstResponse).toMatchObject({
      policy: "gold",
      team: null,
      startedAt: "2026-03-06T14:00:00.000Z",
      dueAt: "2026-03-09T10:00:00.000Z",
      // 180 business minutes: 2 h on Friday, 1 h on Monday.
      atRiskAt: "2026-03-09T09:00:00.000Z",
      stoppedAt: null,
      // Evaluated now (months later): long past due.
      state: "breached",
    });

    await event({
      type: "case.replied",
      at: "2026-03-09T10:30:00+01:00",
      case: "friday",
      by: "agent:a1",
      public: true,
    });
    expect((await clocksOf("friday")).firstResponse).toMatchObject({
      dueAt: "2026-03-09T10:00:00.000Z",
      stoppedAt: "2026-03-09T09:30:00.000Z",
      state: "met",
    });

    const sla = await t.inject("/api/v1/cases/friday/sla");
    expect(sla.statusCode).toBe(200);
    expect(sla.json()).toEqual({
      policy: { id: "gold", name: "Gold customers" },
      clocks: [
        {
          clock: "firstResponse",
          policy: "gold",
          team: null,
          startedAt: "2026-03-06T14:00:00.000Z",
          dueAt: "2026-03-09T10:00:00.000Z",
          atRiskAt: "2026-03-09T09:00:00.000Z",
          stoppedAt: "2026-03-09T09:30:00.000Z",
          state: "met",
          atRiskFiredAt: null,
          breachedFiredAt: null,
        },
        expect.objectContaining({ clock: "resolution", stoppedAt: null, state: "breached" }),
      ],
    });
  });

  it("moves the due time by the time spent waiting on the customer", async () => {
    await openCase("waiting", "2026-03-06T15:00:00+01:00");
    await event({
      type: "case.status",
      at: "2026-03-06T16:00:00+01:00",
      case: "waiting",
      status: "pending_customer",
    });
    await event({
      type: "case.status",
      at: "2026-03-09T10:00:00+01:00",
      case: "waiting",
      status: "open",
    });
    // 1 h on Friday, paused until Monday 10:00, then 3 h: Monday 13:00.
    expect((await clocksOf("waiting")).firstResponse).toMatchObject({
      dueAt: "2026-03-09T12:00:00.000Z",
      state: "breached",
    });
  });

  it("runs an internal SLA from a handoff into the team until the team's first action", async () => {
    await openCase("handed", "2026-03-10T09:00:00+01:00");
    await event({
      type: "case.handoff",
      at: "2026-03-10T10:00:00+01:00",
      case: "handed",
      from: "billing",
      to: "technical",
    });
    expect((await clocksOf("handed")).internal).toMatchObject({
      policy: "to-technical",
      team: "technical",
      startedAt: "2026-03-10T09:00:00.000Z",
      dueAt: "2026-03-10T10:00:00.000Z",
      atRiskAt: "2026-03-10T09:30:00.000Z",
      stoppedAt: null,
      state: "breached",
    });
    await event({
      type: "case.assigned",
      at: "2026-03-10T10:40:00+01:00",
      case: "handed",
      agent: "a1",
      team: "technical",
    });
    expect((await clocksOf("handed")).internal).toMatchObject({
      stoppedAt: "2026-03-10T09:40:00.000Z",
      state: "met",
    });
    const sla = (await t.inject("/api/v1/cases/handed/sla")).json();
    expect(sla.clocks.find((c: { clock: string }) => c.clock === "internal")).toMatchObject({
      team: "technical",
      state: "met",
    });
  });

  it("shows the earliest running clock on the list and the case, and filters by its state", async () => {
    await openCase("fresh", new Date(Date.now() - 60_000).toISOString(), {
      priority: "urgent",
    });
    const list = await t.inject("/api/v1/cases?limit=500");
    expect(list.statusCode).toBe(200);
    const byId = new Map(
      list.json().items.map((item: { id: string; sla: unknown }) => [item.id, item.sla]),
    );
    expect(byId.get("friday")).toEqual({
      clock: "resolution",
      dueAt: expect.any(String),
      atRiskAt: expect.any(String),
      state: "breached",
    });
    expect(byId.get("fresh")).toMatchObject({ clock: "firstResponse", state: "running" });
    const single = await t.inject("/api/v1/cases/fresh");
    expect(single.json().sla).toEqual(byId.get("fresh"));

    const ids = async (state: string) =>
      (await t.inject(`/api/v1/cases?slaState=${state}&limit=500`))
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort();
    expect(await ids("running")).toEqual(["fresh"]);
    expect(await ids("breached")).toEqual(expect.arrayContaining(["friday", "waiting"]));
    expect(await ids("breached")).not.toContain("fresh");
    expect(await ids("at_risk")).toEqual([]);
    const bad = await t.inject("/api/v1/cases?slaState=late");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("querystring.slaState");
  });

  it("answers 404 for a case outside the caller's scope", async () => {
    const technicalAgent = await t.as([{ role: "agent", teams: ["technical"], regions: [] }]);
    const response = await technicalAgent("/api/v1/cases/friday/sla");
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("case.not_found");
    expect((await t.inject("/api/v1/cases/nope/sla")).statusCode).toBe(404);
  });

  it("recomputes the due times of open cases only when the calendar changes", async () => {
    await openCase("to-resolve", "2026-03-06T15:00:00+01:00");
    await event({ type: "case.resolved", at: "2026-03-06T15:30:00+01:00", case: "to-resolve" });
    const resolvedBefore = await clocksOf("to-resolve");
    const openBefore = await clocksOf("waiting");

    const current = (await t.inject("/api/v1/calendars")).json();
    // Monday 9 March becomes a holiday.
    const saved = await t.inject({
      method: "PUT",
      url: "/api/v1/calendars",
      payload: {
        baseVersion: current.version,
        document: { calendars: [calendar({ holidays: ["2026-03-09", "2026-12-25"] })] },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    // 1 h on Friday, paused until Monday 10:00, Monday closed: Tuesday 09:00 + 3 h.
    expect(openBefore.firstResponse?.dueAt).toBe("2026-03-09T12:00:00.000Z");
    expect((await clocksOf("waiting")).firstResponse).toMatchObject({
      dueAt: "2026-03-10T11:00:00.000Z",
    });
    // 2 h on Friday, then Tuesday 09:00–11:00; the reply on Monday 10:30 still stopped it in time.
    expect((await clocksOf("friday")).firstResponse).toMatchObject({
      dueAt: "2026-03-10T10:00:00.000Z",
      stoppedAt: "2026-03-09T09:30:00.000Z",
      state: "met",
    });
    // The resolved case keeps the clocks it stopped with, untouched.
    expect(await clocksOf("to-resolve")).toEqual(resolvedBefore);
  });

  it("refuses invalid calendars and policies naming the field, and writes nothing", async () => {
    const before = {
      calendars: (await t.inject("/api/v1/calendars")).json().version,
      policies: (await t.inject("/api/v1/sla-policies")).json().version,
      clocks: await clocksOf("waiting"),
    };
    const cases: [string, unknown, string][] = [
      [
        "/api/v1/calendars",
        {
          calendars: [
            calendar({
              hours: {
                mon: [
                  ["09:00", "13:00"],
                  ["12:00", "17:00"],
                ],
              },
            }),
          ],
        },
        "body.document.calendars.0.hours.mon.1",
      ],
      [
        "/api/v1/calendars",
        { calendars: [calendar({ hours: { tue: [["09:00", "25:00"]] } })] },
        "body.document.calendars.0.hours.tue.0",
      ],
      [
        "/api/v1/calendars",
        { calendars: [calendar({ timezone: "Europe/Atlantis" })] },
        "body.document.calendars.0.timezone",
      ],
      [
        "/api/v1/calendars",
        { calendars: [calendar(), calendar({ name: "Copy" })] },
        "body.document.calendars.1.id",
      ],
      ["/api/v1/calendars", { calendars: [calendar({ id: "other" })] }, "body.document.calendars"],
      [
        "/api/v1/sla-policies",
        { policies: [goldPolicy({ targets: {} })], internal: [] },
        "body.document.policies.0.targets",
      ],
      [
        "/api/v1/sla-policies",
        { policies: [goldPolicy({ calendarId: "nowhere" })], internal: [] },
        "body.document.policies.0.calendarId",
      ],
      [
        "/api/v1/sla-policies",
        { policies: [goldPolicy({ calendarId: undefined })], internal: [] },
        "body.document.policies.0.calendarId",
      ],
      [
        "/api/v1/sla-policies",
        { policies: [goldPolicy(), goldPolicy({ position: 2 })], internal: [] },
        "body.document.policies.1.id",
      ],
      [
        "/api/v1/sla-policies",
        { policies: [], internal: [{ ...toTechnical, calendarId: "nowhere" }] },
        "body.document.internal.0.calendarId",
      ],
    ];
    for (const [url, document, field] of cases) {
      const response = await put(url, document);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json().error).toMatchObject({ code: "request.invalid", field });
    }
    expect((await t.inject("/api/v1/calendars")).json().version).toBe(before.calendars);
    expect((await t.inject("/api/v1/sla-policies")).json().version).toBe(before.policies);
    expect(await clocksOf("waiting")).toEqual(before.clocks);
  });

  it("drops a case's clocks when no policy applies any more", async () => {
    const saved = await put("/api/v1/sla-policies", {
      policies: [goldPolicy({ conditions: { tiers: ["platinum"] } })],
      internal: [],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await clocksOf("waiting")).toEqual({});
    const sla = (await t.inject("/api/v1/cases/waiting/sla")).json();
    expect(sla).toEqual({ policy: null, clocks: [] });
  });

  it("keeps a calendar that only an escalation policy uses", async () => {
    const night = calendar({ id: "night-desk", name: "Night desk" });
    expect((await put("/api/v1/calendars", { calendars: [calendar(), night] })).statusCode).toBe(
      200,
    );
    const escalation = await put("/api/v1/escalation-policies", {
      policies: [
        {
          id: "night-path",
          name: "Night path",
          position: 1,
          conditions: {},
          calendarId: "night-desk",
          steps: [
            {
              trigger: "breached",
              afterMinutes: 0,
              time: "business",
              action: "notify",
              to: { kind: "team_lead" },
            },
          ],
        },
      ],
    });
    expect(escalation.statusCode, escalation.body).toBe(200);
    const dropped = await put("/api/v1/calendars", { calendars: [calendar()] });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error).toMatchObject({ field: "body.document.calendars" });
    expect(dropped.json().error.message).toContain('escalation policy "night-path"');
  });
});
