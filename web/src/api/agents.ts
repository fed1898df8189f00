/**
 * Fetch helpers for agents at work (issue 5): the signed-in user's own agent, presence, profile
 * changes (skills with levels, capacities, shift) and taking the next case (pull mode).
 */
import type { Static } from "typebox";
import type { UpdateAgentBody } from "../../../src/modules/agents/agent.schemas.ts";
import type { NextCaseResponse } from "../../../src/modules/assignment/assignment.schemas.ts";
import type { AgentPresence } from "../../../src/modules/events/event.types.ts";
import { pathSegment, requestJson } from "./client.ts";
import type { Agent } from "./types.ts";

export type { AgentPresence };
export type AgentUpdate = UpdateAgentBody;
export type AgentShift = NonNullable<Agent["shift"]>;
export type NextCase = Static<typeof NextCaseResponse>;

function agentPath(id: string, action?: string): string {
  const base = `/api/v1/agents/${pathSegment(id)}`;
  return action === undefined ? base : `${base}/${action}`;
}

/** The agent the signed-in user works as; 404 `agent.not_found` when none is linked. */
export function getMyAgent(signal?: AbortSignal): Promise<Agent> {
  return requestJson("/api/v1/me/agent", { signal });
}

/** The agent themself, or someone who may change the agents of the agent's team. */
export function setAgentPresence(id: string, presence: AgentPresence): Promise<Agent> {
  return requestJson(agentPath(id, "presence"), { method: "PUT", body: { presence } });
}

export function updateAgent(id: string, change: AgentUpdate): Promise<Agent> {
  return requestJson(agentPath(id), { method: "PATCH", body: change });
}

/**
 * The agent takes the highest-scored waiting case of their team they can work: `case` is null
 * when nothing waits that they could take; 409 `assignment.unavailable` when they are away, off
 * shift or at capacity.
 */
export function takeNextCase(id: string): Promise<NextCase> {
  return requestJson(agentPath(id, "next-case"), { method: "POST", body: {} });
}
