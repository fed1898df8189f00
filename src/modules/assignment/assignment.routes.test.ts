import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { countEvents } from "../events/event.repository.js";
import { defaultQueueSettings } from "../queues/queue-settings.js";
import { pushWaitingCases } from "./assignment.service.js";

type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

/** A shift that is never open now: one minute a week, on a day other than today (UTC). */
function shiftNotNow() {
  const day = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][(new Date().getUTCDay() + 3) % 7];
  return { timezone: "UTC", hours: { [day as string]: [["03:00", "03:01"]] } };
}

describe.each(STORE_KINDS)("assignment on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const ok = async (method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) => {
    const response = await send(method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  const openCase = (id: string, overrides: Record<string, unknown> = {}) =>
    ok("POST", "/api/v1/cases", buildCase({ id, ...overrides }));
  /** Routing's say on a case: the skills it needs (what src/modules/routing records). */
  const requireSkills = (
    caseId: string,
    team: string,
    skills: { skill: string; level: number }[],
    priority = "normal",
  ) =>
    ok("POST", "/api/v1/events", {
      type: "case.routed",
      at: new Date().toISOString(),
      case: caseId,
      team,
      priority,
      skills,
      rule: null,
    });
  const assignedEvents = async (caseId: string) =>
    (
      (await ok("GET", `/api/v1/cases/${caseId}/events`)).items as {
        type: string;
        data: Record<string, unknown>;
      }[]
    )
      .filter((event) => event.type === "case.assigned")
      .map((event) => event.data);

  async function expectRefused(
    inject: Inject,
    request: InjectOptions,
    status: number,
    expected: { code: string; field?: string },
  ) {
    const before = await countEvents(t.store.db);
    const refused = await inject(request);
    expect(refused.statusCode, refused.body).toBe(status);
    expect(refused.json().error).toMatchObject(expected);
    expect(await countEvents(t.store.db)).toBe(before);
    return refused.json().error as { message: string };
  }

  /** Signs in a user of the agent role in `team`, linked to `agentId`. */
  async function signInAs(email: string, team: string, agentId: string | null): Promise<Inject> {
    await ok("POST", "/api/v1/users", {
      email,
      name: email,
      password: TEST_PASSWORD,
      grants: [{ role: "agent", teams: [team] }],
      ...(agentId === null ? {} : { agentId }),
    });
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password: TEST_PASSWORD },
    });
    const token = login.json().token as string;
    return (options) => {
      const request = typeof options === "string" ? { url: options } : options;
      return t.app.inject({ ...request, headers: { authorization: `Bearer ${token}` } });
    };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [id, name] of [
      ["billing", "Billing"],
      ["tech", "Technical"],
      ["chat", "Chat"],
      ["pull", "Pull"],
    ]) {
      await ok("POST", "/api/v1/teams", buildTeam({ id, name }));
    }
    await ok("POST", "/api/v1/customers", buildCustomer({ id: "cus-1", tier: "gold" }));
    await ok("POST", "/api/v1/customers", buildCustomer({ id: "cus-vip", tier: "platinum" }));
    await ok("POST", "/api/v1/agents", {
      id: "expert",
      team: "billing",
      name: "Expert",
      skillLevels: { refunds: 5 },
    });
    await ok("POST", "/api/v1/agents", {
      id: "junior",
      team: "billing",
      name: "Junior",
      skills: ["refunds"],
    });
    await ok("POST", "/api/v1/agents", { id: "techie", team: "tech", name: "Techie" });
  });
  afterAll(() => t.close());

  it("assigns by hand to an agent of the case's team, once", async () => {
    await openCase("by-hand");
    const assigned = await ok("POST", "/api/v1/cases/by-hand/assign", { agent: "junior" });
    expect(assigned).toMatchObject({
      agent: "junior",
      mode: "manual",
      reason: "chosen by hand",
      case: { id: "by-hand", agentId: "junior", status: "open" },
    });
    expect(await assignedEvents("by-hand")).toEqual([
      expect.objectContaining({ case: "by-hand", agent: "junior", mode: "manual" }),
    ]);

    const post = (url: string, payload?: object) => ({
      method: "POST" as const,
      url,
      ...(payload === undefined ? {} : { payload }),
    });
    await expectRefused(t.inject, post("/api/v1/cases/by-hand/assign", { agent: "expert" }), 409, {
      code: "assignment.conflict",
      field: "params.id",
    });
    await openCase("by-hand-2");
    await expectRefused(
      t.inject,
      post("/api/v1/cases/by-hand-2/assign", { agent: "techie" }),
      400,
      {
        code: "request.invalid",
        field: "body.agent",
      },
    );
    await expectRefused(
      t.inject,
      post("/api/v1/cases/by-hand-2/assign", { agent: "nobody" }),
      404,
      {
        code: "agent.not_found",
        field: "body.agent",
      },
    );
    await expectRefused(t.inject, post("/api/v1/cases/nope/assign", { agent: "junior" }), 404, {
      code: "case.not_found",
    });
    await ok("POST", "/api/v1/cases/by-hand-2/status", { status: "pending_customer" });
    await expectRefused(
      t.inject,
      post("/api/v1/cases/by-hand-2/assign", { agent: "junior" }),
      409,
      {
        code: "assignment.conflict",
      },
    );
  });

  it("pushes to the closest sufficient skill match, then round-robin, recording mode push", async () => {
    await openCase("refund-1");
    await requireSkills("refund-1", "billing", [{ skill: "refunds", level: 3 }]);
    const first = await ok("POST", "/api/v1/cases/refund-1/assign");
    // Junior holds refunds at 3 (listed without a level): an exact match keeps the expert free.
    expect(first).toMatchObject({ agent: "junior", mode: "push", case: { agentId: "junior" } });
    expect(first.reason).toMatch(/^skill surplus 0, 1\/8 email, /);
    expect(await assignedEvents("refund-1")).toEqual([
      expect.objectContaining({ agent: "junior", mode: "push" }),
    ]);

    await openCase("refund-hard");
    await requireSkills("refund-hard", "billing", [{ skill: "refunds", level: 4 }]);
    expect((await ok("POST", "/api/v1/cases/refund-hard/assign")).agent).toBe("expert");

    // No skills needed: both qualify with no surplus; the expert's load ratio is lower.
    await openCase("plain");
    expect((await ok("POST", "/api/v1/cases/plain/assign", {})).agent).toBe("expert");
  });

  it("answers 409 assignment.unavailable when nobody can take a pushed case", async () => {
    await openCase("too-hard");
    await requireSkills("too-hard", "billing", [
      { skill: "refunds", level: 5 },
      { skill: "german", level: 1 },
    ]);
    const error = await expectRefused(
      t.inject,
      { method: "POST", url: "/api/v1/cases/too-hard/assign" },
      409,
      { code: "assignment.unavailable", field: "params.id" },
    );
    expect(error.message).toContain("with refunds ≥ 5, german ≥ 1");
  });

  it("lets an agent pull the highest-scored case they can take, and says why when they cannot", async () => {
    await ok("POST", "/api/v1/agents", {
      id: "puller",
      team: "pull",
      name: "Puller",
      capacity: { email: 1, chat: 0 },
    });
    const puller = await signInAs("puller@test.local", "pull", "puller");
    const pull = (as: Inject = puller, agent = "puller") =>
      as({ method: "POST", url: `/api/v1/agents/${agent}/next-case` });

    const nothing = await pull();
    expect(nothing.statusCode, nothing.body).toBe(200);
    expect(nothing.json()).toEqual({ case: null, agent: "puller", score: null, position: null });

    await openCase("pull-normal", { team: "pull", priority: "normal" });
    await openCase("pull-urgent", { team: "pull", priority: "high", customer: "cus-vip" });
    await openCase("pull-skilled", { team: "pull", priority: "urgent", customer: "cus-vip" });
    await requireSkills("pull-skilled", "pull", [{ skill: "law", level: 2 }], "urgent");
    // The skilled case scores highest (urgent, and a busy lawyer could take it: feasibility
    // 0.5), but the puller lacks the skill: they get the next one.
    await ok("POST", "/api/v1/agents", {
      id: "lawyer",
      team: "pull",
      name: "Lawyer",
      skillLevels: { law: 3 },
    });
    await ok("PUT", "/api/v1/agents/lawyer/presence", { presence: "busy" });
    const queue = await ok("GET", "/api/v1/queues/pull");
    expect(queue.items.map((entry: { case: { id: string } }) => entry.case.id)).toEqual([
      "pull-skilled",
      "pull-urgent",
      "pull-normal",
    ]);
    const first = await pull();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      agent: "puller",
      position: 2,
      case: { id: "pull-urgent", agentId: "puller" },
    });
    expect(await assignedEvents("pull-urgent")).toEqual([
      expect.objectContaining({ agent: "puller", mode: "pull" }),
    ]);

    const full = await pull();
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({
      code: "assignment.unavailable",
      field: "agent.capacity",
    });

    await ok("PATCH", "/api/v1/agents/puller", { capacity: { email: 5 } });
    await puller({
      method: "PUT",
      url: "/api/v1/agents/puller/presence",
      payload: { presence: "away" },
    });
    const away = await pull();
    expect(away.json().error).toMatchObject({
      code: "assignment.unavailable",
      field: "agent.presence",
    });
    // Busy keeps an agent from pushes, not from taking a case themself.
    await puller({
      method: "PUT",
      url: "/api/v1/agents/puller/presence",
      payload: { presence: "busy" },
    });
    expect((await pull()).json().case).toMatchObject({ id: "pull-normal" });

    await ok("PATCH", "/api/v1/agents/puller", { shift: shiftNotNow() });
    await openCase("pull-late", { team: "pull" });
    const offShift = await pull();
    expect(offShift.json().error).toMatchObject({
      code: "assignment.unavailable",
      field: "agent.shift",
    });

    // A team lead of the team may pull for the agent; an agent of the team for nobody else.
    await ok("PATCH", "/api/v1/agents/puller", {
      shift: {
        timezone: "UTC",
        hours: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
            day,
            [["00:00", "24:00"]],
          ]),
        ),
      },
    });
    const colleague = await signInAs("colleague@test.local", "pull", null);
    await expectRefused(
      colleague,
      { method: "POST", url: "/api/v1/agents/puller/next-case" },
      403,
      {
        code: "access.forbidden",
        field: "params.id",
      },
    );
    const lead = await t.as([{ role: "team_lead", teams: ["pull"], regions: [] }]);
    const byLead = await pull(lead);
    expect(byLead.json().case).toMatchObject({ id: "pull-late", agentId: "puller" });
    expect((await pull(t.inject, "nobody")).statusCode).toBe(404);
  });

  it("pushes waiting cases in score order for push-mode teams until no agent can take more", async () => {
    await ok("POST", "/api/v1/agents", {
      id: "chat-1",
      team: "chat",
      name: "Chat 1",
      capacity: { chat: 2 },
    });
    await ok("POST", "/api/v1/agents", {
      id: "chat-2",
      team: "chat",
      name: "Chat 2",
      capacity: { chat: 1 },
    });
    await ok("POST", "/api/v1/agents", {
      id: "chat-off",
      team: "chat",
      name: "Off",
      shift: shiftNotNow(),
    });
    for (const [id, priority] of [
      ["chat-low", "low"],
      ["chat-urgent", "urgent"],
      ["chat-high", "high"],
      ["chat-normal", "normal"],
    ] as const) {
      await openCase(id, { team: "chat", channel: "chat", priority });
    }
    await openCase("pull-mode-case", { team: "pull" });
    await ok("PUT", "/api/v1/queue-settings", {
      document: {
        ...defaultQueueSettings(),
        assignment: { mode: "pull", perTeam: { chat: "push" } },
      },
    });

    const report = await pushWaitingCases(t.store.db, Date.now());
    expect(report).toEqual({ teams: 1, assigned: 3, conflicts: 0 });
    const agentOf = async (id: string) => (await ok("GET", `/api/v1/cases/${id}`)).agentId;
    // Three chat slots for four cases: the three highest-scored get an agent, the low one waits.
    expect(await agentOf("chat-urgent")).toBe("chat-1");
    expect(await agentOf("chat-high")).toBe("chat-2");
    expect(await agentOf("chat-normal")).toBe("chat-1");
    expect(await agentOf("chat-low")).toBeNull();
    // The pull-mode team is left to its agents.
    expect(await agentOf("pull-mode-case")).toBeNull();
    expect((await assignedEvents("chat-urgent"))[0]).toMatchObject({ mode: "push" });

    // Nothing more to do until someone frees up.
    expect(await pushWaitingCases(t.store.db, Date.now())).toEqual({
      teams: 1,
      assigned: 0,
      conflicts: 0,
    });
    await ok("POST", "/api/v1/cases/chat-high/resolve", {});
    expect(await pushWaitingCases(t.store.db, Date.now())).toMatchObject({ assigned: 1 });
    expect(await agentOf("chat-low")).toBe("chat-2");
  });
});
