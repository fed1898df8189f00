import Type, { type Static } from "typebox";
import { Instant, ResourceId, toIso } from "../../http/common.schemas.js";
import { AGENT_PRESENCES, CHANNELS, type Channel } from "../events/event.types.js";
import { WEEKDAYS } from "../sla/calendar.js";
import type { Agent } from "./agent.js";

const Skill = Type.String({ minLength: 1, maxLength: 100 });
const Skills = Type.Array(Skill, { maxItems: 100 });
const SkillLevels = Type.Record(Skill, Type.Integer({ minimum: 1, maximum: 5 }), {
  maxProperties: 100,
  description: "Skill → level, 1 (basic) to 5 (expert); a skill in `skills` without one is at 3",
});
const Capacity = Type.Object(
  Object.fromEntries(
    CHANNELS.map((channel) => [channel, Type.Optional(Type.Integer({ minimum: 0, maximum: 100 }))]),
  ),
  {
    additionalProperties: false,
    description:
      "Cases of each channel the agent works at once; a channel not listed takes the default of GET /api/v1/queue-settings",
  },
);
const TimeOfDay = Type.String({
  pattern: "^\\d{2}:\\d{2}$",
  description: "HH:MM, 24:00 ends a day",
});
const Shift = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 64, description: "IANA time zone" }),
    hours: Type.Object(
      Object.fromEntries(
        WEEKDAYS.map((day) => [
          day,
          Type.Optional(Type.Array(Type.Tuple([TimeOfDay, TimeOfDay]), { maxItems: 8 })),
        ]),
      ),
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description:
      'The agent\'s working hours, e.g. {"timezone": "Europe/Berlin", "hours": {"mon": [["09:00", "17:00"]]}}',
  },
);

export const AgentResponse = Type.Object({
  id: Type.String(),
  teamId: Type.String(),
  name: Type.String(),
  skills: Type.Array(Type.String()),
  skillLevels: Type.Record(Type.String(), Type.Integer()),
  capacity: Type.Record(Type.String(), Type.Integer(), {
    description: "The agent's own capacities; channels not listed take the default",
  }),
  shift: Type.Union([Shift, Type.Null()], {
    description: "Working hours; null: on shift whenever available",
  }),
  presence: Type.Enum([...AGENT_PRESENCES]),
  presenceAt: Instant,
  load: Type.Object(
    Object.fromEntries(CHANNELS.map((channel) => [channel, Type.Integer({ minimum: 0 })])),
    { description: "Open cases assigned to the agent now, per channel" },
  ),
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
    skills: Type.Optional(Skills),
    skillLevels: Type.Optional(SkillLevels),
    capacity: Type.Optional(Capacity),
    shift: Type.Optional(Shift),
  },
  { additionalProperties: false },
);
export type CreateAgentBody = Static<typeof CreateAgentBody>;

export const UpdateAgentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    team: Type.Optional(ResourceId),
    skills: Type.Optional(Skills),
    skillLevels: Type.Optional(SkillLevels),
    capacity: Type.Optional(Capacity),
    shift: Type.Optional(
      Type.Union([Shift, Type.Null()], {
        description: "Working hours; null clears them (on shift whenever available)",
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAgentBody = Static<typeof UpdateAgentBody>;

export const SetPresenceBody = Type.Object(
  {
    presence: Type.Enum([...AGENT_PRESENCES], {
      description: "available: takes new cases; busy: keeps working, takes none pushed; away",
    }),
  },
  { additionalProperties: false },
);

/** An agent with what they work on now (`load`: open cases per channel). */
export function toAgentResponse(
  agent: Agent,
  load: Partial<Record<Channel, number>> = {},
): AgentResponse {
  return {
    id: agent.id,
    teamId: agent.teamId,
    name: agent.name,
    skills: agent.skills,
    skillLevels: agent.skillLevels,
    capacity: agent.capacity,
    shift: agent.shift,
    presence: agent.presence,
    presenceAt: toIso(agent.presenceAt),
    load: Object.fromEntries(CHANNELS.map((channel) => [channel, load[channel] ?? 0])),
    createdAt: toIso(agent.createdAt),
    updatedAt: toIso(agent.updatedAt),
  };
}
