import { scopeCovers } from "../../access/access.js";
import type { Grant } from "../../access/actor.js";
import type { Role } from "../../access/permissions.js";
import type { EscalationTarget } from "./escalation-policy.js";

/** A user as recipient resolution sees them. */
export interface PossibleRecipient {
  id: string;
  disabled: boolean;
  grants: Grant[];
}

/** Where the case stands: the team that owes the work and its customer's region. */
export interface EscalationScope {
  teamId: string;
  region: string;
}

/** Whether one of the user's grants of `role` covers the team and region (empty lists: all). */
function holdsRoleFor(user: PossibleRecipient, role: Role, scope: EscalationScope): boolean {
  return user.grants.some(
    (grant) =>
      grant.role === role &&
      scopeCovers({ all: false, within: [{ teams: grant.teams, regions: grant.regions }] }, scope),
  );
}

/**
 * The users a step's target names, for a case in `scope`, sorted by id; disabled users never.
 * - `team_lead`: users with a team_lead grant covering the case's team and region;
 * - `manager`: users with an ops_manager grant covering them;
 * - `role`: users with a grant of that role covering them;
 * - `user`: that user, wherever the case is (the policy names them on purpose);
 * - `team`: the team leads of the named team (the escalation goes to that team), in the region.
 */
export function resolveRecipients(
  users: readonly PossibleRecipient[],
  target: EscalationTarget,
  scope: EscalationScope,
): string[] {
  const active = users.filter((user) => !user.disabled);
  let chosen: PossibleRecipient[];
  switch (target.kind) {
    case "team_lead":
      chosen = active.filter((user) => holdsRoleFor(user, "team_lead", scope));
      break;
    case "manager":
      chosen = active.filter((user) => holdsRoleFor(user, "ops_manager", scope));
      break;
    case "role":
      chosen = active.filter((user) => holdsRoleFor(user, target.role, scope));
      break;
    case "user":
      chosen = active.filter((user) => user.id === target.user);
      break;
    case "team":
      chosen = active.filter((user) =>
        holdsRoleFor(user, "team_lead", { ...scope, teamId: target.team }),
      );
      break;
  }
  return chosen.map((user) => user.id).sort();
}
