import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTeam, createTestApp, type TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { type Actor, SYSTEM_ACTORS } from "../../access/actor.js";
import { importEvents } from "../events/event-import.js";
import type { RoutingRuleSet } from "../routing/routing-rules.js";
import { replayRoutingRules } from "./replay.service.js";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const day9 = (time: string) => `2026-03-09T${time}:00Z`;

/**
 * Moves billing/refund to returns (disabled, so replayed as if enabled), and tags the cases of
 * customers with two or more cases open.
 */
const DRAFT: RoutingRuleSet = {
  enabled: false,
  fallbackTeam: null,
  rules: [
    {
      id: "refunds-to-returns",
      name: "Refunds to returns",
      enabled: true,
      match: "all",
      conditions: [{ field: "case.category", op: "equals", value: "billing/refund" }],
      actions: { setTeam: "returns" },
      stop: false,
    },
    {
      id: "busy-customer",
      name: "Busy customers",
      enabled: true,
      match: "all",
      conditions: [{ field: "customer.openCases", op: "gte", value: 2 }],
      actions: { addTags: ["busy-customer"] },
      stop: false,
    },
  ],
};

/**
 * Replayed over the 2 days before 2026-03-10 12:00 (window from 03-08 12:00), by hand:
 *
 * | case | customer | opened      | category         | actually went           | first response | draft   |
 * |------|----------|-------------|------------------|-------------------------|----------------|---------|
 * | r7   | cus-1    | 03-01 08:00 | technical/login  | technical, still open   | —              | (before the window) |
 * | r6   | cus-4    | 03-08 10:00 | billing/refund   | billing                 | 03-08 13:30 billing | (before the window) |
 * | r1   | cus-1    | 09:00       | billing/refund   | billing                 | 09:30 billing  | returns (changed, transfer added) |
 * | r3   | cus-2    | 09:00       | technical/outage | technical, resolved 10:00 | 09:15 technical | technical |
 * | r2   | cus-1    | 09:10       | billing/refund   | billing → returns 09:40 | 10:20 returns  | returns (changed, transfer avoided) |
 * | r4   | cus-3    | 09:20       | returns/exchange | returns (worked 11:15)  | 09:45 returns  | returns |
 * | r5   | cus-2    | 11:00       | technical/login  | opened for billing, routed to technical, → billing 11:10 | 11:30 billing | billing: no rule, its intake team (changed, transfer avoided) |
 * | r8   | cus-3    | 11:30       | returns/exchange | returns (a customer reply at 14:10) | — | returns |
 *
 * Loads: actual billing 2 (r1, r2), technical 2 (r3, r5), returns 2 (r4, r8); replayed billing 1,
 * technical 1, returns 4. Changed: r1, r2, r5. Transfers: actual 2 (r2, r5); replayed 1 (r1:
 * returns is not billing, where it ended); avoided 2 (r2, r5); added 1 (r1).
 * Rules: refunds-to-returns fires on and decides r1, r2; busy-customer (2 or more open) fires on
 * r1 (cus-1 has r0, reopened on 02-10, and r7 open) and r2 (r0, r7, r1), not on r3 and r5
 * (cus-2: old-2 open, r3 resolved before r5), r4 or r8 (cus-3: old-3 done, though it changed
 * since, and r4).
 *
 * First-response model, capacity per clock hour (first responses given, or active agents × the
 * team's 90th-percentile pace): billing 1 at 03-08 13h, 03-09 9h and 11h (paces 1, 1, 1);
 * technical 1 at 9h; returns 1 at 9h and 10h, and at 11h, when a-ret worked and answered no one,
 * 1 agent × 1 (paces [0, 1, 1]: the 90th percentile is 1). a-ret's being assigned r8 does not
 * make the customer's reply at 14:10 a-ret's work.
 * Actual arrivals (at the team that answered): billing r6 (carried over: waits for 13h, done
 * 14:00), r1 09:00 → 10:00 (60 min), r5 11:00 → 12:00 (60); technical r3 09:00 → 10:00 (60);
 * returns r2 09:10 → 50 min of 9h give 5/6, 10 min of 10h the rest → 10:10 (60), r4 09:20 starts
 * 10:10: 5/6 in 10h, 1/6 in 11h → 11:10 (110).
 * Replayed: billing r6, r5 → 60; technical r3 → 60; returns r1 09:00 → 10:00 (60), r2 → 11:00
 * (110), r4 → 12:00 (160).
 * Medians and p90s (numpy's linear interpolation): actual [60, 60, 60, 60, 110] → 60 and 90;
 * replayed [60, 60, 60, 110, 160] → 60 and 140; observed [15, 25, 30, 30, 70] → 30 and 54;
 * returns actual [60, 110] → 85 and 105, replayed [60, 110, 160] → 110 and 150, observed
 * [25, 70] → 47.5 and 65.5.
 */
