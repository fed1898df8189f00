import type { Kysely } from "kysely";

// Scheduled digests: one row per digest and reported period. The key makes a period's digest
// claimable once however many processes run the digest job; the row then tracks its delivery
// (retries, which channels went out) and keeps the content sent, so a retry sends the same
// figures. Times are epoch milliseconds in BIGINT columns.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("digest_runs")
    .addColumn("schedule", "text", (col) => col.notNull())
    .addColumn("period_from", "bigint", (col) => col.notNull())
    .addColumn("period_to", "bigint", (col) => col.notNull())
    .addColumn("run_at", "bigint", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
    .addColumn("content", "text")
    .addColumn("email_sent_at", "bigint")
    .addColumn("webhook_sent_at", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("sent_at", "bigint")
    .addPrimaryKeyConstraint("digest_runs_pk", ["schedule", "period_from"])
    .execute();
  await db.schema
    .createIndex("digest_runs_due_idx")
    .on("digest_runs")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("digest_runs_created_idx")
    .on("digest_runs")
    .columns(["created_at", "schedule"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("digest_runs").ifExists().execute();
}
