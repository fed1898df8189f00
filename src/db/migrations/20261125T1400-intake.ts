import type { Kysely } from "kysely";

// Intake rule sets. Every save is a new version; rows are never updated, so the history of what
// was enforced when stays readable. Times are epoch milliseconds in BIGINT columns.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("intake_rule_sets")
    .addColumn("version", "integer", (col) => col.primaryKey())
    .addColumn("rules", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("intake_rule_sets").ifExists().execute();
}
