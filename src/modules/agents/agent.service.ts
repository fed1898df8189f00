import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { writeEvent } from "../events/event-writer.js";
import type { Agent } from "./agent.js";
import { getAgent, listAgents } from "./agent.repository.js";

export interface CreateAgentInput {
  id: string;
  team: string;
  name: string;
  skills?: string[];
}

export async function createAgent(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateAgentInput,
  now: Date,
): Promise<Agent> {
  return db.transaction().execute(async (trx) => {
    if (await getAgent(trx, input.id)) {
      throw new AppError("agent.already_exists", {
        message: `agent "${input.id}" already exists`,
        field: "body.id",
      });
    }
    await writeEvent(trx, actor, {
      type: "agent.upserted",
      at: now.toISOString(),
      agent: input.id,
      team: input.team,
      name: input.name,
      skills: input.skills ?? [],
    });
    return requireAgent(trx, input.id);
  });
}

export async function requireAgent(db: Kysely<DB>, id: string): Promise<Agent> {
  const agent = await getAgent(db, id);
  if (!agent) throw new AppError("agent.not_found", { message: `agent "${id}" does not exist` });
  return agent;
}

export { listAgents };