function marchHistory(): object[] {
  const customer = (id: string) => ({
    type: "customer.upserted",
    at: "2026-03-01T00:00:00Z",
    customer: id,
    tier: "gold",
    segment: "smb",
    region: "emea",
  });
  const agent = (id: string, team: string) => ({
    type: "agent.upserted",
    at: "2026-03-01T00:00:00Z",
    agent: id,
    team,
  });
  const open = (id: string, at: string, customerId: string, category: string, team: string) => ({
    type: "case.opened",
    at,
    case: id,
    customer: customerId,
    channel: "email",
    category,
    priority: "normal",
    team,
    subject: `Case ${id}`,
  });
  const reply = (id: string, at: string, agentId: string) => ({
    type: "case.replied",
    at,
    case: id,
    by: `agent:${agentId}`,
    public: true,
  });
  return [
    ...["cus-1", "cus-2", "cus-3", "cus-4"].map(customer),
    agent("a-bill", "billing"),
    agent("a-tech", "technical"),
    agent("a-ret", "returns"),
    // Opened more than 30 days before the window (02-06 12:00), so only whether they are open
    // counts: r0 was resolved before then and reopened after; old-2 has been open all along;
    // old-3 was resolved long ago.
    open("r0", "2026-01-15T08:00:00Z", "cus-1", "billing/invoice", "billing"),
    { type: "case.resolved", at: "2026-02-01T08:00:00Z", case: "r0" },
    { type: "case.reopened", at: "2026-02-10T08:00:00Z", case: "r0" },
    open("old-2", "2026-01-01T08:00:00Z", "cus-2", "billing/invoice", "billing"),
    open("old-3", "2026-01-05T08:00:00Z", "cus-3", "billing/invoice", "billing"),
    { type: "case.resolved", at: "2026-01-06T08:00:00Z", case: "old-3" },
    // A late survey answer: old-3 changed after 02-06, but it was still resolved then.
    { type: "survey.answered", at: "2026-02-20T08:00:00Z", case: "old-3", kind: "csat", score: 4 },
    open("r7", "2026-03-01T08:00:00Z", "cus-1", "technical/login", "technical"),
    open("r6", "2026-03-08T10:00:00Z", "cus-4", "billing/refund", "billing"),
    reply("r6", "2026-03-08T13:30:00Z", "a-bill"),
    open("r1", day9("09:00"), "cus-1", "billing/refund", "billing"),
    reply("r1", day9("09:30"), "a-bill"),
    open("r3", day9("09:00"), "cus-2", "technical/outage", "technical"),
    reply("r3", day9("09:15"), "a-tech"),
    { type: "case.resolved", at: day9("10:00"), case: "r3" },
    open("r2", day9("09:10"), "cus-1", "billing/refund", "billing"),
    { type: "case.handoff", at: day9("09:40"), case: "r2", from: "billing", to: "returns" },
    reply("r2", day9("10:20"), "a-ret"),
    open("r4", day9("09:20"), "cus-3", "returns/exchange", "returns"),
    reply("r4", day9("09:45"), "a-ret"),
    { type: "case.worked", at: day9("11:15"), case: "r4", agent: "a-ret", seconds: 300 },
    open("r5", day9("11:00"), "cus-2", "technical/login", "billing"),
    {
      type: "case.routed",
      at: day9("11:00"),
      case: "r5",
      team: "technical",
      priority: "normal",
      rule: "old-rule",
    },
    { type: "case.handoff", at: day9("11:10"), case: "r5", from: "technical", to: "billing" },
    // Re-routed after the handoff: routing first sent it to technical all the same.
    {
      type: "case.routed",
      at: day9("11:20"),
      case: "r5",
      team: "billing",
      priority: "normal",
      rule: null,
    },
    reply("r5", day9("11:30"), "a-bill"),
    open("r8", day9("11:30"), "cus-3", "returns/exchange", "returns"),
    // Assigned to a-ret, whom the customer's reply does not make active at 14h.
    { type: "case.assigned", at: day9("11:35"), case: "r8", agent: "a-ret" },
    { type: "case.replied", at: day9("14:10"), case: "r8", by: "customer", public: true },
  ];
}

const EXPECTED_REPORT = {
  days: 2,
  from: Date.parse("2026-03-08T12:00:00Z"),
  to: NOW,
  version: null,
  capped: false,
  cases: 6,
  changed: 3,
  teams: [
    {
      team: "billing",
      actualCases: 2,
      replayCases: 1,
      delta: -1,
      actual: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 0 },
      replay: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 0 },
      observed: { firstResponseMedianMinutes: 30, firstResponseP90Minutes: 30 },
    },
    {
      team: "returns",
      actualCases: 2,
      replayCases: 4,
      delta: 2,
      actual: { firstResponseMedianMinutes: 85, firstResponseP90Minutes: 105, unanswered: 0 },
      replay: { firstResponseMedianMinutes: 110, firstResponseP90Minutes: 150, unanswered: 0 },
      observed: { firstResponseMedianMinutes: 47.5, firstResponseP90Minutes: 65.5 },
    },
    {
      team: "technical",
      actualCases: 2,
      replayCases: 1,
      delta: -1,
      actual: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 0 },
      replay: { firstResponseMedianMinutes: 60, firstResponseP90Minutes: 60, unanswered: 0 },
      observed: { firstResponseMedianMinutes: 15, firstResponseP90Minutes: 15 },
    },
  ],
  firstResponse: {
    actual: { median: 60, p90: 90, unanswered: 0 },
    replay: { median: 60, p90: 140, unanswered: 0 },
    observed: { median: 30, p90: 54 },
  },
  transfers: { actual: 2, replay: 1, avoided: 2, added: 1 },
  rules: [
    { rule: "refunds-to-returns", name: "Refunds to returns", fires: 2, decides: 2 },
    { rule: "busy-customer", name: "Busy customers", fires: 2, decides: 0 },
  ],
  samples: [
    { case: "r1", actualTeam: "billing", replayTeam: "returns", rule: "refunds-to-returns" },
    { case: "r2", actualTeam: "billing", replayTeam: "returns", rule: "refunds-to-returns" },
    { case: "r5", actualTeam: "technical", replayTeam: "billing", rule: null },
  ],
};

