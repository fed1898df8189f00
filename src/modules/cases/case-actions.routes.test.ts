import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { readAuditHead } from "../audit/audit.repository.js";
import { countEvents } from "../events/event.repository.js";

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(STORE_KINDS)("case lifecycle endpoints on %s", (kind) => {
  let t: TestApp;
  const send = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    t.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  const openCase = async (id: string) => {
    const opened = await send("POST", "/api/v1/cases", buildCase({ id }));
    expect(opened.statusCode, opened.body).toBe(201);
  };

  /** Sends a request that must fail with `status`, writing neither an event nor an audit entry. */
  async function expectRefused(
    method: "PUT" | "POST",
    url: string,
    payload: object,
    status: number,
  ) {
    const events = await countEvents(t.store.db);
    const audit = (await readAuditHead(t.store.db)).seq;
    const refused = await send(method, url, payload);
    expect(refused.statusCode, refused.body).toBe(status);
    expect(await countEvents(t.store.db)).toBe(events);
    expect((await readAuditHead(t.store.db)).seq).toBe(audit);
    return refused.json().error;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await send("POST", "/api/v1/teams", buildTeam())).statusCode).toBe(201);
    expect((await send("POST", "/api/v1/customers", buildCustomer())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("moves a case through status, resolve, reopen, resolve and close, each answering the case", async () => {
    await openCase("walk");
    const pending = await send("POST", "/api/v1/cases/walk/status", { status: "pending_customer" });
    expect(pending.statusCode, pending.body).toBe(200);
    expect(pending.json()).toMatchObject({
      id: "walk",
      status: "pending_customer",
      links: [],
      mergedInto: null,
    });
    const resolved = await send("POST", "/api/v1/cases/walk/resolve", {
      rootCause: "billing-error",
    });
    expect(resolved.json()).toMatchObject({ status: "resolved", rootCause: "billing-error" });
    const reopened = await send("POST", "/api/v1/cases/walk/reopen");
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: "open", reopenCount: 1, resolvedAt: null });
    expect((await send("POST", "/api/v1/cases/walk/resolve")).json().status).toBe("resolved");
    const closed = await send("POST", "/api/v1/cases/walk/close", { reason: "confirmed" });
    expect(closed.json()).toMatchObject({ status: "closed" });
    expect(closed.json().teamTimes).toEqual([
      {
        team: "billing",
        startedAt: expect.any(String),
        endedAt: closed.json().resolvedAt,
        minutes: expect.any(Number),
      },
    ]);
    const types = (await send("GET", "/api/v1/cases/walk/events"))
      .json()
      .items.map((event: { type: string }) => event.type);
    expect(types).toEqual([
      "case.opened",
      "case.status",
      "case.resolved",
      "case.reopened",
      "case.resolved",
      "case.closed",
    ]);
    const audit = (await send("GET", "/api/v1/audit?action=case.reopen")).json();
    expect(audit.items?.[0]).toMatchObject({ action: "case.reopen", targetId: "walk" });
  });

  it("answers 409 naming the current state to every transition from closed, writing nothing", async () => {
    await openCase("shut");
    await send("POST", "/api/v1/cases/shut/resolve", {});
    await send("POST", "/api/v1/cases/shut/close", {});
    for (const [action, body, needs] of [
      ["status", { status: "open" }, "new, open, pending_customer or pending_internal"],
      ["resolve", {}, "new, open, pending_customer or pending_internal"],
      ["reopen", {}, "resolved within 14 days"],
      ["close", {}, "resolved"],
    ] as const) {
      const error = await expectRefused("POST", `/api/v1/cases/shut/${action}`, body, 409);
      expect(error).toMatchObject({ code: "case.invalid_transition" });
      expect(error.message).toMatch(
        new RegExp(`^case "shut" is closed; case\\.\\w+ needs ${needs}$`),
      );
    }
  });

  it("answers 409 to closing an unresolved case and 400/404 to bad input", async () => {
    await openCase("fresh");
    expect(await expectRefused("POST", "/api/v1/cases/fresh/close", {}, 409)).toMatchObject({
      message: 'case "fresh" is new; case.closed needs resolved',
    });
    expect(
      await expectRefused("POST", "/api/v1/cases/fresh/status", { status: "resolved" }, 400),
    ).toMatchObject({ code: "request.invalid", field: "body.status" });
    expect(
      await expectRefused("POST", "/api/v1/cases/nope/status", { status: "open" }, 404),
    ).toMatchObject({ code: "case.not_found" });
  });

  it("takes the reopen window from the case rules", async () => {
    const rules = await send("GET", "/api/v1/case-rules");
    expect(rules.json()).toEqual({
      version: 0,
      createdAt: null,
      createdBy: null,
      document: { reopenWindowDays: 14, recontactWindowDays: 7 },
    });
    expect(
      await expectRefused(
        "PUT",
        "/api/v1/case-rules",
        { document: { reopenWindowDays: 0, recontactWindowDays: 7 } },
        400,
      ),
    ).toMatchObject({ field: "body.document.reopenWindowDays" });
    expect(
      await expectRefused(
        "PUT",
        "/api/v1/case-rules",
        { document: { reopenWindowDays: 14, recontactWindowDays: 366 } },
        400,
      ),
    ).toMatchObject({ field: "body.document.recontactWindowDays" });

    // Resolved 2 days 23 hours ago: inside the default 14 days, outside a 2-day window.
    const resolvedAt = new Date(Date.now() - 3 * DAY_MS + 60 * 60 * 1000).toISOString();
    const opened = await send("POST", "/api/v1/events", {
      type: "case.opened",
      at: new Date(Date.now() - 4 * DAY_MS).toISOString(),
      case: "late",
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "normal",
      team: "billing",
    });
    expect(opened.statusCode).toBe(201);
    await send("POST", "/api/v1/events", { type: "case.resolved", at: resolvedAt, case: "late" });
    const saved = await send("PUT", "/api/v1/case-rules", {
      baseVersion: 0,
      document: { reopenWindowDays: 2, recontactWindowDays: 7 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, createdBy: expect.stringMatching(/^user:/) });
    expect(await expectRefused("POST", "/api/v1/cases/late/reopen", {}, 409)).toMatchObject({
      message:
        'case "late" has been resolved for 3 days; case.reopened needs resolved within 2 days',
    });
    await send("PUT", "/api/v1/case-rules", {
      document: { reopenWindowDays: 4, recontactWindowDays: 7 },
    });
    expect((await send("POST", "/api/v1/cases/late/reopen")).json().status).toBe("open");
    expect((await send("GET", "/api/v1/case-rules/versions")).json().items).toHaveLength(2);
  });
});
