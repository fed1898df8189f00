import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { countEvents } from "../events/event.repository.js";

/** Routing at the case's opening, at a re-categorisation and on request, through the API. */
describe.each(STORE_KINDS)("routing cases through the API on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const eventsOf = async (id: string) =>
    (await send("GET", `/api/v1/cases/${id}/events`)).json().items as {
      type: string;
      data: Record<string, unknown>;
    }[];

  const RULES = {
    enabled: true,
    fallbackTeam: "frontline",
    rules: [
      {
        id: "vip",
        name: "Platinum customers first",
        enabled: true,
        match: "all",
        conditions: [{ field: "customer.tier", op: "equals", value: "platinum" }],
        actions: { raisePriority: 1, addTags: ["vip"] },
        stop: false,
      },
      {
        id: "billing",
        name: "Billing questions",
        enabled: true,
        match: "all",
        conditions: [{ field: "case.topCategory", op: "equals", value: "billing" }],
        actions: { setTeam: "billing", requireSkills: [{ skill: "refunds", level: 2 }] },
        stop: false,
      },
      {
        id: "login-words",
        name: "Login trouble goes to technical",
        enabled: true,
        match: "any",
        conditions: [
          { field: "case.text", op: "contains_any", value: ["login", "password"] },
          { field: "case.topCategory", op: "equals", value: "technical" },
        ],
        actions: { setTeam: "technical" },
        stop: false,
      },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const team of ["billing", "technical", "frontline"]) {
      expect((await send("POST", "/api/v1/teams", buildTeam({ id: team }))).statusCode).toBe(201);
    }
    const customers = [buildCustomer({ id: "vip-1", tier: "platinum" }), buildCustomer()];
    for (const customer of customers) {
      expect((await send("POST", "/api/v1/customers", customer)).statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it("needs a team while routing is off, and re-routing is refused", async () => {
    const { team: _team, ...withoutTeam } = buildCase();
    const refused = await send("POST", "/api/v1/cases", withoutTeam);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe("body.team");
    const opened = await send("POST", "/api/v1/cases", buildCase({ id: "before-routing" }));
    expect(opened.statusCode).toBe(201);
    expect(opened.json().routedRule).toBeNull();
    const reroute = await send("POST", "/api/v1/cases/before-routing/route");
    expect(reroute.statusCode).toBe(400);
  });

  it("routes a new case by the rules and records the decision naming the rule", async () => {
    const saved = await send("PUT", "/api/v1/routing/rules", { document: RULES });
    expect(saved.statusCode, saved.body).toBe(200);
    const { team: _team, ...withoutTeam } = buildCase({
      id: "vip-refund",
      customer: "vip-1",
      priority: "normal",
      tags: ["web-form"],
    });
    const opened = await send("POST", "/api/v1/cases", withoutTeam);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({
      teamId: "billing",
      priority: "high",
      tags: ["web-form", "vip"],
      requiredSkills: [{ skill: "refunds", level: 2 }],
      routedRule: "billing",
    });
    const events = await eventsOf("vip-refund");
    expect(events.map((event) => event.type)).toEqual(["case.opened", "case.routed"]);
    expect(events[1]?.data).toMatchObject({
      team: "billing",
      priority: "high",
      rule: "billing",
      fired: ["vip", "billing"],
      version: saved.json().version,
    });
  });

  it("raises the priority once however often the case is routed again", async () => {
    const before = await countEvents(t.store.db);
    const again = await send("POST", "/api/v1/cases/vip-refund/route");
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().priority).toBe("high");
    expect(await countEvents(t.store.db)).toBe(before);
  });

  it("routes a case the intake sent elsewhere, starting it in the routed team", async () => {
    const opened = await send(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "misfiled", team: "frontline", subject: "Cannot login since Monday" }),
    );
    expect(opened.statusCode, opened.body).toBe(201);
    // The billing rule fires first (billing/refund) and decides the team: first setter wins.
    expect(opened.json()).toMatchObject({ teamId: "billing", routedRule: "billing" });
    expect(opened.json().teamTimes.map((spell: { team: string }) => spell.team)).toEqual([
      "billing",
    ]);
  });

  it("re-routes a re-categorised case and counts the correction", async () => {
    const moved = await send("POST", "/api/v1/cases/misfiled/category", {
      category: "technical/login",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      category: "technical/login",
      teamId: "technical",
      routedRule: "login-words",
      recategorisedCount: 1,
      requiredSkills: [],
    });
    const events = await eventsOf("misfiled");
    expect(events.slice(-2)).toMatchObject([
      {
        type: "case.recategorised",
        data: { category: "technical/login", previous: "billing/refund" },
      },
      { type: "case.routed", data: { team: "technical", rule: "login-words" } },
    ]);
    expect(moved.json().teamTimes.map((spell: { team: string }) => spell.team)).toEqual([
      "billing",
      "technical",
    ]);
    // Routing it again changes nothing, so nothing is recorded.
    const before = await countEvents(t.store.db);
    const again = await send("POST", "/api/v1/cases/misfiled/route");
    expect(again.statusCode, again.body).toBe(200);
    expect(await countEvents(t.store.db)).toBe(before);
  });

  it("refuses a bad re-categorisation with the field named, writing nothing", async () => {
    const before = await countEvents(t.store.db);
    const same = await send("POST", "/api/v1/cases/misfiled/category", {
      category: "technical/login",
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.field).toBe("body.category");
    const malformed = await send("POST", "/api/v1/cases/misfiled/category", {
      category: "Technical",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe("body.category");
    const missing = await send("POST", "/api/v1/cases/nope/category", {
      category: "billing/refund",
    });
    expect(missing.statusCode).toBe(404);
    expect(await countEvents(t.store.db)).toBe(before);
  });
});
