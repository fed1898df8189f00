/**
 * The escalation engine over the real SLA machinery: cases recorded in the past, the SLA timer's
 * at-risk and breach events, then escalation runs, with the notifications they leave. The SLA
 * policy counts wall-clock minutes (first response 60, at risk at half); the escalation policy
 * counts business minutes on a round-the-clock calendar, so its instants are easy to follow.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { openStore, type Store } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { escalationJob } from "../../jobs/escalation.job.js";
import { startScheduler } from "../../jobs/scheduler.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { fireDueSlaEvents } from "../sla/sla-timer.service.js";
import { runEscalations } from "./escalation.service.js";

type Inject = Awaited<ReturnType<TestApp["as"]>>;

const MINUTE = 60_000;
const NOW = Date.now();
/** Every case opens three hours ago. */
const T0 = NOW - 180 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const ALWAYS = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["00:00", "24:00"]]]),
);

const ESCALATION_POLICY = {
  id: "urgent-path",
  name: "Urgent path",
  position: 1,
  conditions: { tiers: [], priorities: ["urgent"] },
  calendarId: "always",
  steps: [
    {
      trigger: "at_risk",
      afterMinutes: 0,
      time: "business",
      action: "notify",
      to: { kind: "team_lead" },
    },
    {
      trigger: "breached",
      afterMinutes: 30,
      time: "business",
      action: "escalate",
      level: 1,
      to: { kind: "manager" },
    },
    {
      trigger: "breached",
      afterMinutes: 600,
      time: "calendar",
      action: "escalate",
      level: 2,
      to: { kind: "role", role: "admin" },
    },
  ],
};

async function escalations(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("events")
    .select(["id", "case_id", "at", "data"])
    .where("type", "=", "case.escalated")
    .orderBy("case_id")
    .orderBy("at")
    .execute();
  return rows.map((row) => ({ ...JSON.parse(row.data), caseId: row.case_id, at: Number(row.at) }));
}

