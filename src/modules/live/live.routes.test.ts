import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../../../test/support/app.js";
import { openSse, type SseReader } from "../../../test/support/sse-client.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";

/** An hour ago, so that an API write can follow the recorded history (a reopen within days). */
const T0 = Date.now() - 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Two cases of one customer, opened and answered: five case events and the upserts before. */
function history(prefix: string): ThroughlineEvent[] {
  const opened = (id: string, at: number): ThroughlineEvent => ({
    type: "case.opened",
    at: iso(at),
    case: id,
    customer: `${prefix}-cus`,
    channel: "chat",
    category: "billing/refund",
    priority: "normal",
    team: `${prefix}-team`,
  });
  return [
    { type: "team.upserted", at: iso(T0), team: `${prefix}-team` },
    {
      type: "customer.upserted",
      at: iso(T0),
      customer: `${prefix}-cus`,
      tier: "gold",
      segment: "smb",
      region: "emea",
    },
    opened(`${prefix}-1`, T0 + 60_000),
    opened(`${prefix}-2`, T0 + 120_000),
    {
      type: "case.replied",
      at: iso(T0 + 180_000),
      case: `${prefix}-1`,
      by: "agent:someone",
      public: true,
    },
    { type: "case.resolved", at: iso(T0 + 240_000), case: `${prefix}-1` },
    { type: "case.resolved", at: iso(T0 + 300_000), case: `${prefix}-2` },
  ];
}

/** The error of a JSON error answer. */
async function errorOf(response: Response): Promise<{ code: string; field?: string }> {
  return ((await response.json()) as { error: { code: string; field?: string } }).error;
}

async function record(t: TestApp, events: ThroughlineEvent[]): Promise<void> {
  await recordEvents(
    t.store.db,
    events.map((event) => ({ event, atMs: Date.parse(event.at) })),
    { createMissing: true },
  );
}

