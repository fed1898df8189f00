import type { Kysely } from "kysely";

// Metric roll-ups (src/modules/metrics/rollup.service.ts): the additive sums of the cases'
// metric contributions per UTC hour, day and month, for `all` and per slice value of every
// dimension, so a scorecard over a long period sums a few hundred rows instead of scanning facts.
// Two small companions keep what the roll-ups cannot sum: the worked instants of cases worked at
// more than one instant (an exact distinct count of cases worked in a period) and the cases still
// unanswered with a first-response target (their SLA outcome depends on the evaluation instant).

/** The additive counters of a roll-up row, in table order. */
const COUNTERS: [string, "bigint" | "double precision"][] = [
  ["opened", "bigint"],
  ["fr_n", "bigint"],
  ["escalated", "bigint"],
  ["sla_target", "bigint"],
  ["sla_met", "bigint"],
  ["sla_unanswered", "bigint"],
  ["resolved", "bigint"],
  ["res_n", "bigint"],
  ["reopened", "bigint"],
  ["recontacted", "bigint"],
  ["fcr", "bigint"],
  ["backlog_delta", "bigint"],
  ["worked_seconds", "double precision"],
  ["work_first", "bigint"],
  ["worked_cases", "bigint"],
  ["csat_n", "bigint"],
  ["csat_good", "bigint"],
  ["nps_n", "bigint"],
  ["nps_promoters", "bigint"],
  ["nps_detractors", "bigint"],
  ["ces_n", "bigint"],
  ["ces_sum", "double precision"],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  let rollups = db.schema
    .createTable("metric_rollups")
    .addColumn("grain", "text", (col) => col.notNull())
    .addColumn("bucket", "bigint", (col) => col.notNull())
    .addColumn("dim", "text", (col) => col.notNull())
    .addColumn("key", "text", (col) => col.notNull());
  for (const [name, type] of COUNTERS) {
    rollups = rollups.addColumn(name, type, (col) => col.notNull().defaultTo(0));
  }
  // One key order serves both reads — every key of a dimension over a bucket range (by), one
  // key over it (a filter: a few keys per bucket to skip) — so the table needs no second index.
  // (Clustering it by that key, SQLite's WITHOUT ROWID, was measured slower to read: month rows
  // carry kilobytes of histogram.)
  await rollups
    .addColumn("worked_by_team", "text", (col) => col.notNull().defaultTo("{}"))
    .addColumn("fr_hist", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("res_hist", "text", (col) => col.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("metric_rollups_pk", ["grain", "dim", "bucket", "key"])
    .execute();

  // Exact percentiles of a slice with few values are computed in the store from the facts
  // (rollup.repository.ts, summarizeFirstResponses / summarizeResolutions): these indexes hold
  // every column those reads need, so a period is one range scan of a narrow index instead of a
  // lookup of each case's wide facts row.
  await db.schema
    .createIndex("metric_case_facts_first_response_idx")
    .on("metric_case_facts")
    .columns(["opened_at", "first_response_at", "opened_team", "first_response_agent"])
    .execute();
  await db.schema
    .createIndex("metric_case_facts_resolution_idx")
    .on("metric_case_facts")
    .columns(["first_resolved_at", "opened_at", "resolved_team", "resolved_agent", "opened_team"])
    .execute();
  // By team, the most asked slice: one range per team, already grouped.
  await db.schema
    .createIndex("metric_case_facts_team_first_response_idx")
    .on("metric_case_facts")
    .columns(["opened_team", "opened_at", "first_response_at"])
    .execute();
  await db.schema
    .createIndex("metric_case_facts_team_resolution_idx")
    .on("metric_case_facts")
    .columns(["resolved_team", "first_resolved_at", "opened_at"])
    .execute();

  await db.schema
    .createTable("metric_work_spans")
    .addColumn("case_id", "text", (col) =>
      col.primaryKey().references("cases.id").onDelete("cascade"),
    )
    // ⌈log2(span in minutes)⌉: a period's start finds the spans around it with one bounded
    // range of first_at per class (rollup.repository.ts, findWorkStraddling).
    .addColumn("span_class", "integer", (col) => col.notNull())
    .addColumn("first_at", "bigint", (col) => col.notNull())
    .addColumn("last_at", "bigint", (col) => col.notNull())
    .addColumn("worked", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("metric_work_spans_class_idx")
    .on("metric_work_spans")
    .columns(["span_class", "first_at", "last_at"])
    .execute();

  await db.schema
    .createTable("metric_sla_pending")
    .addColumn("case_id", "text", (col) =>
      col.primaryKey().references("cases.id").onDelete("cascade"),
    )
    .addColumn("opened_at", "bigint", (col) => col.notNull())
    .addColumn("due_at", "bigint", (col) => col.notNull())
    .addColumn("dims", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("metric_sla_pending_due_idx")
    .on("metric_sla_pending")
    .columns(["due_at", "opened_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("metric_case_facts_team_resolution_idx").ifExists().execute();
  await db.schema.dropIndex("metric_case_facts_team_first_response_idx").ifExists().execute();
  await db.schema.dropIndex("metric_case_facts_resolution_idx").ifExists().execute();
  await db.schema.dropIndex("metric_case_facts_first_response_idx").ifExists().execute();
  await db.schema.dropTable("metric_sla_pending").ifExists().execute();
  await db.schema.dropTable("metric_work_spans").ifExists().execute();
  await db.schema.dropTable("metric_rollups").ifExists().execute();
}