describe.each(STORE_KINDS)("escalation engine on %s", (kind) => {
  let t: TestApp;
  const as = {} as Record<string, Inject>;

  const opened = (id: string, team: string): ThroughlineEvent => ({
    type: "case.opened",
    id: `${id}-opened`,
    at: iso(T0),
    case: id,
    customer: "cus-emea",
    channel: "email",
    category: `${team}/general`,
    priority: "urgent",
    team,
  });
  const replied = (id: string, minutes: number): ThroughlineEvent => ({
    type: "case.replied",
    id: `${id}-replied`,
    at: iso(T0 + minutes * MINUTE),
    case: id,
    by: "agent:agent-1",
    public: true,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const send = async (method: "POST" | "PUT", url: string, payload: object) => {
      const response = await t.inject({ method, url, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await send("POST", "/api/v1/teams", buildTeam({ id: "billing" }));
    await send("POST", "/api/v1/teams", buildTeam({ id: "technical", name: "Technical" }));
    await send("POST", "/api/v1/customers", buildCustomer({ id: "cus-emea", region: "emea" }));
    await send("PUT", "/api/v1/calendars", {
      document: {
        calendars: [{ id: "always", name: "Always", timezone: "UTC", hours: ALWAYS, holidays: [] }],
      },
    });
    await send("PUT", "/api/v1/sla-policies", {
      document: {
        policies: [
          {
            id: "urgent",
            name: "Urgent",
            position: 1,
            conditions: { tiers: [], priorities: ["urgent"], channels: [], categories: [] },
            targets: {
              firstResponse: { minutes: 60, time: "calendar" },
              resolution: { minutes: 6000, time: "calendar" },
            },
            atRiskShare: 0.5,
          },
        ],
        internal: [],
      },
    });
    await send("PUT", "/api/v1/escalation-policies", {
      document: { policies: [ESCALATION_POLICY] },
    });
    as.leadBilling = await t.as([{ role: "team_lead", teams: ["billing"], regions: [] }]);
    as.leadTechnical = await t.as([{ role: "team_lead", teams: ["technical"], regions: [] }]);
    as.managerAll = await t.as([{ role: "ops_manager", teams: [], regions: [] }]);
    as.managerAmer = await t.as([{ role: "ops_manager", teams: [], regions: ["amer"] }]);
    as.agentBilling = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);

    await recordEvents(
      t.store.db,
      [
        opened("case-late", "billing"),
        opened("case-tech", "technical"),
        opened("case-at-risk", "billing"),
        replied("case-at-risk", 45),
        opened("case-quick", "billing"),
        replied("case-quick", 10),
      ].map((event) => ({ event, atMs: Date.parse(event.at) })),
      { createMissing: true },
    );
    // The server was down: the SLA timer and the escalation job catch up in one run each.
    await fireDueSlaEvents(t.store.db, NOW);
  });
  afterAll(() => t.close());

  it("fires each due step once, dated at its instant, and skips cancelled and future steps", async () => {
    const first = await runEscalations(t.store.db, { now: NOW });
    expect(first).toMatchObject({ fired: 5, refused: 0, unplaceable: 0 });
    const fired = await escalations(t.store.db);
    expect(
      fired.map((event) => [event.caseId, event.step, event.trigger, event.level, event.to]),
    ).toEqual([
      // At risk at 30 minutes, answered at 45: the breach never came.
      ["case-at-risk", 1, "at_risk", 1, "team_lead"],
      ["case-late", 1, "at_risk", 1, "team_lead"],
      ["case-late", 2, "breached", 1, "manager"],
      ["case-tech", 1, "at_risk", 1, "team_lead"],
      ["case-tech", 2, "breached", 1, "manager"],
    ]);
    const late = fired.filter((event) => event.caseId === "case-late");
    expect(late.map((event) => event.at)).toEqual([T0 + 30 * MINUTE, T0 + 90 * MINUTE]);
    expect(late[0]).toMatchObject({
      policy: "urgent-path",
      id: expect.stringMatching(/^esc:case-late:urgent-path:1:firstResponse:/),
    });
    expect((await t.inject("/api/v1/cases/case-late")).json().escalationLevel).toBe(1);

    // A second run, and a run later on, find nothing new to fire (step 3 is due in 7 hours).
    expect(await runEscalations(t.store.db, { now: NOW })).toMatchObject({ fired: 0 });
    expect(await runEscalations(t.store.db, { now: NOW + MINUTE })).toMatchObject({ fired: 0 });
    expect(await escalations(t.store.db)).toHaveLength(5);
  });

  it("notifies the resolved recipients and nobody else", async () => {
    const titles = async (inject: Inject) =>
      ((await inject("/api/v1/notifications")).json().items as { caseId: string; kind: string }[])
        .map((item) => `${item.caseId} ${item.kind}`)
        .sort();
    expect(await titles(as.leadBilling as Inject)).toEqual([
      "case-at-risk escalation.notify",
      "case-late escalation.notify",
    ]);
    expect(await titles(as.leadTechnical as Inject)).toEqual(["case-tech escalation.notify"]);
    expect(await titles(as.managerAll as Inject)).toEqual([
      "case-late escalation.escalate",
      "case-tech escalation.escalate",
    ]);
    expect(await titles(as.managerAmer as Inject)).toEqual([]);
    expect(await titles(as.agentBilling as Inject)).toEqual([]);
    expect(await titles(t.inject)).toEqual([]);
  });

  it("lists, reads one and reads all of the caller's notifications", async () => {
    const lead = as.leadBilling as Inject;
    const unread = (await lead("/api/v1/notifications?unread=true")).json();
    expect(unread.unreadCount).toBe(2);
    expect(unread.items).toHaveLength(2);
    expect(unread.items[0]).toMatchObject({
      title: expect.stringContaining("first response at risk"),
      readAt: null,
      eventId: expect.stringMatching(/^esc:/),
    });
    const id = unread.items[0].id as string;

    // Someone else's notification answers as a missing one.
    const foreign = await (as.managerAll as Inject)({
      method: "POST",
      url: `/api/v1/notifications/${id}/read`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({
      code: "notification.not_found",
      field: "params.id",
    });

    const read = await lead({ method: "POST", url: `/api/v1/notifications/${id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const after = (await lead("/api/v1/notifications?unread=true")).json();
    expect(after).toMatchObject({ unreadCount: 1 });
    expect(after.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await lead("/api/v1/notifications?limit=1")).json()).toMatchObject({
      items: [expect.any(Object)],
      nextCursor: expect.any(String),
      unreadCount: 1,
    });

    const all = await lead({ method: "POST", url: "/api/v1/notifications/read-all" });
    expect(all.json()).toEqual({ updated: 1 });
    expect((await lead("/api/v1/notifications?unread=true")).json()).toMatchObject({
      items: [],
      unreadCount: 0,
    });
    expect((await lead("/api/v1/notifications")).json().items).toHaveLength(2);
  });

  it("fires the later step once when two schedulers run the job after it came due", async () => {
    // Step 3 (600 minutes after the breach at +60) is due at +660: move the clock there.
    const later = T0 + 661 * MINUTE;
    const other: Pick<Store, "db"> = kind === "postgres" ? openStore(t.store.config) : t.store;
    try {
      const reports = await Promise.all([
        runEscalations(t.store.db, { now: later }),
        runEscalations(other.db, { now: later }),
      ]);
      expect(reports.reduce((sum, report) => sum + report.fired, 0)).toBe(2);
      const job = (holder: string, db: Kysely<DB>) =>
        startScheduler(
          { db },
          {
            jobs: [{ ...escalationJob(db, 20), run: () => runEscalations(db, { now: later }) }],
            holderId: holder,
            tickMs: 5,
            logger: { info: () => {}, error: () => {} },
          },
        );
      const schedulers = [job("a", t.store.db), job("b", other.db)];
      await new Promise((resolve) => setTimeout(resolve, 200));
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    } finally {
      if (other !== t.store) await (other as Store).close();
    }
    const fired = await escalations(t.store.db);
    expect(fired.filter((event) => event.step === 3).map((event) => event.caseId)).toEqual([
      "case-late",
      "case-tech",
    ]);
    expect(fired).toHaveLength(7);
    const admin = (await t.inject("/api/v1/notifications")).json();
    expect(admin.items.map((item: { caseId: string }) => item.caseId).sort()).toEqual([
      "case-late",
      "case-tech",
    ]);
    expect((await t.inject("/api/v1/cases/case-late")).json().escalationLevel).toBe(2);
  });
});
