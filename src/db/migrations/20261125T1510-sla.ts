import type { Kysely } from "kysely";

// SLA clocks: one row per clock of a case (the latest cycle of nextUpdate and internal), derived
// from the case's history and the SLA settings in force. Due times are persisted so that the
// timer finds what is due with an index scan and fires each threshold once, across restarts.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sla_clocks")
    .addColumn("case_id", "text", (col) => col.notNull())
    .addColumn("clock", "text", (col) => col.notNull())
    .addColumn("policy_id", "text", (col) => col.notNull())
    .addColumn("team_id", "text")
    .addColumn("started_at", "bigint", (col) => col.notNull())
    .addColumn("due_at", "bigint", (col) => col.notNull())
    .addColumn("at_risk_at", "bigint", (col) => col.notNull())
    .addColumn("stopped_at", "bigint")
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("at_risk_fired_at", "bigint")
    .addColumn("breached_fired_at", "bigint")
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("sla_clocks_pk", ["case_id", "clock"])
    .execute();
  await db.schema
    .createIndex("sla_clocks_state_due_idx")
    .on("sla_clocks")
    .columns(["state", "due_at"])
    .execute();
  await db.schema
    .createIndex("sla_clocks_state_at_risk_idx")
    .on("sla_clocks")
    .columns(["state", "at_risk_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sla_clocks").ifExists().execute();
}
