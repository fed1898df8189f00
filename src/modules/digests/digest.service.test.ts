import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.js";
import { importExportHistory } from "../../../test/support/export-history.js";
import {
  bodyOf,
  headerOf,
  startSmtpReceiver,
  startWebhookReceiver,
} from "../../../test/support/receivers.js";
import { STORE_KINDS } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { readJobCursor } from "../../jobs/job-cursor.repository.js";
import { importEvents } from "../events/event-import.js";
import { DIGEST_CURSOR, runDigests, saveDigestSettings } from "./digest.service.js";
import { withDigestTables } from "./digest-run.table.js";
import type { DigestSchedule } from "./digest-settings.js";

const SECRET = "digest-secret-of-16+";
const at = (iso: string) => Date.parse(iso);

/**
 * The digest job on both stores, driven with explicit clocks: a daily digest at 08:00 in Berlin
 * (07:00Z in winter) is claimed once per local day across passes and processes, delivered by
 * email and webhook, and retried channel by channel.
 */
describe.each(STORE_KINDS)("digest job on %s", (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const delivery = () => ({ smtp: { url: smtp.url, from: "digests@throughline.test" } });

  function schedule(overrides: Partial<DigestSchedule> = {}): DigestSchedule {
    return {
      name: "ops-daily",
      cadence: "daily",
      hour: 8,
      weekday: null,
      timezone: "Europe/Berlin",
      team: null,
      metrics: ["casesOpened", "backlog"],
      emails: ["ops@example.com"],
      webhook: { url: hooks.url, secret: SECRET },
      active: true,
      ...overrides,
    };
  }

  async function save(schedules: DigestSchedule[], now: string) {
    await saveDigestSettings(
      t.store.db,
      SYSTEM_ACTORS.cli,
      { document: { schedules } },
      new Date(now),
    );
  }

  async function runs() {
    return withDigestTables(t.store.db)
      .selectFrom("digest_runs")
      .selectAll()
      .orderBy("period_from")
      .orderBy("schedule")
      .execute();
  }

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver(SECRET);
    t = await createTestApp(kind);
    await importExportHistory(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hooks.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    hooks.received.length = 0;
  });

  it("sends nothing for periods before the digest existed, then each period once", async () => {
    // Saved on Monday afternoon: Monday's 08:00 run is before the digest existed.
    await save([schedule()], "2026-03-02T13:00:00Z");
    expect(await readJobCursor(t.store.db, DIGEST_CURSOR)).toBe(at("2026-03-02T13:00:00Z"));
    expect(
      await runDigests(t.store.db, { ...delivery(), now: at("2026-03-03T06:59:00Z") }),
    ).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(0);

    // Tuesday 08:00 Berlin: Monday's digest.
    expect(
      await runDigests(t.store.db, { ...delivery(), now: at("2026-03-03T07:00:20Z") }),
    ).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    // The job's next pass in the same period, and a pass that lags behind: nothing more.
    expect(
      await runDigests(t.store.db, { ...delivery(), now: at("2026-03-03T07:01:20Z") }),
    ).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(
      await runDigests(t.store.db, { ...delivery(), now: at("2026-03-03T07:00:40Z") }),
    ).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
    const mail = smtp.mails[0]?.raw ?? "";
    expect(headerOf(mail, "subject")).toBe(
      "[Throughline] Daily digest ops-daily: all teams, 2026-03-02",
    );
    // Monday: case-1 and case-2 opened; case-2 and case-6 in the backlog at midnight Berlin.
    expect(bodyOf(mail, "text/plain")).toMatch(/Cases opened\s+2\s+previous day: 0 \(\+2\)/);
    expect(bodyOf(mail, "text/plain")).toMatch(
      /Backlog at period end\s+2\s+previous day: 2 \(±0\)/,
    );
    const hook = hooks.received[0];
    expect(hook?.signatureValid).toBe(true);
    expect(hook?.headers["x-throughline-delivery"]).toBe(
      `digest:ops-daily:${at("2026-03-01T23:00:00Z")}`,
    );
    expect(JSON.parse(hook?.body ?? "{}").rows[0]).toEqual({
      key: "all",
      values: { casesOpened: 2, backlog: 2 },
      previous: { casesOpened: 0, backlog: 2 },
    });
    expect(await runs()).toMatchObject([
      {
        schedule: "ops-daily",
        period_from: at("2026-03-01T23:00:00Z"),
        period_to: at("2026-03-02T23:00:00Z"),
        run_at: at("2026-03-03T07:00:00Z"),
        status: "sent",
        attempts: 1,
        email_sent_at: at("2026-03-03T07:00:20Z"),
        webhook_sent_at: at("2026-03-03T07:00:20Z"),
        sent_at: at("2026-03-03T07:00:20Z"),
      },
    ]);
  });

  it("sends a period once when two processes run the job at the same moment", async () => {
    const now = at("2026-03-04T07:00:10Z");
    const reports = await Promise.all([
      runDigests(t.store.db, { ...delivery(), now }),
      runDigests(t.store.db, { ...delivery(), now }),
      runDigests(t.store.db, { ...delivery(), now }),
    ]);
    expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
    expect(headerOf(smtp.mails[0]?.raw ?? "", "subject")).toMatch(/2026-03-03$/);
  });

  it("retries only the channel that failed, with backoff, sending the same content", async () => {
    hooks.statuses.push(500);
    const first = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-05T07:00:05Z") });
    expect(first).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
    const [pending] = (await runs()).filter((run) => run.status === "pending");
    expect(pending).toMatchObject({
      attempts: 1,
      email_sent_at: at("2026-03-05T07:00:05Z"),
      webhook_sent_at: null,
      last_error: "webhook: HTTP 500",
      // One minute after the first failure.
      next_attempt_at: at("2026-03-05T07:01:05Z"),
    });
    // Not due yet 30 s later.
    expect(
      await runDigests(t.store.db, { ...delivery(), now: at("2026-03-05T07:00:35Z") }),
    ).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    // A case opened that day, recorded late: the retry still sends the content of the first attempt.
    const late = await importEvents(
      t.store.db,
      [
        JSON.stringify({
          type: "case.opened",
          at: "2026-03-04T10:00:00Z",
          case: "case-late",
          customer: "cus-a",
          channel: "email",
          category: "billing/refund",
          priority: "normal",
          team: "billing",
        }),
      ],
      { skipInvalid: false, strict: false, actor: SYSTEM_ACTORS.cli },
    );
    expect(late.imported).toBe(1);
    // Due a minute later: the webhook goes, the email is not sent again.
    const second = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-05T07:01:10Z") });
    expect(second).toEqual({ claimed: 0, sent: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.received).toHaveLength(2);
    expect(hooks.received[1]?.body).toBe(hooks.received[0]?.body);
    expect(hooks.received[1]?.headers["x-throughline-delivery"]).toBe(
      hooks.received[0]?.headers["x-throughline-delivery"],
    );
  });

  it("keeps a run pending with the reason while no SMTP server is configured", async () => {
    const report = await runDigests(t.store.db, { smtp: null, now: at("2026-03-06T07:00:05Z") });
    expect(report).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const [pending] = (await runs()).filter((run) => run.status === "pending");
    expect(pending?.last_error).toBe("no SMTP server is configured (THROUGHLINE_SMTP_URL)");
    expect(pending?.webhook_sent_at).toBe(at("2026-03-06T07:00:05Z"));
    // Configured by the next attempt: only the email goes out.
    const retried = await runDigests(t.store.db, {
      ...delivery(),
      now: at("2026-03-06T07:01:05Z"),
    });
    expect(retried).toEqual({ claimed: 0, sent: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
  });

  it("lists the runs for settings writers, newest first", async () => {
    const response = await t.inject("/api/v1/digests/runs?digest=ops-daily&limit=2");
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.items.map((run: { periodFrom: string }) => run.periodFrom)).toEqual([
      "2026-03-04T23:00:00.000Z",
      "2026-03-03T23:00:00.000Z",
    ]);
    expect(page.items[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const next = await t.inject(
      `/api/v1/digests/runs?digest=ops-daily&limit=2&cursor=${page.nextCursor}`,
    );
    expect(next.json().items.map((run: { periodFrom: string }) => run.periodFrom)).toEqual([
      "2026-03-02T23:00:00.000Z",
      "2026-03-01T23:00:00.000Z",
    ]);
  });

  it("after an outage sends the latest missed period only, late", async () => {
    // Down from Saturday to Monday noon: Saturday's, Sunday's and Monday's runs were missed.
    const report = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-09T11:00:00Z") });
    expect(report).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(headerOf(smtp.mails[0]?.raw ?? "", "subject")).toMatch(/2026-03-08$/);
  });

  it("runs a weekly digest on its local weekday and hour across the spring clock change", async () => {
    await save(
      [
        schedule({ active: false }),
        schedule({
          name: "weekly-billing",
          cadence: "weekly",
          weekday: "mon",
          hour: 9,
          team: "billing",
          metrics: ["casesOpened"],
          webhook: null,
        }),
      ],
      "2026-03-09T12:00:00Z",
    );
    // The job's passes through the week before claim the week of 03-16 (run Monday 03-23).
    const before = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-29T12:00:00Z") });
    expect(before).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    smtp.mails.length = 0;
    // Monday 2026-03-30 09:00 CEST is 07:00Z (the clocks went forward on the 29th).
    const early = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-30T06:59:00Z") });
    expect(early.claimed).toBe(0);
    const due = await runDigests(t.store.db, { ...delivery(), now: at("2026-03-30T07:00:30Z") });
    expect(due).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    const weekly = (await runs()).filter((run) => run.schedule === "weekly-billing");
    expect(weekly.map((run) => run.run_at)).toEqual([
      at("2026-03-23T08:00:00Z"),
      at("2026-03-30T07:00:00Z"),
    ]);
    // Monday 03-23 00:00 CET to Monday 03-30 00:00 CEST: a week an hour short.
    expect(weekly[1]).toMatchObject({
      period_from: at("2026-03-22T23:00:00Z"),
      period_to: at("2026-03-29T22:00:00Z"),
    });
    expect(smtp.mails).toHaveLength(1);
    expect(headerOf(smtp.mails[0]?.raw ?? "", "subject")).toBe(
      "[Throughline] Weekly digest weekly-billing: team billing, 2026-03-23 to 2026-03-29",
    );
    // The inactive daily digest was not claimed after it was switched off.
    const later = (await runs()).filter((run) => run.run_at > at("2026-03-10T00:00:00Z"));
    expect(later.map((run) => run.schedule)).toEqual(["weekly-billing", "weekly-billing"]);
  });
});
