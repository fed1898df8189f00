import type { Kysely } from "kysely";
import { scopeCovers, scopeOf } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { LOAD_CASE_STATUSES } from "../assignment/agent-availability.js";
import type { AgentPresence, AgentShift, Channel } from "../events/event.types.js";
import { writeEvent } from "../events/event-writer.js";
import { parseCalendar } from "../sla/calendar.js";
import { getUser } from "../users/user.repository.js";
import type { Agent } from "./agent.js";
import { countOpenCasesByAgent, getAgent, listAgents } from "./agent.repository.js";

/** An agent with the open cases assigned to them now, per channel. */
export interface AgentWithLoad {
  agent: Agent;
  load: Partial<Record<Channel, number>>;
}

export interface AgentProfile {
  skills?: string[];
  skillLevels?: Record<string, number>;
  capacity?: Partial<Record<Channel, number>>;
  /** Null clears the shift (on an update). */
  shift?: AgentShift | null;
}

export interface CreateAgentInput extends AgentProfile {
  id: string;
  team: string;
  name: string;
}

export interface UpdateAgentInput extends AgentProfile {
  name?: string;
  team?: string;
}

/**
 * A shift must be a calendar the SLA maths can read (src/modules/sla/calendar.ts): a known time
 * zone and well-formed spans. Problems name `body.shift.<path>` (`body.shift.hours.mon.0`).
 */
function checkShift(shift: AgentShift | null | undefined): void {
  if (shift === undefined || shift === null) return;
  const parsed = parseCalendar(shift);
  if (!parsed.ok) {
    throw new AppError("request.invalid", {
      message: `shift.${parsed.field} ${parsed.reason}`,
      field: `body.shift.${parsed.field}`,
    });
  }
}

/** The profile fields given, as the `agent.upserted` event carries them. */
function profileOf(input: AgentProfile): AgentProfile {
  return {
    ...(input.skills === undefined ? {} : { skills: input.skills }),
    ...(input.skillLevels === undefined ? {} : { skillLevels: input.skillLevels }),
    ...(input.capacity === undefined ? {} : { capacity: input.capacity }),
    ...(input.shift === undefined ? {} : { shift: input.shift }),
  };
}

export async function createAgent(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateAgentInput,
  now: Date,
): Promise<Agent> {
  checkShift(input.shift);
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
      ...profileOf(input),
      skills: input.skills ?? [],
    });
    return requireAgent(trx, input.id);
  });
}

/**
 * Changes an agent's name, team, skills, skill levels, capacities or shift: an `agent.upserted`
 * event with the fields given (each replaces the old value whole). Moving an agent needs the
 * right over both teams (the event writer checks it).
 */
export async function updateAgent(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: UpdateAgentInput,
  now: Date,
): Promise<Agent> {
  checkShift(input.shift);
  return db.transaction().execute(async (trx) => {
    const current = await requireAgent(trx, id);
    await writeEvent(trx, actor, {
      type: "agent.upserted",
      at: now.toISOString(),
      agent: id,
      team: input.team ?? current.teamId,
      ...(input.name === undefined ? {} : { name: input.name }),
      ...profileOf(input),
    });
    return requireAgent(trx, id);
  });
}

/**
 * How the actor may act for the agent: as someone who may change agents of the agent's team
 * (`agent:write` in scope), or as the user linked to the agent. Anyone else is refused (403
 * naming `params.id`).
 */
export async function requireActingForAgent(
  db: Kysely<DB>,
  actor: Actor,
  agent: Agent,
): Promise<"manager" | "self"> {
  const scope = scopeOf(actor, "agent:write");
  if (scope && scopeCovers(scope, { teamId: agent.teamId })) return "manager";
  if (actor.kind === "user" && (await getUser(db, actor.userId))?.agentId === agent.id) {
    return "self";
  }
  throw new AppError("access.forbidden", {
    message: `only the user linked to agent "${agent.id}", or someone who may change the agents of ${agent.teamId}, may do this`,
    field: "params.id",
  });
}

/**
 * Sets the agent's presence: an `agent.presence` event. The agent themself (their linked user)
 * may, as may whoever may change the agents of their team.
 */
export async function setAgentPresence(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  presence: AgentPresence,
  now: Date,
): Promise<Agent> {
  return db.transaction().execute(async (trx) => {
    const agent = await requireAgent(trx, id);
    await requireActingForAgent(trx, actor, agent);
    await writeEvent(trx, actor, {
      type: "agent.presence",
      at: now.toISOString(),
      agent: id,
      presence,
    });
    return requireAgent(trx, id);
  });
}

export async function requireAgent(db: Kysely<DB>, id: string): Promise<Agent> {
  const agent = await getAgent(db, id);
  if (!agent) throw new AppError("agent.not_found", { message: `agent "${id}" does not exist` });
  return agent;
}

/** Agents with their open cases per channel: one query for the agents, one for their load. */
export async function listAgentsWithLoad(
  db: Kysely<DB>,
  filter: { teamId?: string },
): Promise<AgentWithLoad[]> {
  const agents = await listAgents(db, filter);
  return withLoad(db, agents);
}

export async function withLoad(db: Kysely<DB>, agents: readonly Agent[]): Promise<AgentWithLoad[]> {
  const load = await countOpenCasesByAgent(
    db,
    agents.map((agent) => agent.id),
    LOAD_CASE_STATUSES,
  );
  return agents.map((agent) => ({ agent, load: load.get(agent.id) ?? {} }));
}

export async function requireAgentWithLoad(db: Kysely<DB>, id: string): Promise<AgentWithLoad> {
  const [found] = await withLoad(db, [await requireAgent(db, id)]);
  if (!found) throw new Error("withLoad lost the agent");
  return found;
}

/** The agent the signed-in user works as (404 when none is linked). */
export async function requireLinkedAgent(db: Kysely<DB>, actor: Actor): Promise<AgentWithLoad> {
  const agentId = actor.kind === "user" ? (await getUser(db, actor.userId))?.agentId : undefined;
  if (agentId === undefined || agentId === null) {
    throw new AppError("agent.not_found", {
      message: "no agent is linked to your user (an admin links one with PATCH /api/v1/users/:id)",
    });
  }
  return requireAgentWithLoad(db, agentId);
}

export { listAgents };
