import { type Kysely, sql } from "kysely";

// Marks the metric facts of cases whose events the `events` retention policy purged (the case
// itself stays). The roll-up planner finds the cases behind a period's sub-hour edges through
// the events in them; these cases have none left, so it finds them through this mark instead
// (src/modules/metrics/rollup-planner.ts). Only finished cases are ever marked: the partial
// index holds those few rows, by opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("metric_case_facts")
    .addColumn("log_purged", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("metric_case_facts_log_purged_idx")
    .on("metric_case_facts")
    .column("opened_at")
    .where(sql.ref("log_purged"), "=", 1)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("metric_case_facts_log_purged_idx").execute();
  await db.schema.alterTable("metric_case_facts").dropColumn("log_purged").execute();
}
