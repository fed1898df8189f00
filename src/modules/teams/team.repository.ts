import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { Team } from "./team.js";
import type { TeamRow } from "./team.table.js";

function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    hourlyCost: row.hourly_cost,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findTeamsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Team[]> {
  const teams: Team[] = [];
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom("teams").selectAll().where("id", "in", chunk).execute();
    teams.push(...rows.map(toTeam));
  }
  return teams;
}

export async function getTeam(db: Kysely<DB>, id: string): Promise<Team | undefined> {
  const row = await db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toTeam(row);
}

export async function listTeams(db: Kysely<DB>): Promise<Team[]> {
  const rows = await db.selectFrom("teams").selectAll().orderBy("name").orderBy("id").execute();
  return rows.map(toTeam);
}

export async function upsertTeams(db: Kysely<DB>, teams: readonly Team[]): Promise<void> {
  for (const chunk of inChunks(teams, rowsPerInsert(5))) {
    await db
      .insertInto("teams")
      .values(
        chunk.map((team) => ({
          id: team.id,
          name: team.name,
          hourly_cost: team.hourlyCost,
          created_at: team.createdAt,
          updated_at: team.updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          hourly_cost: eb.ref("excluded.hourly_cost"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}
