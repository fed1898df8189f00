import type { Kysely } from "kysely";

// State derived from each case's history (src/modules/cases/case-derivations.ts): the links
// between cases (recontacts, parents and children, duplicates, merges) and the spells a case
// spent with each team. Rebuilt from the event log after every write, so rows are replaced, not
// edited. Both follow their cases out of the store when retention purges them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_links")
    .addColumn("case_id", "text", (col) => col.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("target_id", "text", (col) =>
      col.notNull().references("cases.id").onDelete("cascade"),
    )
    .addColumn("source", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("case_links_pk", ["case_id", "kind", "target_id"])
    .execute();
  // Incoming links: the cases that point at a case (its recontacts, children, merged cases).
  await db.schema
    .createIndex("case_links_target_idx")
    .on("case_links")
    .columns(["target_id", "kind"])
    .execute();

  await db.schema
    .createTable("case_team_spells")
    .addColumn("case_id", "text", (col) => col.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("seq", "integer", (col) => col.notNull())
    .addColumn("team_id", "text", (col) => col.notNull())
    .addColumn("started_at", "bigint", (col) => col.notNull())
    .addColumn("ended_at", "bigint")
    .addPrimaryKeyConstraint("case_team_spells_pk", ["case_id", "seq"])
    .execute();
  await db.schema
    .createIndex("case_team_spells_team_idx")
    .on("case_team_spells")
    .columns(["team_id", "started_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("case_team_spells").ifExists().execute();
  await db.schema.dropTable("case_links").ifExists().execute();
}
