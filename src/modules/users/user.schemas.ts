import Type, { type Static } from "typebox";
import { PERMISSIONS, ROLES } from "../../access/permissions.js";
import { Instant, ResourceId, toIso } from "../../http/common.schemas.js";
import type { User } from "./user.js";

const ScopeList = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 });

export const GrantSchema = Type.Object({
  role: Type.Enum([...ROLES]),
  teams: ScopeList,
  regions: ScopeList,
});

export const GrantInput = Type.Object(
  {
    role: Type.Enum([...ROLES]),
    teams: Type.Optional(ScopeList),
    regions: Type.Optional(ScopeList),
  },
  { additionalProperties: false },
);

export const UserResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  disabled: Type.Boolean(),
  grants: Type.Array(GrantSchema),
  agentId: Type.Union([Type.String(), Type.Null()], {
    description: "The agent this user works as: they may set its presence and pull its next case",
  }),
  createdAt: Instant,
  updatedAt: Instant,
});
export type UserResponse = Static<typeof UserResponse>;

/** The signed-in user, with the permissions their grants add up to. */
export const CurrentUserResponse = Type.Object({
  ...UserResponse.properties,
  permissions: Type.Array(Type.Enum([...PERMISSIONS])),
});

export const UserListResponse = Type.Object({ items: Type.Array(UserResponse) });

const Email = Type.String({ minLength: 3, maxLength: 320, pattern: "^[^@\\s]+@[^@\\s]+$" });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
/** The agent a user works as (null: none); one user per agent. */
const AgentLink = Type.Union([ResourceId, Type.Null()]);

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Name,
    password: Password,
    grants: Type.Array(GrantInput, { maxItems: 20 }),
    agentId: Type.Optional(AgentLink),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    password: Type.Optional(Password),
    disabled: Type.Optional(Type.Boolean()),
    grants: Type.Optional(Type.Array(GrantInput, { maxItems: 20 })),
    agentId: Type.Optional(AgentLink),
  },
  { additionalProperties: false, minProperties: 1 },
);

export function toGrants(input: Static<typeof GrantInput>[]) {
  return input.map((grant) => ({
    role: grant.role,
    teams: grant.teams ?? [],
    regions: grant.regions ?? [],
  }));
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    disabled: user.disabled,
    grants: user.grants,
    agentId: user.agentId,
    createdAt: toIso(user.createdAt),
    updatedAt: toIso(user.updatedAt),
  };
}
