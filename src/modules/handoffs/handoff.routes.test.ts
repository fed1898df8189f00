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

const HANDOFF_TYPES = {
  types: [
    {
      id: "billing-to-tech",
      name: "Billing → Tech escalation",
      from: "billing",
      to: "technical",
      checklist: [
        { id: "account-verified", label: "Account verified", required: true },
        { id: "summary", label: "Summary written", required: true },
        { id: "logs-attached", label: "Logs attached", required: false },
      ],
    },
  ],
};

describe.each(STORE_KINDS)("handoffs on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const openCase = async (id: string, team = "billing") => {
    const opened = await send("POST", "/api/v1/cases", buildCase({ id, team }));
    expect(opened.statusCode, opened.body).toBe(201);
  };

  /** Sends a request that must fail with `status` and write no event. */
  async function expectRefused(
    method: "PUT" | "POST",
    url: string,
    payload: object,
    status: number,
  ) {
    const before = await countEvents(t.store.db);
    const refused = await send(method, url, payload);
    expect(refused.statusCode, refused.body).toBe(status);
    expect(await countEvents(t.store.db)).toBe(before);
    return refused.json().error;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [id, name] of [
      ["billing", "Billing"],
      ["technical", "Technical"],
      ["returns", "Returns"],
    ]) {
      expect((await send("POST", "/api/v1/teams", buildTeam({ id, name }))).statusCode).toBe(201);
    }
    expect((await send("POST", "/api/v1/customers", buildCustomer())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("hands a case to another team with no types defined, and shows its time in each team", async () => {
    await openCase("free");
    const handed = await send("POST", "/api/v1/cases/free/handoffs", {
      to: "returns",
      reason: "customer wants to send it back",
    });
    expect(handed.statusCode, handed.body).toBe(201);
    expect(handed.json()).toMatchObject({
      id: "free",
      teamId: "returns",
      handoffCount: 1,
      teamTimes: [
        { team: "billing", endedAt: expect.any(String) },
        { team: "returns", endedAt: null },
      ],
    });
    const events = (await send("GET", "/api/v1/cases/free/events")).json().items;
    expect(events.at(-1)).toMatchObject({
      type: "case.handoff",
      data: { from: "billing", to: "returns", reason: "customer wants to send it back" },
    });
  });

  it("validates the handoff types: teams must exist (400 naming the field), nothing saved", async () => {
    const unknownTeam = structuredClone(HANDOFF_TYPES);
    (unknownTeam.types[0] as { to: string }).to = "nowhere";
    const error = await expectRefused(
      "PUT",
      "/api/v1/handoff-types",
      { document: unknownTeam },
      400,
    );
    expect(error).toMatchObject({
      code: "request.invalid",
      field: "body.document.types.0.to",
      message: 'team "nowhere" does not exist',
    });
    const sameTeam = structuredClone(HANDOFF_TYPES);
    (sameTeam.types[0] as { to: string }).to = "billing";
    expect(
      await expectRefused("PUT", "/api/v1/handoff-types", { document: sameTeam }, 400),
    ).toMatchObject({ field: "body.document.types.0.to" });
    const repeated = { types: [HANDOFF_TYPES.types[0], HANDOFF_TYPES.types[0]] };
    expect(
      await expectRefused("PUT", "/api/v1/handoff-types", { document: repeated }, 400),
    ).toMatchObject({ field: "body.document.types.1.id" });
    const repeatedItem = structuredClone(HANDOFF_TYPES);
    const checklist = (repeatedItem.types[0] as { checklist: { id: string }[] }).checklist;
    (checklist[2] as { id: string }).id = "summary";
    expect(
      await expectRefused("PUT", "/api/v1/handoff-types", { document: repeatedItem }, 400),
    ).toMatchObject({ field: "body.document.types.0.checklist.2.id" });
    expect((await send("GET", "/api/v1/handoff-types")).json()).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: { types: [] },
    });
  });

  it("rejects a handoff missing required checklist items, naming every one, and writes nothing", async () => {
    const saved = await send("PUT", "/api/v1/handoff-types", { document: HANDOFF_TYPES });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: HANDOFF_TYPES });
    await openCase("checked");

    const noType = await expectRefused(
      "POST",
      "/api/v1/cases/checked/handoffs",
      { to: "technical" },
      422,
    );
    expect(noType).toMatchObject({
      code: "handoff.checklist_incomplete",
      field: "body.type",
      errors: [{ field: "body.type", reason: expect.stringContaining("billing-to-tech") }],
    });

    const missing = await expectRefused(
      "POST",
      "/api/v1/cases/checked/handoffs",
      {
        to: "technical",
        type: "billing-to-tech",
        checklist: { summary: false, "logs-attached": true },
      },
      422,
    );
    expect(missing).toEqual({
      code: "handoff.checklist_incomplete",
      message:
        "the handoff from billing to technical is incomplete: checklist.account-verified Account verified is required; checklist.summary Summary written is required",
      field: "body.checklist.account-verified",
      errors: [
        { field: "body.checklist.account-verified", reason: "Account verified is required" },
        { field: "body.checklist.summary", reason: "Summary written is required" },
      ],
    });

    // Through the generic events endpoint the type is the event's `handoffType`.
    const viaEvents = await expectRefused(
      "POST",
      "/api/v1/events",
      {
        type: "case.handoff",
        at: new Date().toISOString(),
        case: "checked",
        from: "billing",
        to: "technical",
        handoffType: "billing-to-tech",
        checklist: { "account-verified": true },
      },
      422,
    );
    expect(viaEvents.errors).toEqual([
      { field: "body.checklist.summary", reason: "Summary written is required" },
    ]);

    const complete = await send("POST", "/api/v1/cases/checked/handoffs", {
      to: "technical",
      type: "billing-to-tech",
      checklist: { "account-verified": true, summary: true },
    });
    expect(complete.statusCode, complete.body).toBe(201);
    expect(complete.json()).toMatchObject({ teamId: "technical", handoffCount: 1 });
    const events = (await send("GET", "/api/v1/cases/checked/events")).json().items;
    expect(events.at(-1).data).toMatchObject({
      handoffType: "billing-to-tech",
      checklist: { "account-verified": true, summary: true },
    });
    // Pairs without a type accept any handoff.
    const back = await send("POST", "/api/v1/cases/checked/handoffs", { to: "billing" });
    expect(back.statusCode, back.body).toBe(201);
  });

  it("answers 404 for an unknown team and 400 for the team the case is with", async () => {
    await openCase("stay");
    expect(
      await expectRefused("POST", "/api/v1/cases/stay/handoffs", { to: "nowhere" }, 404),
    ).toMatchObject({ code: "team.not_found", field: "body.to" });
    expect(
      await expectRefused("POST", "/api/v1/cases/stay/handoffs", { to: "billing" }, 400),
    ).toMatchObject({ code: "request.invalid", field: "body.to" });
    expect(
      await expectRefused("POST", "/api/v1/cases/no-such-case/handoffs", { to: "returns" }, 404),
    ).toMatchObject({ code: "case.not_found" });
    expect(
      await expectRefused(
        "POST",
        "/api/v1/events",
        {
          type: "case.handoff",
          at: new Date().toISOString(),
          case: "stay",
          from: "returns",
          to: "technical",
        },
        400,
      ),
    ).toMatchObject({ code: "request.invalid", field: "body.from" });
  });

  it("refuses a handoff of a closed case with 409 naming its state", async () => {
    await openCase("shut");
    expect((await send("POST", "/api/v1/cases/shut/resolve", {})).statusCode).toBe(200);
    expect((await send("POST", "/api/v1/cases/shut/close", {})).statusCode).toBe(200);
    const error = await expectRefused(
      "POST",
      "/api/v1/cases/shut/handoffs",
      { to: "returns" },
      409,
    );
    expect(error).toMatchObject({
      code: "case.invalid_transition",
      message: expect.stringMatching(/^case "shut" is closed; case.handoff needs/),
    });
  });

  it("computes time in team from the history, recorded out of order too", async () => {
    const event = (type: string, at: string, fields: object = {}) =>
      send("POST", "/api/v1/events", { type, at, case: "timed", ...fields });
    const opened = await event("case.opened", "2026-03-02T09:00:00Z", {
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "normal",
      team: "billing",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    // The resolution first, then the handoffs that came before it.
    for (const [type, at, fields] of [
      ["case.resolved", "2026-03-02T12:00:00Z", {}],
      ["case.handoff", "2026-03-02T10:30:00Z", { from: "billing", to: "returns" }],
      ["case.handoff", "2026-03-02T11:15:00Z", { from: "returns", to: "billing" }],
    ] as const) {
      const recorded = await event(type, at, fields);
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    const fetched = (await send("GET", "/api/v1/cases/timed")).json();
    // 09:00–10:30 billing (90 min), 10:30–11:15 returns (45), 11:15–12:00 billing (45).
    expect(fetched.teamTimes).toEqual([
      {
        team: "billing",
        startedAt: "2026-03-02T09:00:00.000Z",
        endedAt: "2026-03-02T10:30:00.000Z",
        minutes: 90,
      },
      {
        team: "returns",
        startedAt: "2026-03-02T10:30:00.000Z",
        endedAt: "2026-03-02T11:15:00.000Z",
        minutes: 45,
      },
      {
        team: "billing",
        startedAt: "2026-03-02T11:15:00.000Z",
        endedAt: "2026-03-02T12:00:00.000Z",
        minutes: 45,
      },
    ]);
    expect(fetched.handoffCount).toBe(2);
  });
});
