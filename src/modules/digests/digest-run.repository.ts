import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { DigestContent, DigestRun, DigestRunStatus } from "./digest.js";
import { type DigestRunRow, withDigestTables } from "./digest-run.table.js";

function toDigestRun(row: DigestRunRow): DigestRun {
  return {
    schedule: row.schedule,
    periodFrom: Number(row.period_from),
    periodTo: Number(row.period_to),
    runAt: Number(row.run_at),
    status: row.status as DigestRunStatus,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    content: row.content === null ? null : (JSON.parse(row.content) as DigestContent),
    emailSentAt: row.email_sent_at === null ? null : Number(row.email_sent_at),
    webhookSentAt: row.webhook_sent_at === null ? null : Number(row.webhook_sent_at),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

export interface DigestRunKey {
  schedule: string;
  periodFrom: number;
}

/**
 * Claims a digest's period: true for the one caller that inserted the row, false for every
 * other (the period was claimed before, by this process or another).
 */
export async function claimDigestRun(
  db: Kysely<DB>,
  run: { schedule: string; periodFrom: number; periodTo: number; runAt: number; now: number },
): Promise<boolean> {
  const inserted = await withDigestTables(db)
    .insertInto("digest_runs")
    .values({
      schedule: run.schedule,
      period_from: run.periodFrom,
      period_to: run.periodTo,
      run_at: run.runAt,
      status: "pending",
      attempts: 0,
      next_attempt_at: run.now,
      content: null,
      email_sent_at: null,
      webhook_sent_at: null,
      last_error: null,
      created_at: run.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(["schedule", "period_from"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Pending runs whose next attempt is due, oldest due first. */
export async function listDueDigestRuns(
  db: Kysely<DB>,
  due: { now: number; limit: number },
): Promise<DigestRun[]> {
  const rows = await withDigestTables(db)
    .selectFrom("digest_runs")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", due.now)
    .orderBy("next_attempt_at")
    .orderBy("schedule")
    .limit(due.limit)
    .execute();
  return rows.map(toDigestRun);
}

/**
 * Takes the next attempt of a run: counts it and holds the run until `holdUntil`, only if nobody
 * took it since it was read (`attemptsBefore`), so two processes never send one attempt twice.
 */
export async function takeDigestRunAttempt(
  db: Kysely<DB>,
  attempt: DigestRunKey & { attemptsBefore: number; holdUntil: number },
): Promise<boolean> {
  const updated = await withDigestTables(db)
    .updateTable("digest_runs")
    .set({ attempts: attempt.attemptsBefore + 1, next_attempt_at: attempt.holdUntil })
    .where("schedule", "=", attempt.schedule)
    .where("period_from", "=", attempt.periodFrom)
    .where("status", "=", "pending")
    .where("attempts", "=", attempt.attemptsBefore)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Keeps the content of a run's first attempt (later attempts send the same). */
export async function saveDigestRunContent(
  db: Kysely<DB>,
  key: DigestRunKey,
  content: DigestContent,
): Promise<void> {
  await withDigestTables(db)
    .updateTable("digest_runs")
    .set({ content: JSON.stringify(content) })
    .where("schedule", "=", key.schedule)
    .where("period_from", "=", key.periodFrom)
    .where("content", "is", null)
    .execute();
}

/** Records how an attempt went. */
export async function recordDigestRunOutcome(
  db: Kysely<DB>,
  outcome: DigestRunKey & {
    status: DigestRunStatus;
    nextAttemptAt: number;
    emailSentAt: number | null;
    webhookSentAt: number | null;
    lastError: string | null;
    sentAt: number | null;
  },
): Promise<void> {
  await withDigestTables(db)
    .updateTable("digest_runs")
    .set({
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt,
      email_sent_at: outcome.emailSentAt,
      webhook_sent_at: outcome.webhookSentAt,
      last_error: outcome.lastError,
      sent_at: outcome.sentAt,
    })
    .where("schedule", "=", outcome.schedule)
    .where("period_from", "=", outcome.periodFrom)
    .execute();
}

/** Runs, newest claimed first, by keyset on (created_at, schedule, period_from). */
export async function listDigestRuns(
  db: Kysely<DB>,
  query: {
    schedule?: string;
    status?: DigestRunStatus;
    limit: number;
    before?: { createdAt: number; schedule: string; periodFrom: number };
  },
): Promise<DigestRun[]> {
  let select = withDigestTables(db).selectFrom("digest_runs").selectAll();
  if (query.schedule !== undefined) select = select.where("schedule", "=", query.schedule);
  if (query.status !== undefined) select = select.where("status", "=", query.status);
  const before = query.before;
  if (before !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb("created_at", "<", before.createdAt),
        eb.and([eb("created_at", "=", before.createdAt), eb("schedule", "<", before.schedule)]),
        eb.and([
          eb("created_at", "=", before.createdAt),
          eb("schedule", "=", before.schedule),
          eb("period_from", "<", before.periodFrom),
        ]),
      ]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("schedule", "desc")
    .orderBy("period_from", "desc")
    .limit(query.limit)
    .execute();
  return rows.map(toDigestRun);
}
