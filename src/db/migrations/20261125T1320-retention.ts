import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";

// Retention (policies, legal holds) and the coordination tables of background jobs. Migrations
// never import app code. Times are epoch milliseconds in BIGINT columns on both stores.
//
// The event log stays append-only with one exception, made for retention: an event's personal
// fields may be redacted once (an UPDATE that sets `redacted_at` from NULL and changes nothing but
// `data` and `redacted_at`), and only a redacted event may be deleted (purge = redact, then
// delete). Every other UPDATE or DELETE still raises.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("retention_policies")
    .addColumn("kind", "text", (col) => col.primaryKey())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("days", "integer", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("updated_by", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("legal_holds")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("target_kind", "text", (col) => col.notNull())
    .addColumn("target_id", "text", (col) => col.notNull())
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("released_at", "bigint")
    .addColumn("released_by", "text")
    .execute();
  await db.schema
    .createIndex("legal_holds_target")
    .on("legal_holds")
    .columns(["target_kind", "target_id"])
    .execute();

  // One row per scheduled slot of a job: the primary key makes a slot impossible to run twice.
  await db.schema
    .createTable("job_runs")
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("due_at", "bigint", (col) => col.notNull())
    .addColumn("holder", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("started_at", "bigint", (col) => col.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("job_runs_pk", ["name", "due_at"])
    .execute();

  // Who may run a job right now; a lease that is not renewed expires and may be taken over.
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("holder", "text", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .execute();

  await db.schema.alterTable("events").addColumn("redacted_at", "bigint").execute();

  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS events_no_update ON events`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
      BEGIN
        -- Nested rather than one condition: NEW does not exist in a DELETE trigger.
        IF TG_OP = 'UPDATE' THEN
          IF OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
            AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.type = OLD.type AND NEW.at = OLD.at
            AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id
            AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id
            AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id
            AND NEW.agent_id IS NOT DISTINCT FROM OLD.agent_id
            AND NEW.recorded_at = OLD.recorded_at
          THEN
            RETURN NEW;
          END IF;
        ELSIF OLD.redacted_at IS NOT NULL THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'events is append-only';
      END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS events_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS events_no_delete`.execute(db);
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      WHEN NOT (
        OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
        AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.type = OLD.type AND NEW.at = OLD.at
        AND NEW.case_id IS OLD.case_id AND NEW.customer_id IS OLD.customer_id
        AND NEW.team_id IS OLD.team_id AND NEW.agent_id IS OLD.agent_id
        AND NEW.recorded_at = OLD.recorded_at
      )
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
    await sql`
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN OLD.redacted_at IS NULL
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS events_no_update ON events`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'events is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await db.schema.alterTable("events").dropColumn("redacted_at").execute();
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS events_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS events_no_delete`.execute(db);
    await db.schema.alterTable("events").dropColumn("redacted_at").execute();
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
    await sql`
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
  }
  for (const table of ["job_leases", "job_runs", "legal_holds", "retention_policies"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
