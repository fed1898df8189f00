import type { Kysely } from "kysely";

// Versioned settings documents (calendars, SLA and escalation policies, taxonomy, handoff types,
// case rules, webhooks): every save is a new row, never an update, so what was in force when
// stays readable. The primary key makes two saves racing for the same next version fail.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("settings_versions")
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("settings_versions_pk", ["kind", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("settings_versions").ifExists().execute();
}
