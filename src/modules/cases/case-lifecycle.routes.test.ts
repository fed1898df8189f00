import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomer,
  buildTeam,
  createTestApp,
  type TestApp,
} from "../../../test/support/app.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { readAuditHead } from "../audit/audit.repository.js";
import { countEvents } from "../events/event.repository.js";

describe.each(STORE_KINDS)("case lifecycle through the API on %s", (kind) => {
  let t: TestApp;
  const post = (url: string, payload: unknown) =>
    t.inject({ method: "POST", url, payload: payload as object });
  const record = (event: Record<string, unknown>) => post("/api/v1/events", event);
  const statusOf = async (caseId: string) =>
    (await t.inject(`/api/v1/cases/${caseId}`)).json().status as string;

  /** Opens `caseId` at `at` through the events endpoint and records `events` after it. */
  async function caseWith(caseId: string, at: string, events: Record<string, unknown>[]) {
    const opened = await record({
      type: "case.opened",
      at,
      case: caseId,
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "normal",
      team: "billing",
    });
    expect(opened.statusCode).toBe(201);
    for (const event of events) {
      const recorded = await record({ case: caseId, ...event });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
  }

  /** Posts `event` and checks it is a 409 that writes neither an event nor an audit entry. */
  async function expectRefused(event: Record<string, unknown>, message: string) {
    const eventsBefore = await countEvents(t.store.db);
    const auditBefore = (await readAuditHead(t.store.db)).seq;
    const refused = await record(event);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: { code: "case.invalid_transition", message, field: "body.type" },
    });
    expect(await countEvents(t.store.db)).toBe(eventsBefore);
    expect((await readAuditHead(t.store.db)).seq).toBe(auditBefore);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await post("/api/v1/teams", buildTeam())).statusCode).toBe(201);
    expect((await post("/api/v1/customers", buildCustomer())).statusCode).toBe(201);
    expect(
      (await post("/api/v1/agents", { id: "agt-1", team: "billing", name: "Grace" })).statusCode,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it("walks a case from new through open, pending and resolved to closed", async () => {
    await caseWith("walk", "2026-03-01T09:00:00Z", []);
    expect(await statusOf("walk")).toBe("new");
    await record({
      type: "case.assigned",
      at: "2026-03-01T09:05:00Z",
      case: "walk",
      agent: "agt-1",
    });
    expect(await statusOf("walk")).toBe("open");
    await record({
      type: "case.status",
      at: "2026-03-01T09:06:00Z",
      case: "walk",
      status: "pending_customer",
    });
    expect(await statusOf("walk")).toBe("pending_customer");
    await record({ type: "case.resolved", at: "2026-03-01T10:00:00Z", case: "walk" });
    expect(await statusOf("walk")).toBe("resolved");
    const closed = await record({
      type: "case.closed",
      at: "2026-03-08T10:00:00Z",
      case: "walk",
      reason: "customer confirmed",
    });
    expect(closed.statusCode).toBe(201);
    const fetched = (await t.inject("/api/v1/cases/walk")).json();
    expect(fetched).toMatchObject({ status: "closed", resolvedAt: "2026-03-01T10:00:00.000Z" });
    const events = (await t.inject("/api/v1/cases/walk/events")).json().items;
    expect(events.at(-1)).toMatchObject({
      type: "case.closed",
      data: { reason: "customer confirmed" },
    });
    const audit = (await t.inject("/api/v1/audit?action=case.close")).json();
    expect(audit.items?.[0]).toMatchObject({ action: "case.close", targetId: "walk" });
  });

  it("answers 409 to anything but a survey on a closed case, and writes nothing", async () => {
    await caseWith("shut", "2026-03-01T09:00:00Z", [
      { type: "case.resolved", at: "2026-03-01T10:00:00Z" },
      { type: "case.closed", at: "2026-03-02T10:00:00Z" },
    ]);
    await expectRefused(
      { type: "case.reopened", at: "2026-03-03T10:00:00Z", case: "shut" },
      'case "shut" is closed; case.reopened needs resolved within 14 days',
    );
    await expectRefused(
      { type: "case.status", at: "2026-03-03T10:00:00Z", case: "shut", status: "open" },
      'case "shut" is closed; case.status needs new, open, pending_customer or pending_internal',
    );
    await expectRefused(
      { type: "case.assigned", at: "2026-03-03T10:00:00Z", case: "shut", agent: "agt-1" },
      'case "shut" is closed; case.assigned needs new, open, pending_customer, pending_internal or resolved',
    );
    await expectRefused(
      { type: "case.closed", at: "2026-03-03T10:00:00Z", case: "shut" },
      'case "shut" is closed; case.closed needs resolved',
    );
    const survey = await record({
      type: "survey.answered",
      at: "2026-03-03T10:00:00Z",
      case: "shut",
      kind: "csat",
      score: 4,
    });
    expect(survey.statusCode).toBe(201);
    expect(await statusOf("shut")).toBe("closed");
  });

  it("answers 409 to a reopen outside the window, and reopens inside it", async () => {
    await caseWith("window", "2026-03-01T09:00:00Z", [
      { type: "case.resolved", at: "2026-03-01T10:00:00Z" },
    ]);
    await expectRefused(
      { type: "case.reopened", at: "2026-03-16T10:00:00Z", case: "window" },
      'case "window" has been resolved for 15 days; case.reopened needs resolved within 14 days',
    );
    expect(await statusOf("window")).toBe("resolved");
    const reopened = await record({
      type: "case.reopened",
      at: "2026-03-15T10:00:00Z",
      case: "window",
    });
    expect(reopened.statusCode).toBe(201);
    expect(await statusOf("window")).toBe("open");
  });

  it("answers 409 to a second resolution and to closing an unresolved case", async () => {
    await caseWith("twice", "2026-03-01T09:00:00Z", [
      { type: "case.resolved", at: "2026-03-01T10:00:00Z" },
    ]);
    await expectRefused(
      { type: "case.resolved", at: "2026-03-01T11:00:00Z", case: "twice" },
      'case "twice" is resolved; case.resolved needs new, open, pending_customer or pending_internal',
    );
    await caseWith("fresh", "2026-03-01T09:00:00Z", []);
    await expectRefused(
      { type: "case.closed", at: "2026-03-01T11:00:00Z", case: "fresh" },
      'case "fresh" is new; case.closed needs resolved',
    );
    await expectRefused(
      { type: "case.status", at: "2026-03-01T11:00:00Z", case: "twice", status: "open" },
      'case "twice" is resolved; case.status needs new, open, pending_customer or pending_internal',
    );
  });

  it("re-folds a case after a legal late event, and refuses one that makes its history illegal", async () => {
    await caseWith("late", "2026-03-01T09:00:00Z", [
      { type: "case.resolved", at: "2026-03-01T12:00:00Z" },
    ]);
    // Waiting on the customer before the resolution: legal, though the case is resolved now.
    const legal = await record({
      type: "case.status",
      at: "2026-03-01T10:00:00Z",
      case: "late",
      status: "pending_customer",
    });
    expect(legal.statusCode).toBe(201);
    expect(await statusOf("late")).toBe("resolved");

    // A resolution before the recorded one makes that one a second resolution.
    const eventsBefore = await countEvents(t.store.db);
    const illegal = await record({
      type: "case.resolved",
      at: "2026-03-01T11:00:00Z",
      case: "late",
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toMatchObject({
      code: "case.invalid_transition",
      field: "body.type",
      message: expect.stringMatching(
        /^case "late" is resolved; case.resolved needs .* \(at 2026-03-01T12:00:00.000Z, once the late event is in the case's history\)$/,
      ),
    });
    expect(await countEvents(t.store.db)).toBe(eventsBefore);
    expect((await t.inject("/api/v1/cases/late")).json()).toMatchObject({
      status: "resolved",
      resolvedAt: "2026-03-01T12:00:00.000Z",
    });
  });

  it("opens cases created through POST /cases as new", async () => {
    const created = await post("/api/v1/cases", {
      id: "via-service",
      customer: "cus-1",
      channel: "chat",
      category: "billing/refund",
      priority: "low",
      team: "billing",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe("new");
    const listed = await t.inject("/api/v1/cases?status=new");
    expect(listed.json().items.map((c: { id: string }) => c.id)).toContain("via-service");
  });
});
