import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";

describe.each(STORE_KINDS)("customers, teams, agents and journeys on %s", (kind) => {
  let t: TestApp;
  const post = (url: string, payload: object) => t.inject({ method: "POST", url, payload });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await post("/api/v1/teams", buildTeam());
    await post("/api/v1/teams", buildTeam({ id: "tech", name: "Technical support" }));
    await post("/api/v1/agents", {
      id: "agt-1",
      team: "billing",
      name: "Grace",
      skills: ["refunds", "en"],
    });
    await post("/api/v1/customers", buildCustomer());
    await post(
      "/api/v1/customers",
      buildCustomer({
        id: "cus-2",
        tier: "bronze",
        name: "Alan Turing",
        email: "alan@example.org",
      }),
    );
    await post(
      "/api/v1/customers",
      buildCustomer({ id: "cus-3", region: "apac", name: "Percent 100%" }),
    );
  });
  afterAll(() => t.close());

  it("lists teams and agents", async () => {
    const teams = await t.inject("/api/v1/teams");
    expect(teams.json().items.map((team: { id: string }) => team.id)).toEqual(["billing", "tech"]);
    const agents = await t.inject("/api/v1/agents?team=billing");
    expect(agents.json().items).toEqual([
      expect.objectContaining({ id: "agt-1", teamId: "billing", skills: ["refunds", "en"] }),
    ]);
    expect((await t.inject("/api/v1/agents?team=tech")).json().items).toEqual([]);
    const unknownTeam = await post("/api/v1/agents", { id: "agt-2", team: "nope", name: "X" });
    expect(unknownTeam.statusCode).toBe(404);
    expect(unknownTeam.json().error).toMatchObject({ code: "team.not_found", field: "body.team" });
  });

  it("filters and searches customers, case-insensitively and literally", async () => {
    const bronze = await t.inject("/api/v1/customers?tier=bronze");
    expect(bronze.json().items.map((c: { id: string }) => c.id)).toEqual(["cus-2"]);
    const search = await t.inject("/api/v1/customers?q=TURING");
    expect(search.json().items.map((c: { id: string }) => c.id)).toEqual(["cus-2"]);
    // `%` is a character to find, not a wildcard.
    const percent = await t.inject(`/api/v1/customers?q=${encodeURIComponent("100%")}`);
    expect(percent.json().items.map((c: { id: string }) => c.id)).toEqual(["cus-3"]);
    const injection = await t.inject(`/api/v1/customers?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(injection.json().items).toEqual([]);
    const paged = await t.inject("/api/v1/customers?limit=2");
    expect(paged.json().items).toHaveLength(2);
    const rest = await t.inject(`/api/v1/customers?limit=2&cursor=${paged.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ items: [{ id: "cus-3" }], nextCursor: null });
  });

  it("validates customer bodies", async () => {
    const badEmail = await post(
      "/api/v1/customers",
      buildCustomer({ id: "cus-9", email: "not-an-email" }),
    );
    expect(badEmail.json().error.field).toBe("body.email");
    const noTier = await post("/api/v1/customers", { segment: "smb", region: "emea" });
    expect(noTier.json().error.field).toBe("body.tier");
    const duplicate = await post("/api/v1/customers", buildCustomer());
    expect(duplicate.statusCode).toBe(409);
  });

  it("returns the journey across cases in time order, with pagination", async () => {
    for (const [id, category] of [
      ["j-1", "billing/refund"],
      ["j-2", "orders/late"],
    ] as const) {
      const opened = await post("/api/v1/cases", {
        id,
        customer: "cus-1",
        channel: "chat",
        category,
        priority: "normal",
        team: "billing",
      });
      expect(opened.statusCode).toBe(201);
    }
    const recorded = await post("/api/v1/events", {
      type: "case.assigned",
      at: new Date().toISOString(),
      case: "j-1",
      agent: "agt-1",
    });
    expect(recorded.statusCode).toBe(201);

    const journey = await t.inject("/api/v1/customers/cus-1/journey");
    const items = journey.json().items;
    expect(items.map((e: { type: string; caseId: string | null }) => [e.type, e.caseId])).toEqual([
      ["customer.upserted", null],
      ["case.opened", "j-1"],
      ["case.opened", "j-2"],
      ["case.assigned", "j-1"],
    ]);
    expect(items[3]).toMatchObject({ agentId: "agt-1", teamId: "billing", customerId: "cus-1" });

    const first = await t.inject("/api/v1/customers/cus-1/journey?limit=3");
    const second = await t.inject(
      `/api/v1/customers/cus-1/journey?limit=3&cursor=${first.json().nextCursor}`,
    );
    expect(
      [...first.json().items, ...second.json().items].map((e: { id: string }) => e.id),
    ).toEqual(items.map((e: { id: string }) => e.id));
    expect(second.json().nextCursor).toBeNull();

    const missing = await t.inject("/api/v1/customers/nobody/journey");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("customer.not_found");
  });

  it("rejects events on the generic endpoint that name unknown records", async () => {
    const unknownAgent = await post("/api/v1/events", {
      type: "case.assigned",
      at: new Date().toISOString(),
      case: "j-2",
      agent: "ghost",
    });
    expect(unknownAgent.statusCode).toBe(404);
    expect(unknownAgent.json().error).toMatchObject({
      code: "agent.not_found",
      field: "body.agent",
    });
    const badType = await post("/api/v1/events", {
      type: "case.teleported",
      at: new Date().toISOString(),
    });
    expect(badType.json().error.field).toBe("body.type");
  });
});
