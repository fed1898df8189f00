import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";

// Migrations never import app code (Kysely's migration docs: the app moves on, migrations stay).
// Times are epoch milliseconds in BIGINT columns on both stores.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable("teams")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("hourly_cost", "double precision")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("agents")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("team_id", "text", (col) => col.notNull().references("teams.id"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("skills", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("agents_team").on("agents").column("team_id").execute();

  await db.schema
    .createTable("customers")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("tier", "text", (col) => col.notNull())
    .addColumn("segment", "text", (col) => col.notNull())
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("customers_tier").on("customers").column("tier").execute();
  await db.schema.createIndex("customers_region").on("customers").column("region").execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("customer_id", "text", (col) => col.notNull().references("customers.id"))
    .addColumn("subject", "text")
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("category", "text", (col) => col.notNull())
    .addColumn("category_top", "text", (col) => col.notNull())
    .addColumn("priority", "text", (col) => col.notNull())
    .addColumn("team_id", "text", (col) => col.notNull().references("teams.id"))
    .addColumn("agent_id", "text", (col) => col.references("agents.id"))
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("opened_at", "bigint", (col) => col.notNull())
    .addColumn("first_response_at", "bigint")
    .addColumn("first_resolved_at", "bigint")
    .addColumn("resolved_at", "bigint")
    .addColumn("reopen_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("handoff_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("escalation_level", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("worked_seconds", "double precision", (col) => col.notNull().defaultTo(0))
    .addColumn("root_cause", "text")
    .addColumn("last_event_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("cases_opened").on("cases").columns(["opened_at", "id"]).execute();
  await db.schema
    .createIndex("cases_status_opened")
    .on("cases")
    .columns(["status", "opened_at"])
    .execute();
  await db.schema
    .createIndex("cases_team_opened")
    .on("cases")
    .columns(["team_id", "opened_at"])
    .execute();
  await db.schema
    .createIndex("cases_customer_opened")
    .on("cases")
    .columns(["customer_id", "opened_at"])
    .execute();
  await db.schema.createIndex("cases_agent").on("cases").column("agent_id").execute();

  // The append-only event log. `seq` is the order of recording, `at` the business time.
  await db.schema
    .createTable("events")
    .addColumn("seq", pg ? "bigserial" : "integer", (col) =>
      pg ? col.primaryKey() : col.primaryKey().autoIncrement(),
    )
    .addColumn("id", "text", (col) => col.notNull().unique())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("case_id", "text")
    .addColumn("customer_id", "text")
    .addColumn("team_id", "text")
    .addColumn("agent_id", "text")
    .addColumn("data", "text", (col) => col.notNull())
    .addColumn("recorded_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("events_customer_at")
    .on("events")
    .columns(["customer_id", "at", "seq"])
    .execute();
  await db.schema
    .createIndex("events_case_at")
    .on("events")
    .columns(["case_id", "at", "seq"])
    .execute();
  await db.schema.createIndex("events_at_seq").on("events").columns(["at", "seq"]).execute();
  await db.schema.createIndex("events_type_seq").on("events").columns(["type", "seq"]).execute();

  if (pg) {
    // The log is append-only: refuse UPDATE and DELETE at the database itself.
    await sql`
      CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'events is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
    await sql`
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events is append-only'); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["events", "cases", "customers", "agents", "teams"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (isPostgres(db)) await sql`DROP FUNCTION IF EXISTS events_append_only()`.execute(db);
}