describe.each(STORE_KINDS)("routing replay on %s", (kind) => {
  let t: TestApp;
  const replay = (payload: object) =>
    t.inject({ method: "POST", url: "/api/v1/routing/replay", payload });

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const id of ["billing", "technical", "returns"]) {
      const created = await t.inject({
        method: "POST",
        url: "/api/v1/teams",
        payload: buildTeam({ id, name: id }),
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const events = marchHistory();
    const report = await importEvents(
      t.store.db,
      events.map((event) => JSON.stringify(event)),
      { skipInvalid: false, strict: false, actor: SYSTEM_ACTORS.cli },
    );
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(events.length);
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("replays a draft moving a category to another team: loads, transfers and first responses as computed by hand", async () => {
    const report = await replayRoutingRules(
      t.store.db,
      SYSTEM_ACTORS.cli,
      { document: DRAFT, days: 2 },
      NOW,
    );
    expect(report).toEqual(EXPECTED_REPORT);
  });

  it("answers the same report over HTTP, times as ISO-8601", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const response = await replay({ document: DRAFT, days: 2 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      ...EXPECTED_REPORT,
      from: "2026-03-08T12:00:00.000Z",
      to: "2026-03-10T12:00:00.000Z",
    });
  });

  it("replays the rules in force when no draft is given", async () => {
    // Never saved: no rules and no fallback, so every case stays with the team it was opened
    // for; only r5, which routing had sent from billing to technical, changes.
    const report = await replayRoutingRules(t.store.db, SYSTEM_ACTORS.cli, { days: 2 }, NOW);
    expect(report).toMatchObject({ version: 0, cases: 6, changed: 1, rules: [] });
    expect(report.samples).toEqual([
      { case: "r5", actualTeam: "technical", replayTeam: "billing", rule: null },
    ]);
  });

  it("replays only the cases inside the caller's scope", async () => {
    // A billing team lead: the cases now with billing, r1 and r5.
    const lead: Actor = {
      kind: "user",
      userId: "lead",
      email: "lead@test.local",
      name: "Lead",
      grants: [{ role: "team_lead", teams: ["billing"], regions: [] }],
      via: "session",
    };
    const report = await replayRoutingRules(t.store.db, lead, { document: DRAFT, days: 2 }, NOW);
    expect(report.cases).toBe(2);
    expect(report.samples.map((sample) => sample.case)).toEqual(["r1", "r5"]);
  });

  it("keeps the most recent cases when the window holds more than a replay takes", async () => {
    const report = await replayRoutingRules(
      t.store.db,
      SYSTEM_ACTORS.cli,
      { document: DRAFT, days: 2 },
      NOW,
      { maxCases: 2 },
    );
    // r8 (11:30) and r5 (11:00) are the two most recent; the window starts just after r4.
    expect(report).toMatchObject({ capped: true, cases: 2, from: Date.parse(day9("09:20")) + 1 });
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const invalidOp = structuredClone(DRAFT);
    (invalidOp.rules[0] as { conditions: object[] }).conditions = [
      { field: "case.category", op: "gt", value: "billing/refund" },
    ];
    const unknownTeam = structuredClone(DRAFT);
    (unknownTeam.rules[0] as { actions: object }).actions = { setTeam: "nowhere" };
    const missingStop = structuredClone(DRAFT) as unknown as { rules: Record<string, unknown>[] };
    delete missingStop.rules[1]?.stop;
    const cases: [object, string][] = [
      [{ days: 0 }, "body.days"],
      [{ days: 91 }, "body.days"],
      [{ days: 1.5 }, "body.days"],
      [{ document: invalidOp, days: 2 }, "body.document.rules.0.conditions.0.op"],
      [{ document: unknownTeam, days: 2 }, "body.document.rules.0.actions.setTeam"],
      [{ document: missingStop, days: 2 }, "body.document.rules.1.stop"],
    ];
    for (const [payload, field] of cases) {
      const response = await replay(payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error, field).toMatchObject({ code: "request.invalid", field });
    }
  });

  it("needs metrics:read", async () => {
    const agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    const response = await agent({ method: "POST", url: "/api/v1/routing/replay", payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("access.forbidden");
  });
});
