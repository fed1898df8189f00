import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTeam, createTestApp, type TestApp } from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";

const URL = "/api/v1/escalation-policies";

function policy(overrides: Record<string, unknown> = {}) {
  return {
    id: "urgent-path",
    name: "Urgent path",
    position: 1,
    conditions: { tiers: [], priorities: ["urgent", "high"] },
    calendarId: "emea-office",
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
        to: { kind: "role", role: "ops_manager" },
      },
    ],
    ...overrides,
  };
}

describe.each(STORE_KINDS)("escalation policies API on %s", (kind) => {
  let t: TestApp;
  const put = (document: unknown) =>
    t.inject({ method: "PUT", url: URL, payload: { document } as object });

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect(
      (await t.inject({ method: "POST", url: "/api/v1/teams", payload: buildTeam() })).statusCode,
    ).toBe(201);
    const calendars = await t.inject({
      method: "PUT",
      url: "/api/v1/calendars",
      payload: {
        document: {
          calendars: [
            {
              id: "emea-office",
              name: "EMEA office hours",
              timezone: "Europe/Berlin",
              hours: { mon: [["09:00", "17:00"]] },
              holidays: [],
            },
          ],
        },
      },
    });
    expect(calendars.statusCode, calendars.body).toBe(200);
  });
  afterAll(() => t.close());

  it("answers the empty default, then saves versions", async () => {
    expect((await t.inject(URL)).json()).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: { policies: [] },
    });
    const saved = await put({ policies: [policy()] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: { policies: [policy()] } });
    expect((await t.inject(`${URL}/versions`)).json().items).toHaveLength(1);
  });

  it.each([
    ["an unknown calendar", { calendarId: "nowhere" }, "body.document.policies.0.calendarId"],
    [
      "business time without a calendar",
      { calendarId: undefined },
      "body.document.policies.0.calendarId",
    ],
    ["duplicate ids", "duplicate", "body.document.policies.1.id"],
    [
      "steps out of order",
      { steps: [...policy().steps].reverse() },
      "body.document.policies.0.steps.1",
    ],
    [
      "a negative delay",
      { steps: [{ ...policy().steps[0], afterMinutes: -5 }] },
      "body.document.policies.0.steps.0.afterMinutes",
    ],
    [
      "an escalate step without a level",
      { steps: [{ ...policy().steps[1], level: undefined }] },
      "body.document.policies.0.steps.0.level",
    ],
    [
      "a role step without a role",
      { steps: [{ ...policy().steps[0], to: { kind: "role" } }] },
      "body.document.policies.0.steps.0.to.role",
    ],
    [
      "an unknown user",
      { steps: [{ ...policy().steps[0], to: { kind: "user", user: "nobody" } }] },
      "body.document.policies.0.steps.0.to.user",
    ],
    [
      "an unknown team",
      { steps: [{ ...policy().steps[0], to: { kind: "team", team: "nowhere" } }] },
      "body.document.policies.0.steps.0.to.team",
    ],
    [
      "an unknown trigger",
      { steps: [{ ...policy().steps[0], trigger: "soon" }] },
      "body.document.policies.0.steps.0.trigger",
    ],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, change, field) => {
    const document =
      change === "duplicate"
        ? { policies: [policy(), policy({ position: 2 })] }
        : { policies: [policy(change as Record<string, unknown>)] };
    const response = await put(document);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
    expect((await t.inject(`${URL}/versions`)).json().items).toHaveLength(1);
    expect((await t.inject(URL)).json().version).toBe(1);
  });

  it("is read by every role with settings:read and changed only with settings:write", async () => {
    const agent = await t.as([{ role: "agent", teams: ["billing"], regions: [] }]);
    expect((await agent(URL)).statusCode).toBe(200);
    const refused = await agent({
      method: "PUT",
      url: URL,
      payload: { document: { policies: [] } },
    });
    expect(refused.statusCode).toBe(403);
  });
});
