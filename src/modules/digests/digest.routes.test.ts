import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { importExportHistory } from "../../../test/support/export-history.js";
import {
  bodyOf,
  headerOf,
  startSmtpReceiver,
  startWebhookReceiver,
} from "../../../test/support/receivers.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { latestRunAtOrBefore } from "./digest-schedule.js";

const URL = "/api/v1/digests";
const SECRET = "digest-secret-of-16+";
const FROM = "Throughline Digests <digests@throughline.test>";
const METRICS = [
  "casesOpened",
  "casesResolved",
  "firstResponseMedianMinutes",
  "slaFirstResponseAttainment",
  "backlog",
  "ahtMinutes",
  "csat",
];

/**
 * The digests of Monday 2026-03-02 in Berlin ([03-01T23:00Z, 03-02T23:00Z)), from the history in
 * test/support/export-history.ts, worked out by hand:
 * - all teams: opened case-1 and case-2 (2); first resolved case-0 08:00 and case-1 11:00 (2);
 *   first responses 30 and 75 min (median 52.5); SLA case-1 met, case-2 missed (0.5); backlog at
 *   23:00Z case-2 and case-6 (2); worked 600 s (case-1) + 1,200 s (case-2) over 2 cases (15 min);
 *   CSAT one answer of 5 that day (100; the 4 came on the 3rd).
 * - team billing: both opened there (2), both resolutions there (2), 52.5 min, 0.5; backlog only
 *   case-6 (case-2 is with technical); worked only case-1's 600 s (10 min); CSAT 100.
 * - the day before, Sunday 03-01: nothing opened or resolved; backlog case-0 and case-6 (2).
 */
const ALL_TEAMS_MONDAY = {
  casesOpened: 2,
  casesResolved: 2,
  firstResponseMedianMinutes: 52.5,
  slaFirstResponseAttainment: 0.5,
  backlog: 2,
  ahtMinutes: 15,
  csat: 100,
};

