import type { Kysely } from "kysely";

// In-app notifications (escalation chains), outgoing webhook deliveries, and the positions of
// background jobs that tail the store (the webhook job's place in the event log, the escalation
// job's last run). Times are epoch milliseconds in BIGINT columns.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("case_id", "text")
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("event_id", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "created_at", "id"])
    .execute();
  // One notification per recipient of an event, however often its step is retried.
  await db.schema
    .createIndex("notifications_event_user_idx")
    .on("notifications")
    .columns(["event_id", "user_id"])
    .unique()
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("endpoint_id", "text", (col) => col.notNull())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("payload", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("last_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("delivered_at", "bigint")
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_endpoint_event_idx")
    .on("webhook_deliveries")
    .columns(["endpoint_id", "event_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_created_idx")
    .on("webhook_deliveries")
    .columns(["created_at", "id"])
    .execute();

  await db.schema
    .createTable("job_cursors")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("position", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();

  // The escalation job re-reads SLA clocks changed since its last run (a clock that stopped while
  // the server was down may still owe a step that was due before it stopped).
  await db.schema
    .createIndex("sla_clocks_updated_idx")
    .on("sla_clocks")
    .column("updated_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sla_clocks_updated_idx").ifExists().execute();
  await db.schema.dropTable("job_cursors").ifExists().execute();
  await db.schema.dropTable("webhook_deliveries").ifExists().execute();
  await db.schema.dropTable("notifications").ifExists().execute();
}
