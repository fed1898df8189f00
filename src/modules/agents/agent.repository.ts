import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { AgentPresence, AgentShift } from "../events/event.types.js";
import type { Agent } from "./agent.js";
import type { AgentRow } from "./agent.table.js";

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    skills: JSON.parse(row.skills) as string[],
    skillLevels: JSON.parse(row.skill_levels) as Agent["skillLevels"],
    capacity: JSON.parse(row.capacity) as Agent["capacity"],
    shift: row.shift === null ? null : (JSON.parse(row.shift) as AgentShift),
    presence: row.presence as AgentPresence,
    presenceAt: row.presence_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findAgentsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Agent[]> {
  const agents: Agent[] = [];
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom("agents").selectAll().where("id", "in", chunk).execute();
    agents.push(...rows.map(toAgent));
  }
  return agents;
}

export async function getAgent(db: Kysely<DB>, id: string): Promise<Agent | undefined> {
  const row = await db.selectFrom("agents").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toAgent(row);
}

export async function listAgents(db: Kysely<DB>, filter: { teamId?: string }): Promise<Agent[]> {
  let query = db.selectFrom("agents").selectAll();
  if (filter.teamId !== undefined) query = query.where("team_id", "=", filter.teamId);
  const rows = await query.orderBy("name").orderBy("id").execute();
  return rows.map(toAgent);
}

export async function upsertAgents(db: Kysely<DB>, agents: readonly Agent[]): Promise<void> {
  for (const chunk of inChunks(agents, rowsPerInsert(11))) {
    await db
      .insertInto("agents")
      .values(
        chunk.map((agent) => ({
          id: agent.id,
          team_id: agent.teamId,
          name: agent.name,
          skills: JSON.stringify(agent.skills),
          skill_levels: JSON.stringify(agent.skillLevels),
          capacity: JSON.stringify(agent.capacity),
          shift: agent.shift === null ? null : JSON.stringify(agent.shift),
          presence: agent.presence,
          presence_at: agent.presenceAt,
          created_at: agent.createdAt,
          updated_at: agent.updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          team_id: eb.ref("excluded.team_id"),
          name: eb.ref("excluded.name"),
          skills: eb.ref("excluded.skills"),
          skill_levels: eb.ref("excluded.skill_levels"),
          capacity: eb.ref("excluded.capacity"),
          shift: eb.ref("excluded.shift"),
          presence: eb.ref("excluded.presence"),
          presence_at: eb.ref("excluded.presence_at"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}
