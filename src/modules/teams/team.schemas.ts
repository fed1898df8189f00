import Type, { type Static } from "typebox";
import { Instant, ResourceId, toIso } from "../../http/common.schemas.js";
import type { Team } from "./team.js";

export const TeamResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hourlyCost: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type TeamResponse = Static<typeof TeamResponse>;

export const TeamListResponse = Type.Object({ items: Type.Array(TeamResponse) });

export const CreateTeamBody = Type.Object(
  {
    id: ResourceId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    hourlyCost: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export function toTeamResponse(team: Team): TeamResponse {
  return {
    id: team.id,
    name: team.name,
    hourlyCost: team.hourlyCost,
    createdAt: toIso(team.createdAt),
    updatedAt: toIso(team.updatedAt),
  };
}
