/**
 * Alerts end to end on a real store: a history of case openings recorded in the past, alert
 * rules saved through the API, the alerts job run at chosen instants, and what it leaves behind:
 * alert events and rows, notifications, webhook deliveries, the API's answers.
 *
 * The history: a team and a customer are described at T0 (a Monday), nothing happens for three
 * weeks, then on day 22 six cases open in each of the hours 10:00, 11:00 and 12:00. The rule
 * judges case volume per hour against the same hour of the last three weeks (0, 0, 0: mean 0,
 * spread √1 = 1 for a count, z-score 3, at least 2 cases) so the band is [0, 3]: six cases are
 * out of range, and two such hours in a row open an alert; two hours back in range end it.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { recordChecked } from "../../../test/support/record.js";
import { createTestStore, STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { streamEventData } from "../events/event.repository.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { importEvents } from "../events/event-import.js";
import { listNotificationsOfEvents } from "../notifications/notification.repository.js";
import { listUsers } from "../users/user.repository.js";
import {
  deliverDueWebhooks,
  enqueueWebhookDeliveries,
  SETTLE_MS,
} from "../webhooks/webhook.service.js";
import type { Alert } from "./alert.js";
import { listAlerts } from "./alert.repository.js";
import { runAlerts } from "./alert-runner.service.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2); // Monday 2 March 2026
const SPIKE_DAY = T0 + 22 * DAY; // Tuesday 24 March
const at = (hour: number, minute = 0) => SPIKE_DAY + hour * HOUR + minute * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const SECRET = "alert-hook-secret-0123456789";
const RUN_START = at(10);
const ALERT_ID = `alert:volume:all:${iso(RUN_START)}`;
const url = (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}`;

const VOLUME_RULE = {
  id: "volume",
  name: "Case volume above the usual",
  metric: "casesOpened",
  dim: "all",
  kind: "baseline",
  bucket: "hour",
  direction: "up",
  zScore: 3,
  minDelta: 2,
  consecutive: 2,
  recovery: 2,
  weeks: 3,
  severity: "critical",
};

function openings(prefix: string, hour: number, count: number): ThroughlineEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    type: "case.opened" as const,
    id: `${prefix}-${index}`,
    at: iso(at(hour, 5 + index)),
    case: `${prefix}-${index}`,
    customer: "cus-1",
    channel: "email" as const,
    category: "billing/refund",
    priority: "normal" as const,
    team: "billing",
  }));
}

/** A receiver that checks signatures as a customer's would. */
async function startReceiver() {
  const received: { body: string; event: string; signatureValid: boolean }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(request.headers["x-throughline-timestamp"]);
      const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex")}`;
      received.push({
        body,
        event: String(request.headers["x-throughline-event"]),
        signatureValid: request.headers["x-throughline-signature"] === expected,
      });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(STORE_KINDS)("alerts on %s", (kind) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let analyst: Awaited<ReturnType<TestApp["as"]>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    receiver = await startReceiver();
    await recordChecked(t.store.db, [
      { type: "team.upserted", id: "team", at: iso(T0), team: "billing", name: "Billing" },
      {
        type: "customer.upserted",
        id: "customer",
        at: iso(T0),
        customer: "cus-1",
        tier: "gold",
        segment: "smb",
        region: "emea",
      },
      ...openings("spike-10", 10, 6),
      ...openings("spike-11", 11, 6),
      ...openings("spike-12", 12, 6),
    ]);
    // Who hears about a workspace-wide alert: admins and unrestricted managers and leads.
    await t.as([{ role: "ops_manager", teams: [], regions: [] }], "manager@test.local");
    await t.as([{ role: "team_lead", teams: ["billing"], regions: [] }], "lead@test.local");
    analyst = await t.as([{ role: "analyst", teams: [], regions: [] }], "analyst@test.local");
    const hooks = await t.inject({
      method: "PUT",
      url: "/api/v1/webhooks",
      payload: {
        document: {
          endpoints: [
            {
              id: "alerts-bus",
              url: receiver.url,
              secret: SECRET,
              events: ["alert.raised", "alert.resolved"],
            },
          ],
        },
      },
    });
    expect(hooks.statusCode, hooks.body).toBe(200);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it("serves the default rules until an admin saves others, and refuses bad rules naming the field", async () => {
    const defaults = (await t.inject("/api/v1/alert-rules")).json();
    expect(defaults.version).toBe(0);
    expect(defaults.document.rules.map((rule: { id: string }) => rule.id)).toEqual([
      "case-volume",
      "category-volume",
      "backlog-growth",
      "first-response-slow",
      "csat-drop",
      "reopen-rise",
      "recontact-rise",
    ]);
    const cases: [string, Record<string, unknown>, string][] = [
      ["an unknown metric", { metric: "happiness" }, "body.document.rules.0.metric"],
      ["an unknown dimension", { dim: "planet" }, "body.document.rules.0.dim"],
      ["a key with dim all", { key: "billing" }, "body.document.rules.0.key"],
      [
        "a threshold rule without its limit",
        { kind: "threshold", direction: "up", zScore: null },
        "body.document.rules.0.above",
      ],
      ["a baseline rule with a limit", { above: 10 }, "body.document.rules.0.above"],
      ["too few weeks", { weeks: 2 }, "body.document.rules.0.weeks"],
      ["a role that cannot read metrics", { notify: ["agent"] }, "body.document.rules.0.notify.0"],
      ["a minimum volume on a count", { minVolume: 10 }, "body.document.rules.0.minVolume"],
      ["a bad id", { id: "no spaces" }, "body.document.rules.0.id"],
    ];
    for (const [name, change, field] of cases) {
      const response = await t.inject({
        method: "PUT",
        url: "/api/v1/alert-rules",
        payload: { document: { rules: [{ ...VOLUME_RULE, ...change }] } },
      });
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error, name).toMatchObject({ code: "request.invalid", field });
    }
    const twice = await t.inject({
      method: "PUT",
      url: "/api/v1/alert-rules",
      payload: { document: { rules: [VOLUME_RULE, VOLUME_RULE] } },
    });
    expect(twice.json().error.field).toBe("body.document.rules.1.id");
    expect((await t.inject("/api/v1/alert-rules/versions")).json().items).toEqual([]);

    const saved = await t.inject({
      method: "PUT",
      url: "/api/v1/alert-rules",
      payload: { baseVersion: 0, document: { rules: [VOLUME_RULE] } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Saved with every default filled in.
    expect(saved.json().document.rules[0]).toMatchObject({
      ...VOLUME_RULE,
      enabled: true,
      key: null,
      delayHours: 0,
      percent: null,
      minVolume: 0,
      notify: ["admin", "ops_manager", "team_lead"],
    });
  });

  it("raises exactly one alert for a spike, keeps it deduplicated, and resolves it on recovery", async () => {
    const db = t.store.db;
    // First run: the whole history up to 10:00 (three weeks of quiet hours), nothing to raise.
    expect(await runAlerts(db, { now: at(10, 30) })).toMatchObject({
      evaluatedUpTo: at(10),
      raised: 0,
      resolved: 0,
    });
    // 10:00 is out of range, but one hour is not two.
    expect(await runAlerts(db, { now: at(11, 30) })).toMatchObject({ raised: 0 });
    // 11:00 is the second hour in a row: raised, named after the first.
    const raised = await runAlerts(db, { now: at(12, 30) });
    expect(raised).toMatchObject({ evaluatedUpTo: at(12), raised: 1, resolved: 0 });
    // The same hour again, and a run that finds nothing new: nothing more.
    expect(await runAlerts(db, { now: at(12, 45) })).toMatchObject({ raised: 0, skipped: true });
    // 12:00 is still out of range: the open alert covers it, no second alert.
    expect(await runAlerts(db, { now: at(13, 30) })).toMatchObject({ raised: 0, resolved: 0 });
    // 13:00 in range (one), 14:00 in range (two): resolved.
    expect(await runAlerts(db, { now: at(14, 30) })).toMatchObject({ raised: 0, resolved: 0 });
    expect(await runAlerts(db, { now: at(15, 30) })).toMatchObject({ raised: 0, resolved: 1 });
    expect(await runAlerts(db, { now: at(15, 50) })).toMatchObject({ raised: 0, resolved: 0 });

    const events = (await t.inject("/api/v1/events?type=alert.raised")).json().items;
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      id: ALERT_ID,
      type: "alert.raised",
      at: iso(at(12)),
      alert: ALERT_ID,
      rule: "volume",
      metric: "casesOpened",
      dim: "all",
      key: "all",
      bucket: "hour",
      bucketStart: iso(RUN_START),
      direction: "up",
      severity: "critical",
      value: 6,
      expected: 0,
      lower: 0,
      upper: 3,
      link: `/api/v1/metrics/cases?metric=casesOpened&from=${encodeURIComponent(iso(at(10)))}&to=${encodeURIComponent(iso(at(12)))}`,
    });
    const resolved = (await t.inject("/api/v1/events?type=alert.resolved")).json().items;
    expect(resolved.map((event: { data: unknown }) => event.data)).toEqual([
      {
        id: `${ALERT_ID}:resolved`,
        type: "alert.resolved",
        at: iso(at(15)),
        alert: ALERT_ID,
        rule: "volume",
        metric: "casesOpened",
        dim: "all",
        key: "all",
        reason: "recovered",
        value: 0,
        expected: 0,
        lower: 0,
        upper: 3,
      },
    ]);

    const alert = await t.inject(url(ALERT_ID));
    expect(alert.statusCode, alert.body).toBe(200);
    expect(alert.json()).toMatchObject({
      id: ALERT_ID,
      rule: "volume",
      state: "resolved",
      bucketStart: iso(RUN_START),
      raisedAt: iso(at(12)),
      resolvedAt: iso(at(15)),
      resolveReason: "recovered",
      resolvedValue: 0,
      value: 6,
      acknowledgedAt: null,
    });
    // The link lists the cases behind the value.
    const link = await t.inject(alert.json().link);
    expect(link.statusCode, link.body).toBe(200);
    expect(JSON.stringify(link.json())).toContain("spike-10-0");
  });

  it("notifies admins and unrestricted managers and leads, not team-scoped leads or analysts", async () => {
    const users = new Map((await listUsers(t.store.db)).map((user) => [user.id, user.email]));
    const notifications = await listNotificationsOfEvents(t.store.db, [
      ALERT_ID,
      `${ALERT_ID}:resolved`,
    ]);
    const told = notifications.map(
      (notification) => `${notification.kind} ${users.get(notification.userId)}`,
    );
    expect(told.sort()).toEqual([
      "alert.raised admin@test.local",
      "alert.raised manager@test.local",
      "alert.resolved admin@test.local",
      "alert.resolved manager@test.local",
    ]);
    const raised = notifications.find((notification) => notification.kind === "alert.raised");
    expect(raised).toMatchObject({
      caseId: null,
      title: "Case volume above the usual: all cases",
      readAt: null,
    });
    expect(raised?.body).toContain("casesOpened was 6 (expected 0, range 0 to 3)");
    const inbox = (await t.inject("/api/v1/notifications")).json();
    expect(inbox.items.map((item: { kind: string }) => item.kind)).toEqual(
      expect.arrayContaining(["alert.raised", "alert.resolved"]),
    );
  });

  it("delivers alert.raised and alert.resolved signed to subscribed webhooks", async () => {
    const now = Date.now() + SETTLE_MS + 1_000;
    expect((await enqueueWebhookDeliveries(t.store.db, { now })).queued).toBe(2);
    expect(await deliverDueWebhooks(t.store.db, { now })).toEqual({
      delivered: 2,
      retrying: 0,
      failed: 0,
    });
    expect(receiver.received.map((request) => request.event).sort()).toEqual([
      "alert.raised",
      "alert.resolved",
    ]);
    for (const request of receiver.received) {
      expect(request.signatureValid).toBe(true);
      expect(JSON.parse(request.body)).toMatchObject({ alert: ALERT_ID, metric: "casesOpened" });
    }
  });

  it("lists, shows and acknowledges alerts; refuses the unknown and the unauthorised", async () => {
    const list = (await t.inject("/api/v1/alerts?state=resolved")).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([ALERT_ID]);
    expect((await t.inject("/api/v1/alerts?state=open")).json().items).toEqual([]);
    expect((await analyst("/api/v1/alerts")).json().items).toHaveLength(1);

    const refused = await analyst({ method: "POST", url: `${url(ALERT_ID)}/acknowledge` });
    expect(refused.statusCode).toBe(403);
    const acknowledged = await t.inject({ method: "POST", url: `${url(ALERT_ID)}/acknowledge` });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const first = acknowledged.json().acknowledgedAt;
    expect(first).not.toBeNull();
    expect(acknowledged.json().acknowledgedBy).toMatch(/^user:/);
    const again = await t.inject({ method: "POST", url: `${url(ALERT_ID)}/acknowledge` });
    expect(again.json().acknowledgedAt).toBe(first);

    const missing = await t.inject(url("alert:nope:all:2026-01-01T00:00:00.000Z"));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: "alert.not_found", field: "params.id" });
    const badState = await t.inject("/api/v1/alerts?state=sleeping");
    expect(badState.json().error).toMatchObject({
      code: "request.invalid",
      field: "querystring.state",
    });
    const badCursor = await t.inject("/api/v1/alerts?cursor=not-a-cursor");
    expect(badCursor.json().error.code).toBe("request.invalid_cursor");
  });

  it("refuses alert events from callers: only the alerts job records them", async () => {
    const response = await t.inject({
      method: "POST",
      url: "/api/v1/events",
      payload: {
        type: "alert.resolved",
        at: iso(at(16)),
        alert: ALERT_ID,
        rule: "volume",
        metric: "casesOpened",
        dim: "all",
        key: "all",
        reason: "recovered",
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: "access.forbidden", field: "body.type" });
  });

  it("serves the baseline band the rule judges by, bucket by bucket", async () => {
    const response = await t.inject(
      `/api/v1/alerts/baseline?metric=casesOpened&dim=all&from=${iso(at(9))}&to=${iso(at(14))}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      metric: "casesOpened",
      dim: "all",
      key: "all",
      bucket: "hour",
      rule: "volume",
      points: [9, 10, 11, 12, 13].map((hour) => ({
        at: iso(at(hour)),
        expected: 0,
        lower: 0,
        upper: 3,
        value: hour >= 10 && hour <= 12 ? 6 : 0,
      })),
    });
    // Three weeks before, no history: no band, values still shown.
    const early = (
      await t.inject(
        `/api/v1/alerts/baseline?from=${iso(T0 + 10 * HOUR)}&to=${iso(T0 + 11 * HOUR)}`,
      )
    ).json();
    expect(early.points).toEqual([
      { at: iso(T0 + 10 * HOUR), expected: null, lower: null, upper: null, value: 0 },
    ]);
  });

  it.each([
    ["metric=happiness", "querystring.metric", "request.invalid"],
    ["dim=planet", "querystring.dim", "request.invalid"],
    ["dim=team", "querystring.key", "request.invalid"],
    ["dim=all&key=billing", "querystring.key", "request.invalid"],
    ["from=yesterday", "querystring.from", "request.invalid"],
    ["to=2026-03-24", "querystring.to", "request.invalid"],
    ["from=2026-03-24T12:00:00Z&to=2026-03-24T10:00:00Z", "querystring.from", "request.invalid"],
    [
      "from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z",
      "querystring.to",
      "metrics.period_too_long",
    ],
    ["rule=nope", "querystring.rule", "request.invalid"],
    ["rule=volume&metric=csat", "querystring.rule", "request.invalid"],
  ])("refuses the baseline query %s naming %s", async (query, field, code) => {
    const response = await t.inject(`/api/v1/alerts/baseline?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code, field });
  });

  it("opens an alert from events that arrive late for hours already judged", async () => {
    const db = t.store.db;
    // 16:00–18:00 were judged quiet at 19:30.
    expect(await runAlerts(db, { now: at(19, 30) })).toMatchObject({ raised: 0 });
    // Then a late import fills 17:00 and 18:00: the next run looks again and raises.
    await recordChecked(t.store.db, [...openings("late-17", 17, 6), ...openings("late-18", 18, 6)]);
    const late = await runAlerts(db, { now: at(19, 40) });
    expect(late).toMatchObject({ raised: 1, skipped: false });
    const open = (await t.inject("/api/v1/alerts?state=open")).json().items;
    expect(open).toMatchObject([
      { id: `alert:volume:all:${iso(at(17))}`, bucketStart: iso(at(17)), raisedAt: iso(at(19)) },
    ]);
    expect(await runAlerts(db, { now: at(19, 50) })).toMatchObject({ raised: 0 });
  });

  it("ends open alerts when their rule is removed", async () => {
    const current = (await t.inject("/api/v1/alert-rules")).json();
    const saved = await t.inject({
      method: "PUT",
      url: "/api/v1/alert-rules",
      payload: {
        baseVersion: current.version,
        document: { rules: [{ ...VOLUME_RULE, enabled: false }] },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await runAlerts(t.store.db, { now: at(20, 0) })).toMatchObject({ resolved: 1 });
    const ended = (await t.inject(url(`alert:volume:all:${iso(at(17))}`))).json();
    expect(ended).toMatchObject({
      state: "resolved",
      resolveReason: "rule_removed",
      resolvedValue: null,
    });
    expect((await t.inject("/api/v1/alerts?state=open")).json().items).toEqual([]);
  });

  it("brings alerts back from an exported log imported into another store", async () => {
    const lines: string[] = [];
    for await (const line of streamEventData(t.store.db, {})) lines.push(line);
    const other = await createTestStore(kind);
    try {
      const report = await importEvents(other.db, lines, {
        skipInvalid: false,
        strict: false,
        actor: SYSTEM_ACTORS.cli,
      });
      expect(report, JSON.stringify(report.errors)).toMatchObject({ invalid: 0, written: true });
      const restored = await listAlerts(other.db, { limit: 10 });
      const original = await listAlerts(t.store.db, { limit: 10 });
      const strip = (alert: Alert) => ({ ...alert, acknowledgedAt: null, acknowledgedBy: null });
      expect(restored).toEqual(original.map(strip));
      expect(restored.map((alert) => [alert.state, alert.resolveReason])).toEqual([
        ["resolved", "rule_removed"],
        ["resolved", "recovered"],
      ]);
    } finally {
      await other.dispose();
    }
  });
});
