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

const RULES = [
  {
    channel: "phone",
    require: ["callbackNumber"],
    patterns: { callbackNumber: "^\\+?[0-9 ()-]{6,}$" },
  },
  { categoryTop: "billing", require: ["accountId"] },
];

describe.each(STORE_KINDS)("intake rules API on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await send("POST", "/api/v1/teams", buildTeam())).statusCode).toBe(201);
    expect((await send("POST", "/api/v1/customers", buildCustomer())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("answers version 0 with no rules before any save", async () => {
    const current = await send("GET", "/api/v1/intake-rules");
    expect(current.statusCode).toBe(200);
    expect(current.json()).toEqual({ version: 0, rules: [], createdAt: null, createdBy: null });
    expect((await send("GET", "/api/v1/intake-rules/versions")).json()).toEqual({ items: [] });
  });

  it("saves versions, audited, and rejects a case that fails them naming every field", async () => {
    const first = await send("PUT", "/api/v1/intake-rules", { rules: [] });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    const saved = await send("PUT", "/api/v1/intake-rules", { rules: RULES });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, rules: RULES });
    expect((await send("GET", "/api/v1/intake-rules")).json()).toMatchObject({ version: 2 });
    const versions = (await send("GET", "/api/v1/intake-rules/versions")).json();
    expect(versions.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);

    const audit = (await send("GET", "/api/v1/audit?action=intake.rules_update")).json();
    expect(audit.items).toHaveLength(2);

    const eventsBefore = await countEvents(t.store.db);
    const rejected = await send(
      "POST",
      "/api/v1/cases",
      buildCase({ id: "case-phone", channel: "phone", category: "billing/refund" }),
    );
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().error).toMatchObject({
      code: "case.intake_invalid",
      field: "body.callbackNumber",
      errors: [
        { field: "body.callbackNumber", reason: "is required for phone cases" },
        { field: "body.accountId", reason: "is required for billing cases" },
      ],
    });
    expect(await countEvents(t.store.db)).toBe(eventsBefore);
    expect((await send("GET", "/api/v1/cases/case-phone")).statusCode).toBe(404);

    const viaEvents = await send("POST", "/api/v1/events", {
      type: "case.opened",
      at: new Date().toISOString(),
      case: "case-phone",
      customer: "cus-1",
      channel: "phone",
      category: "billing/refund",
      priority: "high",
      team: "billing",
      callbackNumber: "not a number",
      accountId: "acc-1",
    });
    expect(viaEvents.statusCode).toBe(422);
    expect(viaEvents.json().error.errors).toEqual([
      { field: "body.callbackNumber", reason: expect.stringContaining("must match") },
    ]);
    expect(await countEvents(t.store.db)).toBe(eventsBefore);

    const created = await send(
      "POST",
      "/api/v1/cases",
      buildCase({
        id: "case-phone",
        channel: "phone",
        category: "billing/refund",
        callbackNumber: "+44 20 7946 0000",
        accountId: "acc-1",
      }),
    );
    expect(created.statusCode).toBe(201);
    const events = (await send("GET", "/api/v1/cases/case-phone/events")).json();
    expect(events.items[0].data).toMatchObject({
      callbackNumber: "+44 20 7946 0000",
      accountId: "acc-1",
    });
  });

  it("lets only settings:write change the rules", async () => {
    const analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
    expect((await analyst({ url: "/api/v1/intake-rules" })).statusCode).toBe(200);
    const refused = await analyst({
      method: "PUT",
      url: "/api/v1/intake-rules",
      payload: { rules: [] },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("access.forbidden");
  });

  it("rejects a bad regular expression naming it, and saves nothing", async () => {
    const before = (await send("GET", "/api/v1/intake-rules")).json().version as number;
    const bad = await send("PUT", "/api/v1/intake-rules", {
      rules: [{ require: [], patterns: { callbackNumber: "([0-9" } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: "request.invalid",
      field: "body.rules.0.patterns.callbackNumber",
    });
    expect((await send("GET", "/api/v1/intake-rules")).json().version).toBe(before);
  });

  it("answers saves that race each other with 200 or 409, never a 500, and keeps versions dense", async () => {
    const before = (await send("GET", "/api/v1/intake-rules")).json().version as number;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send("PUT", "/api/v1/intake-rules", { rules: [] })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const saved = statuses.filter((status) => status === 200).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((a) => a.statusCode === 409)) {
      expect(answer.json().error.code).toBe("intake.version_conflict");
    }
    const versions = (await send("GET", "/api/v1/intake-rules/versions")).json().items as {
      version: number;
    }[];
    expect(versions[0]?.version).toBe(before + saved);
  });
});
