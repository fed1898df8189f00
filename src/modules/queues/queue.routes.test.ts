import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { loadQueue } from "./queue.service.js";
import { defaultQueueSettings } from "./queue-settings.js";

const MINUTE = 60_000;

/** The SLA risk dominates, so a clock running out visibly moves its case up. */
const SLA_HEAVY = {
  ...defaultQueueSettings(),
  weights: { value: 1, urgency: 1, slaRisk: 5, age: 0, feasibility: 0 },
};

describe.each(STORE_KINDS)("queues on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const ok = async (method: "GET" | "POST" | "PUT", url: string, payload?: object) => {
    const response = await send(method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await ok("POST", "/api/v1/teams", buildTeam());
    await ok("POST", "/api/v1/teams", buildTeam({ id: "tech", name: "Technical" }));
    for (const [id, tier, region] of [
      ["cus-bronze", "bronze", "emea"],
      ["cus-gold", "gold", "emea"],
      ["cus-platinum", "platinum", "amer"],
    ] as const) {
      await ok("POST", "/api/v1/customers", buildCustomer({ id, tier, region }));
    }
    await ok("POST", "/api/v1/agents", { id: "ann", team: "billing", name: "Ann" });
    // Low-priority cases must be answered within 10 minutes; nothing else has a clock.
    await ok("PUT", "/api/v1/sla-policies", {
      document: {
        policies: [
          {
            id: "low-fast",
            name: "Low, fast",
            position: 1,
            conditions: { priorities: ["low"] },
            targets: { firstResponse: { minutes: 10, time: "calendar" } },
            atRiskShare: 0.5,
          },
        ],
        internal: [],
      },
    });
    await ok(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "low", customer: "cus-bronze", priority: "low" }),
    );
    await ok(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "normal", customer: "cus-gold", priority: "normal" }),
    );
    await ok(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "high", customer: "cus-platinum", priority: "high", channel: "chat" }),
    );
  });
  afterAll(() => t.close());

  it("serves the queue settings with their defaults, and refuses bad ones naming the field", async () => {
    expect(await ok("GET", "/api/v1/queue-settings")).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: defaultQueueSettings(),
    });
    const refuse = async (document: object, field: string) => {
      const response = await send("PUT", "/api/v1/queue-settings", { document });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: "request.invalid", field });
    };
    const settings = defaultQueueSettings();
    await refuse(
      { ...settings, weights: { value: 0, urgency: 0, slaRisk: 0, age: 0, feasibility: 0 } },
      "body.document.weights",
    );
    await refuse({ ...settings, tierValues: { gold: 2 } }, "body.document.tierValues.gold");
    await refuse({ ...settings, ageHorizonMinutes: 0 }, "body.document.ageHorizonMinutes");
    await refuse(
      { ...settings, defaultCapacity: { ...settings.defaultCapacity, email: -1 } },
      "body.document.defaultCapacity.email",
    );
    await refuse(
      { ...settings, assignment: { mode: "pull", perTeam: { nowhere: "push" } } },
      "body.document.assignment.perTeam.nowhere",
    );
    expect((await ok("GET", "/api/v1/queue-settings")).version).toBe(0);
    const saved = await ok("PUT", "/api/v1/queue-settings", { document: SLA_HEAVY });
    expect(saved).toMatchObject({ version: 1, document: SLA_HEAVY });
  });

  it("orders a team's waiting cases by score, each explained term by term", async () => {
    const queue = await ok("GET", "/api/v1/queues/billing");
    expect(queue.team).toBe("billing");
    expect(queue.total).toBe(3);
    expect(
      queue.items.map((entry: { position: number; case: { id: string } }) => [
        entry.position,
        entry.case.id,
      ]),
    ).toEqual([
      [1, "high"],
      [2, "normal"],
      [3, "low"],
    ]);
    const [high] = queue.items;
    // platinum 1 and high 0.7, weight 1 each of 7: (1 + 0.7) / 7.
    expect(high.score).toBeCloseTo(24.29, 1);
    expect(high.terms.map((term: { term: string }) => term.term)).toEqual([
      "value",
      "urgency",
      "slaRisk",
      "age",
      "feasibility",
    ]);
    expect(high.terms[0]).toEqual({
      term: "value",
      input: "platinum",
      value: 1,
      weight: 1,
      points: 14.29,
    });
    expect(high.terms[4]).toMatchObject({
      input: "1 agent on shift can take it now",
      value: 1,
      weight: 0,
    });
    // The low case's clock runs: its badge and its SLA term show it.
    const low = queue.items[2];
    expect(low.case.sla).toMatchObject({ clock: "firstResponse", state: "running" });
    expect(low.terms[2].input).toMatch(/^\d+% of first response target used$/);

    const limited = await ok("GET", "/api/v1/queues/billing?limit=1");
    expect(limited.total).toBe(3);
    expect(limited.items).toHaveLength(1);
  });

  it("re-orders as clocks run: computed at the instant it is read", async () => {
    const now = Date.now();
    const ids = async (at: number) =>
      (await loadQueue(t.store.db, { team: "billing", now: at })).map((entry) => entry.case.id);
    expect(await ids(now)).toEqual(["high", "normal", "low"]);
    // 15 minutes later the low case's 10-minute target is 150% used: its SLA term is full.
    const later = await loadQueue(t.store.db, { team: "billing", now: now + 15 * MINUTE });
    expect(later.map((entry) => entry.case.id)).toEqual(["low", "high", "normal"]);
    expect(later[0]?.terms[2]).toMatchObject({ term: "slaRisk", value: 1, points: 71.43 });
  });

  it("explains one case's score and place in the queue", async () => {
    const score = await ok("GET", "/api/v1/cases/normal/score");
    expect(score).toMatchObject({ caseId: "normal", waiting: true, position: 2 });
    expect(score.score).toBeCloseTo(16.43, 1);
    expect(score.terms).toHaveLength(5);
    expect((await send("GET", "/api/v1/cases/nope/score")).statusCode).toBe(404);
  });

  it("narrows to a named queue, and shows assigned cases only when asked", async () => {
    await ok("POST", "/api/v1/events", {
      type: "case.routed",
      at: new Date().toISOString(),
      case: "normal",
      team: "billing",
      queue: "vip",
      priority: "normal",
      rule: null,
    });
    const vip = await ok("GET", "/api/v1/queues/billing?queue=vip");
    expect(vip.items.map((entry: { case: { id: string } }) => entry.case.id)).toEqual(["normal"]);

    await ok("POST", "/api/v1/cases/high/assign", { agent: "ann" });
    const waiting = await ok("GET", "/api/v1/queues/billing");
    expect(waiting.items.map((entry: { case: { id: string } }) => entry.case.id)).toEqual([
      "normal",
      "low",
    ]);
    const all = await ok("GET", "/api/v1/queues/billing?includeAssigned=true");
    expect(all.items.map((entry: { case: { id: string } }) => entry.case.id)).toEqual([
      "high",
      "normal",
      "low",
    ]);
    expect(await ok("GET", "/api/v1/cases/high/score")).toMatchObject({
      waiting: false,
      position: null,
    });
  });

  it("lists every team's queue with counts, the longest wait and the agents available", async () => {
    const { items } = await ok("GET", "/api/v1/queues");
    expect(items).toEqual([
      {
        team: "billing",
        name: "Billing",
        mode: "pull",
        waiting: 2,
        assigned: 1,
        oldestWaitingSince: expect.any(String),
        oldestWaitMinutes: expect.any(Number),
        agentsAvailable: 1,
        agents: 1,
      },
      {
        team: "tech",
        name: "Technical",
        mode: "pull",
        waiting: 0,
        assigned: 0,
        oldestWaitingSince: null,
        oldestWaitMinutes: null,
        agentsAvailable: 0,
        agents: 0,
      },
    ]);
    const low = await ok("GET", "/api/v1/cases/low");
    expect(items[0].oldestWaitingSince).toBe(low.openedAt);
  });

  it("shows a caller only the queues and cases inside their scope", async () => {
    const techAgent = await t.as([{ role: "agent", teams: ["tech"], regions: [] }]);
    const summaries = (await techAgent("/api/v1/queues")).json().items;
    expect(summaries.map((summary: { team: string }) => summary.team)).toEqual(["tech"]);
    expect((await techAgent("/api/v1/queues/billing")).json()).toEqual({
      team: "billing",
      total: 0,
      items: [],
    });
    expect((await techAgent("/api/v1/cases/low/score")).statusCode).toBe(404);

    // A region scope sees the team's cases of its region, at their place in the whole queue.
    const amer = await t.as([{ role: "analyst", teams: [], regions: ["amer"] }]);
    const queue = (await amer("/api/v1/queues/billing?includeAssigned=true")).json();
    expect(
      queue.items.map((entry: { position: number; case: { id: string } }) => [
        entry.position,
        entry.case.id,
      ]),
    ).toEqual([[1, "high"]]);
    expect((await send("GET", "/api/v1/queues/nowhere")).json().error).toMatchObject({
      code: "team.not_found",
    });
  });
});
