import type { Kysely } from "kysely";

// Users linked to the agent they work as (src/modules/agents): such a user sets their own
// presence and pulls their next case without the right to change agents. At most one user per
// agent; existing users are linked to none.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("agent_id", "text", (col) => col.references("agents.id"))
    .execute();
  await db.schema.createIndex("users_agent").on("users").column("agent_id").unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("users_agent").execute();
  await db.schema.alterTable("users").dropColumn("agent_id").execute();
}
