import Type, { type Static } from "typebox";
import { Instant, ResourceId, toIso } from "../../http/common.schemas.js";
import type { Agent } from "./agent.js";

export const AgentResponse = Type.Object({
  id: Type.String(),
  teamId: Type.String(),
  name: Type.String(),
  skills: Type.Array(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
});
export type AgentResponse = Static<typeof AgentResponse>;

export const AgentListResponse = Type.Object({ items: Type.Array(AgentResponse) });

export const ListAgentsQuery = Type.Object({ team: Type.Optional(ResourceId) });

export const CreateAgentBody = Type.Object(
  {
    id: ResourceId,
    team: ResourceId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    skills: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);

export function toAgentResponse(agent: Agent): AgentResponse {
  return {
    id: agent.id,
    teamId: agent.teamId,
    name: agent.name,
    skills: agent.skills,
    createdAt: toIso(agent.createdAt),
    updatedAt: toIso(agent.updatedAt),
  };
}
