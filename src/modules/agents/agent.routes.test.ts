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

type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

const BERLIN_DAYS = {
  timezone: "Europe/Berlin",
  hours: {
    mon: [["09:00", "17:00"]],
    tue: [
      ["09:00", "12:00"],
      ["13:00", "17:00"],
    ],
  },
};

describe.each(STORE_KINDS)("agents' profile and presence on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });

  /** A request that must fail with `status` naming `field`, writing no event. */
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
  }

  /** A user of the agent role in billing, linked to `agentId` by the admin through the API. */
  async function signInAs(email: string, agentId: string | null): Promise<Inject> {
    const created = await send("POST", "/api/v1/users", {
      email,
      name: email,
      password: TEST_PASSWORD,
      grants: [{ role: "agent", teams: ["billing"] }],
      ...(agentId === null ? {} : { agentId }),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().agentId).toBe(agentId);
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
    for (const team of [buildTeam(), buildTeam({ id: "tech", name: "Technical" })]) {
      expect((await send("POST", "/api/v1/teams", team)).statusCode).toBe(201);
    }
    expect((await send("POST", "/api/v1/customers", buildCustomer())).statusCode).toBe(201);
    const created = await send("POST", "/api/v1/agents", {
      id: "ann",
      team: "billing",
      name: "Ann",
      skills: ["refunds"],
      skillLevels: { german: 4 },
      capacity: { chat: 2 },
      shift: BERLIN_DAYS,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await send("POST", "/api/v1/agents", { id: "bob", team: "billing", name: "Bob" }))
        .statusCode,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it("shows an agent's profile, presence and open cases per channel", async () => {
    const opened = await send(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "worked", channel: "chat" }),
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const assigned = await send("POST", "/api/v1/cases/worked/assign", { agent: "ann" });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const ann = await send("GET", "/api/v1/agents/ann");
    expect(ann.statusCode, ann.body).toBe(200);
    expect(ann.json()).toMatchObject({
      id: "ann",
      teamId: "billing",
      skills: ["refunds"],
      skillLevels: { german: 4 },
      capacity: { chat: 2 },
      shift: BERLIN_DAYS,
      presence: "available",
      presenceAt: expect.any(String),
      load: { email: 0, chat: 1, phone: 0, web: 0, social: 0, api: 0 },
    });
    const list = (await send("GET", "/api/v1/agents?team=billing")).json().items;
    expect(
      list.map((agent: { id: string; load: { chat: number } }) => [agent.id, agent.load.chat]),
    ).toEqual([
      ["ann", 1],
      ["bob", 0],
    ]);
  });

  it("changes the profile with PATCH, each field given replacing the old one", async () => {
    const patched = await send("PATCH", "/api/v1/agents/bob", {
      name: "Bob B.",
      skills: ["billing"],
      skillLevels: { billing: 5 },
      capacity: { email: 4, phone: 0 },
      shift: { timezone: "America/New_York", hours: { fri: [["08:00", "24:00"]] } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: "Bob B.",
      skills: ["billing"],
      skillLevels: { billing: 5 },
      capacity: { email: 4, phone: 0 },
      shift: { timezone: "America/New_York", hours: { fri: [["08:00", "24:00"]] } },
    });
    const renamed = await send("PATCH", "/api/v1/agents/bob", { name: "Bob" });
    // Fields left out keep their values.
    expect(renamed.json()).toMatchObject({
      name: "Bob",
      skillLevels: { billing: 5 },
      capacity: { email: 4 },
      shift: { timezone: "America/New_York" },
    });
    // A null shift clears it: Bob is then on shift whenever he is available.
    const unshifted = await send("PATCH", "/api/v1/agents/bob", { shift: null });
    expect(unshifted.statusCode, unshifted.body).toBe(200);
    expect(unshifted.json()).toMatchObject({ name: "Bob", shift: null, capacity: { email: 4 } });
    const events = (await send("GET", "/api/v1/events?type=agent.upserted")).json().items;
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "agent.upserted",
        data: expect.objectContaining({ agent: "bob", team: "billing", name: "Bob" }),
      }),
    );

    const moved = await send("PATCH", "/api/v1/agents/bob", { team: "tech" });
    expect(moved.json()).toMatchObject({ teamId: "tech" });
    expect((await send("PATCH", "/api/v1/agents/bob", { team: "billing" })).statusCode).toBe(200);
  });

  it("refuses bad profiles naming the field, and unknown agents with 404", async () => {
    const patch = (url: string, payload: object) => ({ method: "PATCH" as const, url, payload });
    await expectRefused(t.inject, patch("/api/v1/agents/nobody", { name: "X" }), 404, {
      code: "agent.not_found",
    });
    await expectRefused(t.inject, patch("/api/v1/agents/ann", { capacity: { email: -1 } }), 400, {
      code: "request.invalid",
      field: "body.capacity.email",
    });
    await expectRefused(t.inject, patch("/api/v1/agents/ann", { capacity: { fax: 1 } }), 400, {
      code: "request.invalid",
      field: "body.capacity.fax",
    });
    await expectRefused(
      t.inject,
      patch("/api/v1/agents/ann", { skillLevels: { german: 6 } }),
      400,
      {
        code: "request.invalid",
        field: "body.skillLevels.german",
      },
    );
    await expectRefused(
      t.inject,
      patch("/api/v1/agents/ann", {
        shift: { timezone: "Europe/Berlin", hours: { mon: [["09:00", "25:00"]] } },
      }),
      400,
      { code: "request.invalid", field: "body.shift.hours.mon.0" },
    );
    await expectRefused(
      t.inject,
      patch("/api/v1/agents/ann", {
        shift: { timezone: "Mars/Olympus", hours: { mon: [["09:00", "17:00"]] } },
      }),
      400,
      { code: "request.invalid", field: "body.shift.timezone" },
    );
    await expectRefused(t.inject, patch("/api/v1/agents/ann", { team: "nowhere" }), 404, {
      code: "team.not_found",
      field: "body.team",
    });
    await expectRefused(t.inject, patch("/api/v1/agents/ann", {}), 400, {
      code: "request.invalid",
    });
    // A new agent's shift is checked the same way.
    await expectRefused(
      t.inject,
      {
        method: "POST",
        url: "/api/v1/agents",
        payload: {
          id: "cem",
          team: "billing",
          name: "Cem",
          shift: { timezone: "UTC", hours: { sun: [["18:00", "09:00"]] } },
        },
      },
      400,
      { code: "request.invalid", field: "body.shift.hours.sun.0" },
    );
    expect((await send("GET", "/api/v1/agents/ann")).json().shift).toEqual(BERLIN_DAYS);
  });

  it("sets the presence, recording an agent.presence event", async () => {
    const set = await send("PUT", "/api/v1/agents/ann/presence", { presence: "busy" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: "ann", presence: "busy" });
    const events = (await send("GET", "/api/v1/events?type=agent.presence")).json().items;
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "agent.presence",
        data: expect.objectContaining({ agent: "ann", presence: "busy" }),
      }),
    );

    const put = (url: string, payload: object) => ({ method: "PUT" as const, url, payload });
    await expectRefused(
      t.inject,
      put("/api/v1/agents/ann/presence", { presence: "sleeping" }),
      400,
      {
        code: "request.invalid",
        field: "body.presence",
      },
    );
    await expectRefused(
      t.inject,
      put("/api/v1/agents/nobody/presence", { presence: "away" }),
      404,
      {
        code: "agent.not_found",
      },
    );
    expect(
      (await send("PUT", "/api/v1/agents/ann/presence", { presence: "available" })).statusCode,
    ).toBe(200);
  });

  it("lets the user linked to an agent set its presence and see it, and nobody else's", async () => {
    const annAsUser = await signInAs("ann@test.local", "ann");
    const away = await annAsUser({
      method: "PUT",
      url: "/api/v1/agents/ann/presence",
      payload: { presence: "away" },
    });
    expect(away.statusCode, away.body).toBe(200);
    expect(away.json().presence).toBe("away");
    const audit = (await send("GET", "/api/v1/audit?targetKind=agent")).json();
    expect(JSON.stringify(audit)).toContain("agent.presence");

    const me = await annAsUser("/api/v1/me/agent");
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: "ann", presence: "away" });

    // Linked to Ann, not to Bob; and an agent role grants no agent:write.
    await expectRefused(
      annAsUser,
      { method: "PUT", url: "/api/v1/agents/bob/presence", payload: { presence: "away" } },
      403,
      { code: "access.forbidden", field: "params.id" },
    );
    await expectRefused(
      annAsUser,
      { method: "PATCH", url: "/api/v1/agents/ann", payload: { name: "Me" } },
      403,
      {
        code: "access.forbidden",
      },
    );

    const unlinked = await signInAs("someone@test.local", null);
    expect((await unlinked("/api/v1/me/agent")).json().error).toMatchObject({
      code: "agent.not_found",
    });
    await expectRefused(
      unlinked,
      { method: "PUT", url: "/api/v1/agents/ann/presence", payload: { presence: "available" } },
      403,
      { code: "access.forbidden", field: "params.id" },
    );
    expect(
      (await send("PUT", "/api/v1/agents/ann/presence", { presence: "available" })).statusCode,
    ).toBe(200);
  });

  it("links users to agents that exist, one user per agent, and unlinks with null", async () => {
    const base = {
      name: "X",
      password: TEST_PASSWORD,
      grants: [{ role: "agent", teams: ["billing"] }],
    };
    const unknown = await send("POST", "/api/v1/users", {
      ...base,
      email: "x1@test.local",
      agentId: "nobody",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: "agent.not_found", field: "body.agentId" });
    const taken = await send("POST", "/api/v1/users", {
      ...base,
      email: "x2@test.local",
      agentId: "ann",
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error).toMatchObject({ code: "request.invalid", field: "body.agentId" });

    const users = (await send("GET", "/api/v1/users")).json().items as {
      id: string;
      email: string;
      agentId: string | null;
    }[];
    const annUser = users.find((user) => user.email === "ann@test.local");
    expect(annUser?.agentId).toBe("ann");
    const unlinked = await send("PATCH", `/api/v1/users/${annUser?.id}`, { agentId: null });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().agentId).toBeNull();
    const bobsUser = await send("POST", "/api/v1/users", {
      ...base,
      email: "x3@test.local",
      agentId: "ann",
    });
    expect(bobsUser.statusCode, bobsUser.body).toBe(201);
  });
});
