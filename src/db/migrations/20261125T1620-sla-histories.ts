import type { Kysely } from "kysely";

// sla_histories: per open case, the events of its history that move its SLA clocks, in a compact
// JSON form, kept with the clocks after every write (a resolved or closed case drops its row). A
// recompute after a settings save reads one small row per open case instead of the case's share
// of the log. Cases without a row (recorded before this migration) are read from the log once and
// get their row then. The row follows its case out of the store when retention purges it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sla_histories")
    .addColumn("case_id", "text", (col) =>
      col.primaryKey().references("cases.id").onDelete("cascade"),
    )
    .addColumn("format", "integer", (col) => col.notNull())
    .addColumn("events", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sla_histories").execute();
}
