import type { Kysely } from "kysely";

// Routing and assignment (src/modules/routing, src/modules/assignment): what routing decided for
// each case (its queue inside the team, tags, the skills it needs, the rule that set its team),
// how often its category was corrected, the agents' skill levels, capacities, shifts and
// presence, and the language customers are served in. Existing rows get the neutral values:
// no tags or skills, no rule, agents available with no shift (always on).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("queue", "text").execute();
  await db.schema
    .alterTable("cases")
    .addColumn("tags", "text", (col) => col.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("cases")
    .addColumn("required_skills", "text", (col) => col.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("cases").addColumn("routed_rule", "text").execute();
  await db.schema
    .alterTable("cases")
    .addColumn("recategorised_count", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  // The queues: the cases of a team waiting for an agent or being worked.
  await db.schema
    .createIndex("cases_team_status")
    .on("cases")
    .columns(["team_id", "status", "agent_id"])
    .execute();

  await db.schema
    .alterTable("agents")
    .addColumn("skill_levels", "text", (col) => col.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("agents")
    .addColumn("capacity", "text", (col) => col.notNull().defaultTo("{}"))
    .execute();
  await db.schema.alterTable("agents").addColumn("shift", "text").execute();
  await db.schema
    .alterTable("agents")
    .addColumn("presence", "text", (col) => col.notNull().defaultTo("available"))
    .execute();
  await db.schema
    .alterTable("agents")
    .addColumn("presence_at", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable("customers").addColumn("language", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("cases_team_status").execute();
  for (const column of ["queue", "tags", "required_skills", "routed_rule", "recategorised_count"]) {
    await db.schema.alterTable("cases").dropColumn(column).execute();
  }
  for (const column of ["skill_levels", "capacity", "shift", "presence", "presence_at"]) {
    await db.schema.alterTable("agents").dropColumn(column).execute();
  }
  await db.schema.alterTable("customers").dropColumn("language").execute();
}