describe.each(STORE_KINDS)("digests API on %s", (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const put = (document: unknown, baseVersion?: number) =>
    t.inject({
      method: "PUT",
      url: URL,
      payload: { document, ...(baseVersion === undefined ? {} : { baseVersion }) } as object,
    });
  const schedule = (overrides: Record<string, unknown> = {}) => ({
    name: "billing-daily",
    cadence: "daily",
    hour: 8,
    timezone: "Europe/Berlin",
    team: "billing",
    metrics: METRICS,
    emails: ["lead@example.com", "ops@example.com"],
    ...overrides,
  });

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver(SECRET);
    t = await createTestApp(kind, { smtpUrl: smtp.url, smtpFrom: FROM });
    await importExportHistory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hooks.close();
  });

  it.each([
    ["an unknown team", { team: "nobody" }, "body.document.schedules.0.team"],
    ["an unknown time zone", { timezone: "Europe/Atlantis" }, "body.document.schedules.0.timezone"],
    ["a weekly digest without weekday", { cadence: "weekly" }, "body.document.schedules.0.weekday"],
    ["an unknown KPI", { metrics: ["happiness"] }, "body.document.schedules.0.metrics.0"],
    ["a bad address", { emails: ["lead-at-example.com"] }, "body.document.schedules.0.emails.0"],
    ["no recipient", { emails: [] }, "body.document.schedules.0.emails"],
    ["a name with spaces", { name: "billing daily" }, "body.document.schedules.0.name"],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, change, field) => {
    const response = await put({ schedules: [schedule(change)] });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field });
    expect((await t.inject(`${URL}/versions`)).json().items).toEqual([]);
  });

  it("saves digests with defaults and keeps webhook secrets write-only", async () => {
    const saved = await put({
      schedules: [
        schedule(),
        schedule({
          name: "all-daily",
          team: null,
          emails: [],
          webhook: { url: hooks.url, secret: SECRET },
        }),
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (await t.inject(URL)).json();
    expect(read.version).toBe(1);
    expect(read.document.schedules[0]).toEqual({
      ...schedule(),
      weekday: null,
      webhook: null,
      active: true,
    });
    expect(read.document.schedules[1].webhook).toEqual({ url: hooks.url, secret: "••••" });
    const resent = await put(read.document, read.version);
    expect(resent.statusCode, resent.body).toBe(200);
    const audit = await t.inject("/api/v1/audit?limit=200");
    expect(audit.body).toContain("all-daily");
    expect(audit.body).not.toContain(SECRET);
    expect(JSON.stringify((await t.inject(`${URL}/versions`)).json())).not.toContain(SECRET);
  });

  it("mails a team's digest now: subject, recipients, text and HTML with the day's figures", async () => {
    const response = await t.inject({
      method: "POST",
      url: `${URL}/billing-daily/send`,
      payload: { at: "2026-03-03T07:30:00Z" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      digest: "billing-daily",
      period: {
        from: "2026-03-01T23:00:00.000Z",
        to: "2026-03-02T23:00:00.000Z",
        firstDay: "2026-03-02",
        lastDay: "2026-03-02",
      },
      email: { status: "sent", error: null, recipients: ["lead@example.com", "ops@example.com"] },
      webhook: { status: "skipped", error: null },
    });
    expect(report.content.rows).toEqual([
      {
        key: "billing",
        values: { ...ALL_TEAMS_MONDAY, backlog: 1, ahtMinutes: 10 },
        previous: {
          casesOpened: 0,
          casesResolved: 0,
          firstResponseMedianMinutes: null,
          slaFirstResponseAttainment: null,
          backlog: 2,
          ahtMinutes: null,
          csat: null,
        },
      },
    ]);

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.from).toBe("digests@throughline.test");
    expect(mail?.to).toEqual(["lead@example.com", "ops@example.com"]);
    const raw = mail?.raw ?? "";
    expect(headerOf(raw, "subject")).toBe(
      "[Throughline] Daily digest billing-daily: team billing, 2026-03-02",
    );
    expect(headerOf(raw, "to")).toBe("lead@example.com, ops@example.com");
    const text = bodyOf(raw, "text/plain");
    expect(text).toContain("Team billing, 2026-03-02 (Europe/Berlin)");
    expect(text).toMatch(/Cases opened\s+2\s+previous day: 0 \(\+2\)/);
    expect(text).toMatch(/First response, median\s+52\.5 min\s+previous day: –\n/);
    expect(text).toMatch(/First-response SLA attainment\s+50\.0 %/);
    // case-0 left the backlog on Monday morning: 2 on Sunday night, 1 on Monday night.
    expect(text).toMatch(/Backlog at period end\s+1\s+previous day: 2 \(−1\)/);
    expect(text).toMatch(/Average handling time\s+10\.0 min/);
    expect(text).toMatch(/CSAT\s+100\.0/);
    const html = bodyOf(raw, "text/html");
    expect(html).toContain("<strong>52.5 min</strong>");
    expect(html).toContain("<strong>50.0 %</strong>");
  });

  it("posts an all-teams digest to the webhook, signed, with the full-precision rows", async () => {
    const response = await t.inject({
      method: "POST",
      url: `${URL}/all-daily/send`,
      payload: { at: "2026-03-03T07:30:00Z" },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      email: { status: "skipped", recipients: [] },
      webhook: { status: "sent", error: null },
    });
    expect(hooks.received).toHaveLength(1);
    const [hook] = hooks.received;
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.headers["x-throughline-event"]).toBe("digest");
    expect(hook?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(hook?.body ?? "{}");
    expect(body).toMatchObject({
      type: "digest",
      digest: "all-daily",
      cadence: "daily",
      timezone: "Europe/Berlin",
      team: null,
      period: { from: "2026-03-01T23:00:00.000Z", to: "2026-03-02T23:00:00.000Z" },
      previousPeriod: { from: "2026-02-28T23:00:00.000Z", to: "2026-03-01T23:00:00.000Z" },
      metrics: METRICS,
    });
    const keys = body.rows.map((row: { key: string }) => row.key);
    expect(keys[0]).toBe("all");
    expect(keys).toContain("billing");
    expect(body.rows[0].values).toEqual(ALL_TEAMS_MONDAY);
    // Technical on Monday: case-2 in its backlog at 23:00Z, its 1,200 s worked there.
    const technical = body.rows.find((row: { key: string }) => row.key === "technical");
    expect(technical.values).toMatchObject({ backlog: 1, ahtMinutes: 20 });
    // Nothing was mailed for this digest.
    expect(smtp.mails).toHaveLength(1);
  });

  it("sends the latest scheduled run's digest when no instant is given", async () => {
    const timing = { cadence: "daily", hour: 8, weekday: null, timezone: "Europe/Berlin" } as const;
    const before = latestRunAtOrBefore(timing, Date.now());
    const response = await t.inject({ method: "POST", url: `${URL}/billing-daily/send` });
    const after = latestRunAtOrBefore(timing, Date.now());
    expect(response.statusCode, response.body).toBe(200);
    const { period } = response.json();
    expect([before.lastDay, after.lastDay]).toContain(period.lastDay);
    expect([new Date(before.to).toISOString(), new Date(after.to).toISOString()]).toContain(
      period.to,
    );
  });

  it("answers 404 naming the digest when it does not exist", async () => {
    const response = await t.inject({ method: "POST", url: `${URL}/nobody/send`, payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: "digest.not_found", field: "params.name" });
  });

  it.each([
    ["a bad instant", { at: "last monday" }],
    ["a future instant", { at: "2099-01-01T00:00:00Z" }],
  ])("refuses %s to send at, naming body.at", async (_name, payload) => {
    const response = await t.inject({ method: "POST", url: `${URL}/billing-daily/send`, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "request.invalid", field: "body.at" });
  });

  it("lets only settings writers send", async () => {
    const analyst = await t.as([{ role: "analyst", teams: [], regions: [] }]);
    const response = await analyst({ method: "POST", url: `${URL}/billing-daily/send` });
    expect(response.statusCode).toBe(403);
  });
});
