import { type Kysely, sql } from "kysely";

// One row per case with what the KPIs count (src/modules/metrics/case-facts.ts): the instants,
// values and slice values of its opening, first response, first resolution, backlog spells,
// handling time and survey answers. Derived from the case's history after every write
// (metric-facts.derivation.ts); the roll-ups are sums of these rows' contributions.
//
// No foreign key to cases: the roll-ups hold each row's contributions, so a row leaves only
// through the derivation, which retracts them too.
//
// A store that already holds cases gets a `metrics-backfill` marker in job_cursors: the backfill
// (metric-facts.backfill.ts) derives every case's facts and removes the marker.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("metric_case_facts")
    .addColumn("case_id", "text", (col) => col.primaryKey())
    .addColumn("customer_id", "text", (col) => col.notNull())
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("category", "text", (col) => col.notNull())
    .addColumn("category_top", "text", (col) => col.notNull())
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("tier", "text", (col) => col.notNull())
    .addColumn("segment", "text", (col) => col.notNull())
    .addColumn("opened_at", "bigint", (col) => col.notNull())
    .addColumn("opened_team", "text", (col) => col.notNull())
    .addColumn("first_response_at", "bigint")
    .addColumn("first_response_agent", "text")
    .addColumn("escalated", "integer", (col) => col.notNull())
    .addColumn("first_response_due_at", "bigint")
    .addColumn("first_resolved_at", "bigint")
    .addColumn("resolved_team", "text")
    .addColumn("resolved_agent", "text")
    .addColumn("reopened", "integer", (col) => col.notNull())
    .addColumn("recontacted_by", "text")
    .addColumn("handoff_count", "integer", (col) => col.notNull())
    .addColumn("worked_seconds", "bigint", (col) => col.notNull())
    .addColumn("active_until", "bigint")
    .addColumn("details", "text", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("metric_case_facts_opened_idx")
    .on("metric_case_facts")
    .column("opened_at")
    .execute();
  await db.schema
    .createIndex("metric_case_facts_resolved_idx")
    .on("metric_case_facts")
    .column("first_resolved_at")
    .execute();
  await db.schema
    .createIndex("metric_case_facts_active_idx")
    .on("metric_case_facts")
    .column("active_until")
    .execute();
  await db.schema
    .createIndex("metric_case_facts_customer_idx")
    .on("metric_case_facts")
    .column("customer_id")
    .execute();

  await sql`insert into job_cursors (name, position, updated_at)
    select 'metrics-backfill', 0, ${Date.now()}
    where exists (select 1 from cases)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from job_cursors where name = 'metrics-backfill'`.execute(db);
  await db.schema.dropTable("metric_case_facts").ifExists().execute();
}
