import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { moveJobCursor, readJobCursor } from "../../jobs/job-cursor.repository.js";
import { appendAudit } from "../audit/audit.service.js";
import { parseInstant } from "../events/event-validation.js";
import type { KpiQuery, KpiValues, ScorecardRow } from "../metrics/kpi.js";
import { computeScorecard } from "../metrics/metrics.service.js";
import type { SettingsVersion, StoredSettingsKind } from "../settings/settings.js";
import {
  loadSettings,
  readSettings,
  readSettingsVersions,
  saveSettings,
} from "../settings/settings.service.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { nextAttemptDelayMs } from "../webhooks/webhook-signature.js";
import type { DigestContent, DigestRow, DigestRun, DigestRunStatus } from "./digest.js";
import {
  type DeliveryOutcome,
  type Fetch,
  postDigestWebhook,
  type SmtpSettings,
  sendDigestEmail,
} from "./digest-delivery.js";
import { renderDigest } from "./digest-render.js";
import {
  claimDigestRun,
  listDigestRuns,
  listDueDigestRuns,
  recordDigestRunOutcome,
  saveDigestRunContent,
  takeDigestRunAttempt,
} from "./digest-run.repository.js";
import { type DigestPeriod, latestRunAtOrBefore, reportedDays } from "./digest-schedule.js";
import {
  DIGEST_SETTINGS,
  type DigestSchedule,
  type DigestsDocument,
  maskDigestSecrets,
  restoreDigestSecrets,
} from "./digest-settings.js";

/**
 * Scheduled digests: claiming each schedule's period once, building the scorecard it reports,
 * and delivering it by email and webhook with retries. docs/digests.md has the rules.
 */

/** The job cursor: the instant up to which the digest job has looked for due runs. */
export const DIGEST_CURSOR = "digests";
/** How long an attempt holds its run against other processes (longer than any delivery). */
const ATTEMPT_HOLD_MS = 5 * 60_000;
const RUNS_PER_PASS = 50;

/** How digests go out: the SMTP server (null: none configured) and, for tests, fetch and timeouts. */
export interface DigestDeliveryOptions {
  smtp: SmtpSettings | null;
  fetch?: Fetch;
  timeoutMs?: number;
}

/** Checks on every save that a digest's team exists (400 naming it). */
export const DIGESTS_KIND: StoredSettingsKind<DigestsDocument> = {
  ...DIGEST_SETTINGS,
  afterSave: async (trx, saved) => {
    const named = saved.body.schedules.flatMap((schedule, index) =>
      schedule.team === null ? [] : [{ team: schedule.team, field: `schedules.${index}.team` }],
    );
    const known = new Set(
      (await findTeamsByIds(trx, [...new Set(named.map((ref) => ref.team))])).map(
        (team) => team.id,
      ),
    );
    const unknown = named.find((ref) => !known.has(ref.team));
    if (unknown) {
      throw new AppError("request.invalid", {
        message: `team "${unknown.team}" does not exist`,
        field: `body.document.${unknown.field}`,
      });
    }
  },
};

/** The digests document in force, webhook secrets masked. */
export async function readDigestSettings(
  db: Kysely<DB>,
  actor: Actor,
): Promise<SettingsVersion<DigestsDocument>> {
  const saved = await readSettings(db, actor, DIGESTS_KIND);
  return { ...saved, body: maskDigestSecrets(saved.body) };
}

export async function readDigestSettingsVersions(
  db: Kysely<DB>,
  actor: Actor,
): Promise<SettingsVersion<DigestsDocument>[]> {
  const versions = await readSettingsVersions(db, actor, DIGESTS_KIND);
  return versions.map((saved) => ({ ...saved, body: maskDigestSecrets(saved.body) }));
}

/**
 * Saves the digests document; a webhook sent with the masked secret keeps the one stored under
 * its digest's name. The first save starts the job's cursor at `now`, so schedules are sent from
 * their next run on, never for periods before they existed.
 */