describe.each(STORE_KINDS)("GET /api/v1/live on %s", (kind) => {
  let t: TestApp;
  let baseUrl = "";
  let token = "";
  const open: SseReader[] = [];

  async function connect(query = "", bearer = token): Promise<SseReader> {
    const reader = await openSse(`${baseUrl}/api/v1/live${query}`, {
      authorization: `Bearer ${bearer}`,
    });
    open.push(reader);
    return reader;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "admin@test.local", password: TEST_PASSWORD },
    });
    token = login.json().token as string;
  });

  afterAll(async () => {
    for (const reader of open) reader.close();
    await t.close();
  });

  it("refuses a caller without credentials (401) and one without metrics:read (403)", async () => {
    const anonymous = await fetch(`${baseUrl}/api/v1/live`);
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe("auth.required");

    await t.as([{ role: "agent", teams: [], regions: [] }], `agent-${kind}@test.local`);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: `agent-${kind}@test.local`, password: TEST_PASSWORD },
    });
    const agent = await fetch(`${baseUrl}/api/v1/live`, {
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(agent.status).toBe(403);
    expect((await errorOf(agent)).code).toBe("access.forbidden");
  });

  it("streams a summary of what another writer records, to every open stream", async () => {
    const first = await connect();
    const second = await connect();
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const ready = JSON.parse((await first.next("ready")).data);
    expect(ready).toEqual({ lastSeq: expect.any(Number), heartbeatMs: 15_000 });
    await second.next("ready");

    // Written straight to the store, as a CLI import in another process would.
    await record(t, history("a"));
    const changes = JSON.parse((await first.next("changes")).data);
    expect(changes).toEqual({
      types: {
        "team.upserted": 1,
        "customer.upserted": 1,
        "case.opened": 2,
        "case.replied": 1,
        "case.resolved": 2,
      },
      cases: 2,
      lastSeq: ready.lastSeq + 7,
    });
    expect(JSON.parse((await second.next("changes")).data)).toEqual(changes);

    // A write through the API arrives the same way, counted from where the last one ended.
    const reopen = await t.inject({ method: "POST", url: "/api/v1/cases/a-1/reopen", payload: {} });
    expect(reopen.statusCode, reopen.body).toBe(200);
    const after = JSON.parse((await first.next("changes")).data);
    expect(after.types["case.reopened"]).toBe(1);
    expect(after.cases).toBe(1);
    expect(after.lastSeq).toBeGreaterThan(changes.lastSeq);
  });

  it("forwards alerts whole, each to the callers whose scope covers its slice", async () => {
    await record(t, [{ type: "team.upserted", at: iso(T0), team: "b-team" }]);
    await t.as([{ role: "team_lead", teams: ["b-team"], regions: [] }], `lead-${kind}@test.local`);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: `lead-${kind}@test.local`, password: TEST_PASSWORD },
    });
    const admin = await connect();
    const lead = await connect("", login.json().token as string);
    await admin.next("ready");
    await lead.next("ready");

    const raised = (dim: string, key: string): ThroughlineEvent => ({
      type: "alert.raised",
      id: `alert:volume:${dim}=${key}:${iso(T0)}`,
      at: iso(T0 + 3_600_000),
      alert: `alert:volume:${dim}=${key}:${iso(T0)}`,
      rule: "volume",
      metric: "casesOpened",
      dim,
      key,
      bucket: "hour",
      bucketStart: iso(T0),
      direction: "up",
      severity: "warning",
      value: 40,
      expected: 12,
      lower: 4,
      upper: 20,
      link: `/api/v1/metrics/cases?metric=casesOpened&${dim}=${key}`,
    });
    await record(t, [raised("team", "b-team"), raised("channel", "chat")]);

    const changes = JSON.parse((await admin.next("changes")).data);
    expect(changes).toMatchObject({ types: { "alert.raised": 2 }, cases: 0 });
    const first = JSON.parse((await admin.next("alert.raised")).data);
    const second = JSON.parse((await admin.next("alert.raised")).data);
    expect([first.key, second.key]).toEqual(["b-team", "chat"]);
    expect(first).toMatchObject({ metric: "casesOpened", value: 40, expected: 12, upper: 20 });

    // The lead of b-team sees the alert on their team, not the one on all chats.
    expect(JSON.parse((await lead.next("changes")).data)).toEqual(changes);
    expect(JSON.parse((await lead.next("alert.raised")).data).key).toBe("b-team");
    await record(t, [
      {
        type: "alert.resolved",
        id: `resolved:${first.alert}`,
        at: iso(T0 + 7_200_000),
        alert: first.alert,
        rule: "volume",
        metric: "casesOpened",
        dim: "team",
        key: "b-team",
        reason: "recovered",
        value: 11,
      },
    ]);
    expect(JSON.parse((await lead.next("alert.resolved")).data)).toMatchObject({
      alert: first.alert,
      reason: "recovered",
    });
    const leadAlerts = lead.received.filter(
      (frame) => "event" in frame && frame.event.startsWith("alert."),
    );
    expect(leadAlerts).toHaveLength(2);
  });

  it("ends the stream after closeAfterMs with a closed event; HEAD answers headers only", async () => {
    const reader = await connect("?closeAfterMs=0");
    await reader.next("ready");
    expect(JSON.parse((await reader.next("closed")).data)).toEqual({ reason: "closeAfterMs" });
    await reader.ended;

    const head = await fetch(`${baseUrl}/api/v1/live`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");

    const bad = await fetch(`${baseUrl}/api/v1/live?closeAfterMs=-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("querystring.closeAfterMs");
  });
});

describe("GET /api/v1/live at shutdown", () => {
  it("ends open streams with a closed event, so the server stops without waiting for them", async () => {
    const t = await createTestApp("sqlite");
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "admin@test.local", password: TEST_PASSWORD },
    });
    const reader = await openSse(`${baseUrl}/api/v1/live`, {
      authorization: `Bearer ${login.json().token}`,
    });
    await reader.next("ready");
    const started = Date.now();
    await t.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(JSON.parse((await reader.next("closed")).data)).toEqual({ reason: "shutdown" });
    await reader.ended;
  });
});
