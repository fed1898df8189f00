import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { isPostgres, rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { AgentPresence, AgentShift, Channel } from "../events/event.types.js";
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

/**
 * The agent, read with a lock that holds every other locker of the same agent until this
 * transaction ends (PostgreSQL `FOR NO KEY UPDATE`, which still lets cases reference the agent;
 * SQLite lets one writer in at a time anyway). Assignment takes it before counting the agent's
 * load, so two servers cannot both fill the agent's last free slot.
 */
export async function lockAgent(db: Kysely<DB>, id: string): Promise<Agent | undefined> {
  const query = db.selectFrom("agents").selectAll().where("id", "=", id);
  const locking = isPostgres(db as Kysely<unknown>) ? query.forNoKeyUpdate() : query;
  const row = await locking.executeTakeFirst();
  return row && toAgent(row);
}

/**
 * The cases each agent works now (assigned, not resolved or closed), per channel. Agents
 * without any are absent.
 */
export async function countOpenCasesByAgent(
  db: Kysely<DB>,
  agentIds: readonly string[],
  openStatuses: readonly string[],
): Promise<Map<string, Partial<Record<Channel, number>>>> {
  const load = new Map<string, Partial<Record<Channel, number>>>();
  for (const chunk of inChunks([...new Set(agentIds)], IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("cases")
      .select(["agent_id", "channel", (eb) => eb.fn.countAll<number>().as("count")])
      .where("agent_id", "in", chunk)
      .where("status", "in", openStatuses)
      .groupBy(["agent_id", "channel"])
      .execute();
    for (const row of rows) {
      if (row.agent_id === null) continue;
      const perChannel = load.get(row.agent_id) ?? {};
      perChannel[row.channel as Channel] = Number(row.count);
      load.set(row.agent_id, perChannel);
    }
  }
  return load;
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
