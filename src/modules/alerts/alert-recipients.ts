import { type Scope, scopeCovers } from "../../access/access.js";
import type { Grant } from "../../access/actor.js";
import { type Role, roleAllows } from "../../access/permissions.js";
import type { AlertSlice } from "./alert.js";

/** A user as recipient resolution sees them. */
export interface PossibleRecipient {
  id: string;
  disabled: boolean;
  grants: Grant[];
}

/**
 * Where a slice lies for access: a team slice in its team (an agent's in the agent's team), a
 * region slice in its region; every other slice (the workspace, a channel, a category, a tier, a
 * segment) spans every team and region.
 */
export type SliceScope = { teamId?: string; region?: string };

export function scopeOfSlice(
  slice: AlertSlice,
  agentTeams: ReadonlyMap<string, string>,
): SliceScope {
  switch (slice.dim) {
    case "team":
      return { teamId: slice.key };
    case "agent": {
      const teamId = agentTeams.get(slice.key);
      return teamId === undefined ? {} : { teamId };
    }
    case "region":
      return { region: slice.key };
    default:
      return {};
  }
}

/**
 * The users an alert of this slice notifies, sorted by id: active users holding a grant of one of
 * the rule's roles that reads metrics and covers the slice's scope. A grant limited to some teams
 * covers those teams' slices only; one limited to regions covers those regions' slices only, so
 * a team lead hears about their team and an unrestricted manager about everything.
 */
export function resolveAlertRecipients(
  users: readonly PossibleRecipient[],
  roles: readonly Role[],
  scope: SliceScope,
): string[] {
  return users
    .filter(
      (user) =>
        !user.disabled &&
        user.grants.some(
          (grant) =>
            roles.includes(grant.role) &&
            roleAllows(grant.role, "metrics:read") &&
            scopeCovers(
              { all: false, within: [{ teams: grant.teams, regions: grant.regions }] },
              scope,
            ),
        ),
    )
    .map((user) => user.id)
    .sort();
}

/**
 * The alert slices a metrics:read scope covers, in the terms of `scopeOfSlice`: team slices (and
 * their agents' slices) of the teams a team-only grant names, region slices of the regions a
 * region-only grant names. A grant limited to both teams and regions covers no slice, since a
 * slice lies in a team or in a region, never in both; `all` when the scope is unrestricted.
 */
export function alertSlicesCovered(scope: Scope): "all" | { teams: string[]; regions: string[] } {
  if (scope.all) return "all";
  const teams = new Set<string>();
  const regions = new Set<string>();
  for (const within of scope.within) {
    if (within.regions.length === 0) for (const team of within.teams) teams.add(team);
    if (within.teams.length === 0) for (const region of within.regions) regions.add(region);
  }
  return { teams: [...teams].sort(), regions: [...regions].sort() };
}
