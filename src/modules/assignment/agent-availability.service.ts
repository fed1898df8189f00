import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Agent } from "../agents/agent.js";
import { countOpenCasesByAgent, listAgents } from "../agents/agent.repository.js";
import type { QueueSettings } from "../queues/queue-settings.js";
import { loadQueueSettings } from "../queues/queue-settings.service.js";
import {
  type AgentAvailability,
  LOAD_CASE_STATUSES,
  toAgentAvailability,
} from "./agent-availability.js";
import { findLastAssignedAt } from "./assignment.repository.js";

/** How far back the round-robin looks for an agent's latest assignment. */
export const LAST_ASSIGNED_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface AvailabilityQuery {
  /** One team's agents; every agent when absent. */
  teamId?: string;
  now: number;
  /** The queue settings in force, when the caller has them already. */
  settings?: QueueSettings;
}

/**
 * Every agent (of the team) with their presence, shift at `now`, open cases per channel,
 * capacity and skill levels, and when they were last assigned: three queries whatever the
 * number of agents (plus the settings when not given).
 */
export async function loadAgentAvailability(
  db: Kysely<DB>,
  query: AvailabilityQuery,
): Promise<AgentAvailability[]> {
  const agents = await listAgents(db, query.teamId === undefined ? {} : { teamId: query.teamId });
  return describeAvailability(db, agents, query);
}

/** The availability of agents already loaded (an agent just locked for an assignment, say). */
export async function describeAvailability(
  db: Kysely<DB>,
  agents: readonly Agent[],
  query: { now: number; settings?: QueueSettings },
): Promise<AgentAvailability[]> {
  if (agents.length === 0) return [];
  const ids = agents.map((agent) => agent.id);
  const [settings, load, lastAssigned] = await Promise.all([
    query.settings ?? loadQueueSettings(db),
    countOpenCasesByAgent(db, ids, LOAD_CASE_STATUSES),
    findLastAssignedAt(db, ids, query.now - LAST_ASSIGNED_LOOKBACK_MS),
  ]);
  return agents.map((agent) =>
    toAgentAvailability(
      agent,
      {
        load: load.get(agent.id) ?? {},
        lastAssignedAt: lastAssigned.get(agent.id) ?? null,
      },
      settings.defaultCapacity,
      query.now,
    ),
  );
}