export async function saveDigestSettings(
  db: Kysely<DB>,
  actor: Actor,
  body: { baseVersion?: number; document: DigestsDocument },
  now: Date,
): Promise<SettingsVersion<DigestsDocument>> {
  requirePermission(actor, "settings:write");
  const stored = await loadSettings(db, DIGESTS_KIND);
  const document = restoreDigestSecrets(body.document, stored.body);
  const saved = await saveSettings(db, actor, DIGESTS_KIND, document, {
    now,
    baseVersion: body.baseVersion ?? stored.version,
    afterSave: async (trx) => {
      if ((await readJobCursor(trx, DIGEST_CURSOR)) === undefined) {
        await moveJobCursor(trx, {
          name: DIGEST_CURSOR,
          from: undefined,
          to: now.getTime(),
          now: now.getTime(),
        });
      }
    },
  });
  return { ...saved, body: maskDigestSecrets(saved.body) };
}

export interface DigestJobReport {
  /** Periods claimed in this pass (each once across all processes). */
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass of the `digests` job: claim what came due since the last pass, then deliver. */
export async function runDigests(
  db: Kysely<DB>,
  options: DigestDeliveryOptions & { now: number },
): Promise<DigestJobReport> {
  const claimed = await claimDueDigests(db, options.now);
  const delivered = await deliverDueDigests(db, options);
  return { claimed, ...delivered };
}

/**
 * Claims the run of every active schedule whose latest run time lies after the cursor (the last
 * pass) and at or before `now`, and moves the cursor to `now`. A run missed while no server was
 * up is claimed late; of several missed runs of one schedule only the latest is sent. The claim
 * is a row keyed by (digest, period start), so a period is claimed once however many processes
 * look; the cursor only spares them the looking.
 */
export async function claimDueDigests(db: Kysely<DB>, now: number): Promise<number> {
  const cursor = await readJobCursor(db, DIGEST_CURSOR);
  if (cursor === undefined) {
    await moveJobCursor(db, { name: DIGEST_CURSOR, from: undefined, to: now, now });
    return 0;
  }
  if (now <= cursor) return 0;
  const { schedules } = (await loadSettings(db, DIGESTS_KIND)).body;
  return db.transaction().execute(async (trx) => {
    let claimed = 0;
    for (const schedule of schedules.filter((each) => each.active)) {
      const period = latestRunAtOrBefore(schedule, now);
      if (period.runAt <= cursor) continue;
      const inserted = await claimDigestRun(trx, {
        schedule: schedule.name,
        periodFrom: period.from,
        periodTo: period.to,
        runAt: period.runAt,
        now,
      });
      if (inserted) claimed += 1;
    }
    // Moved by another process meanwhile: its pass covered this window; the claims stand either way.
    await moveJobCursor(trx, { name: DIGEST_CURSOR, from: cursor, to: now, now });
    return claimed;
  });
}

/**
 * Delivers the claimed runs that are due: each attempt is taken with a conditional update (so a
 * run is attempted by one process at a time), builds the content once (kept for retries), and
 * sends each channel not sent yet. A failed channel is retried like webhook deliveries (1 minute,
 * doubling, 8 attempts), without sending again what went out.
 */
export async function deliverDueDigests(
  db: Kysely<DB>,
  options: DigestDeliveryOptions & { now: number },
): Promise<{ sent: number; retrying: number; failed: number }> {
  const report = { sent: 0, retrying: 0, failed: 0 };
  const due = await listDueDigestRuns(db, { now: options.now, limit: RUNS_PER_PASS });
  if (due.length === 0) return report;
  const schedules = new Map(
    (await loadSettings(db, DIGESTS_KIND)).body.schedules.map((schedule) => [
      schedule.name,
      schedule,
    ]),
  );
  for (const run of due) {
    const key = { schedule: run.schedule, periodFrom: run.periodFrom };
    const taken = await takeDigestRunAttempt(db, {
      ...key,
      attemptsBefore: run.attempts,
      holdUntil: options.now + ATTEMPT_HOLD_MS,
    });
    if (!taken) continue;
    const status = await attemptRun(db, run, schedules.get(run.schedule), options);
    report[status === "sent" ? "sent" : status === "failed" ? "failed" : "retrying"] += 1;
  }
  return report;
}

async function attemptRun(
  db: Kysely<DB>,
  run: DigestRun,
  schedule: DigestSchedule | undefined,
  options: DigestDeliveryOptions & { now: number },
): Promise<DigestRunStatus> {
  const key = { schedule: run.schedule, periodFrom: run.periodFrom };
  const { now } = options;
  const attempts = run.attempts + 1;
  const settle = async (outcome: {
    status: DigestRunStatus;
    emailSentAt: number | null;
    webhookSentAt: number | null;
    error: string | null;
  }) => {
    const delay = nextAttemptDelayMs(attempts);
    const status = outcome.status === "pending" && delay === null ? "failed" : outcome.status;
    await recordDigestRunOutcome(db, {
      ...key,
      status,
      nextAttemptAt: status === "pending" && delay !== null ? now + delay : now,
      emailSentAt: outcome.emailSentAt,
      webhookSentAt: outcome.webhookSentAt,
      lastError: outcome.error,
      sentAt: status === "sent" ? now : null,
    });
    return status;
  };
  if (!schedule?.active) {
    return settle({
      status: "failed",
      emailSentAt: run.emailSentAt,
      webhookSentAt: run.webhookSentAt,
      error: schedule ? "the digest is inactive" : "the digest is no longer configured",
    });
  }
  let content = run.content;
  if (content === null) {
    try {
      content = await buildDigestContent(
        db,
        schedule,
        { from: run.periodFrom, to: run.periodTo, runAt: run.runAt },
        now,
      );
    } catch (error) {
      return settle({
        status: "pending",
        emailSentAt: run.emailSentAt,
        webhookSentAt: run.webhookSentAt,
        error: `scorecard: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    await saveDigestRunContent(db, key, content);
  }
  const deliveryId = `digest:${run.schedule}:${run.periodFrom}`;
  const sent = await deliverContent(schedule, content, options, {
    deliveryId,
    emailDone: run.emailSentAt !== null,
    webhookDone: run.webhookSentAt !== null,
  });
  const emailSentAt = run.emailSentAt ?? (sent.email?.ok ? now : null);
  const webhookSentAt = run.webhookSentAt ?? (sent.webhook?.ok ? now : null);
  const errors = [sent.email, sent.webhook].flatMap((outcome) =>
    outcome && !outcome.ok ? [outcome.error] : [],
  );
  return settle({
    status: errors.length === 0 ? "sent" : "pending",
    emailSentAt,
    webhookSentAt,
    error: errors.length === 0 ? null : errors.join("; "),
  });
}

/** Sends what has not gone out yet; undefined for a channel without recipients or already sent. */
async function deliverContent(
  schedule: DigestSchedule,
  content: DigestContent,
  options: DigestDeliveryOptions & { now: number },
  state: { deliveryId: string; emailDone: boolean; webhookDone: boolean },
): Promise<{ email?: DeliveryOutcome; webhook?: DeliveryOutcome }> {
  const result: { email?: DeliveryOutcome; webhook?: DeliveryOutcome } = {};
  const timeouts = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (schedule.emails.length > 0 && !state.emailDone) {
    result.email = await sendDigestEmail(
      options.smtp,
      schedule.emails,
      renderDigest(content),
      timeouts,
    );
  }
  if (schedule.webhook !== null && !state.webhookDone) {
    result.webhook = await postDigestWebhook(schedule.webhook, content, {
      deliveryId: state.deliveryId,
      now: options.now,
      ...timeouts,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }
  return result;
}

/**
 * The digest of one period: the schedule's KPIs for its team (one row), or for all teams (an
 * "all" row, then one row per team in name order), each beside the previous period's values.
 */
export async function buildDigestContent(
  db: Kysely<DB>,
  schedule: DigestSchedule,
  period: Pick<DigestPeriod, "from" | "to" | "runAt">,
  now: number,
): Promise<DigestContent> {
  const previous = latestRunAtOrBefore(schedule, period.runAt - 1);
  const [current, before] = await Promise.all([
    scorecardRows(db, schedule, period, now),
    scorecardRows(db, schedule, previous, now),
  ]);
  const keys = [...new Set([...current.keys(), ...before.keys()])].sort((a, b) =>
    a === "all" ? -1 : b === "all" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const pick = (row: ScorecardRow | undefined): Partial<KpiValues> =>
    Object.fromEntries(schedule.metrics.map((metric) => [metric, row ? row[metric] : null]));
  const rows: DigestRow[] = keys.map((key) => ({
    key,
    values: pick(current.get(key)),
    previous: pick(before.get(key)),
  }));
  return {
    digest: schedule.name,
    cadence: schedule.cadence,
    timezone: schedule.timezone,
    team: schedule.team,
    period: {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      ...reportedDays(schedule.timezone, period),
    },
    previousPeriod: {
      from: new Date(previous.from).toISOString(),
      to: new Date(previous.to).toISOString(),
    },
    generatedAt: new Date(now).toISOString(),
    metrics: [...schedule.metrics],
    rows,
  };
}

async function scorecardRows(
  db: Kysely<DB>,
  schedule: DigestSchedule,
  period: Pick<DigestPeriod, "from" | "to">,
  now: number,
): Promise<Map<string, ScorecardRow>> {
  const base: KpiQuery = { from: period.from, to: period.to, asOf: now };
  const rows = new Map<string, ScorecardRow>();
  if (schedule.team !== null) {
    const [row] = (await computeScorecard(db, { ...base, filter: { team: schedule.team } })).rows;
    if (row) rows.set(schedule.team, { ...row, key: schedule.team });
    return rows;
  }
  const [all] = (await computeScorecard(db, base)).rows;
  if (all) rows.set("all", { ...all, key: "all" });
  for (const row of (await computeScorecard(db, { ...base, by: "team" })).rows) {
    rows.set(row.key, row);
  }
  return rows;
}

export interface ChannelReport {
  status: "sent" | "failed" | "skipped";
  error: string | null;
}

export interface SendNowReport {
  digest: string;
  period: { from: number; to: number; firstDay: string; lastDay: string };
  email: ChannelReport & { recipients: string[] };
  webhook: ChannelReport;
  content: DigestContent;
}

/**
 * Sends a digest now, outside its schedule: the digest its latest scheduled run at or before `at`
 * reported (default now: yesterday's for a daily digest), for trying recipients and content or
 * sending a past one again. It is audited, and does not count as a scheduled run. Inactive
 * digests may be sent this way too.
 */
export async function sendDigestNow(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  options: DigestDeliveryOptions & { now: number; at?: string },
): Promise<SendNowReport> {
  requirePermission(actor, "settings:write");
  const schedule = (await loadSettings(db, DIGESTS_KIND)).body.schedules.find(
    (each) => each.name === name,
  );
  if (!schedule) {
    throw new AppError("digest.not_found", {
      message: `no digest is named "${name}"`,
      field: "params.name",
    });
  }
  let at = options.now;
  if (options.at !== undefined) {
    const parsed = parseInstant(options.at);
    if (parsed === null || parsed > options.now) {
      throw new AppError("request.invalid", {
        message: "body.at must be an ISO-8601 date-time with an offset, not in the future",
        field: "body.at",
      });
    }
    at = parsed;
  }
  const period = latestRunAtOrBefore(schedule, at);
  const content = await buildDigestContent(db, schedule, period, options.now);
  const sent = await deliverContent(schedule, content, options, {
    deliveryId: `digest-now:${randomUUID()}`,
    emailDone: false,
    webhookDone: false,
  });
  const channel = (outcome: DeliveryOutcome | undefined): ChannelReport =>
    outcome === undefined
      ? { status: "skipped", error: null }
      : outcome.ok
        ? { status: "sent", error: null }
        : { status: "failed", error: outcome.error };
  const report: SendNowReport = {
    digest: schedule.name,
    period: {
      from: period.from,
      to: period.to,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
    },
    email: { ...channel(sent.email), recipients: [...schedule.emails] },
    webhook: channel(sent.webhook),
    content,
  };
  await appendAudit(db, {
    actor,
    action: "digest.send",
    targetKind: "digest",
    targetId: schedule.name,
    after: {
      period: content.period,
      email: { status: report.email.status, recipients: report.email.recipients },
      webhook: { status: report.webhook.status },
    },
    at: options.now,
  });
  return report;
}

export interface DigestRunQuery {
  digest?: string;
  status?: DigestRunStatus;
  limit: number;
  cursor?: string;
}

/** Scheduled runs, newest claimed first, for whoever may change the digests. */
export async function findDigestRuns(
  db: Kysely<DB>,
  actor: Actor,
  query: DigestRunQuery,
): Promise<{ items: DigestRun[]; nextCursor: string | null }> {
  requirePermission(actor, "settings:write");
  const before =
    query.cursor === undefined
      ? undefined
      : decodeCursor(query.cursor, ["number", "string", "number"]);
  const items = await listDigestRuns(db, {
    limit: query.limit + 1,
    ...(query.digest === undefined ? {} : { schedule: query.digest }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(before === undefined
      ? {}
      : { before: { createdAt: before[0], schedule: before[1], periodFrom: before[2] } }),
  });
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor:
      items.length > query.limit && last
        ? encodeCursor([last.createdAt, last.schedule, last.periodFrom])
        : null,
  };
}
