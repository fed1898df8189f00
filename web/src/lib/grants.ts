/**
 * Grants as the user administration shows and edits them. A grant is a role limited to teams
 * and/or regions, where an empty list means "all" (src/access/actor.ts).
 */
import { type Permission, ROLES, type Role, roleAllows } from "../../../src/access/permissions.ts";
import type { Grant, GrantInput } from "../api/types.ts";
import { formatCommaList, parseCommaList } from "./comma-list.ts";
import { ROLE_LABELS } from "./labels.ts";

/** A grant while it is edited: teams are picked, regions are typed as a comma-separated list. */
export interface GrantDraft {
  role: Role;
  teams: string[];
  regionsText: string;
}

export function newGrantDraft(role: Role = "agent"): GrantDraft {
  return { role, teams: [], regionsText: "" };
}

export function grantToDraft(grant: Grant): GrantDraft {
  return { role: grant.role, teams: [...grant.teams], regionsText: formatCommaList(grant.regions) };
}

export function draftToGrantInput(draft: GrantDraft): GrantInput {
  return {
    role: draft.role,
    teams: [...new Set(draft.teams)],
    regions: parseCommaList(draft.regionsText),
  };
}

/**
 * Where a grant applies, in words: "all teams and regions", "teams: Billing & Payments",
 * "regions: emea, apac" or both, with team ids turned into names by `teamName`.
 */
export function describeGrantScope(grant: Grant, teamName: (id: string) => string): string {
  const teams = grant.teams.map(teamName).join(", ");
  const regions = grant.regions.join(", ");
  if (teams === "" && regions === "") return "all teams and regions";
  if (regions === "") return `teams: ${teams}`;
  if (teams === "") return `regions: ${regions}`;
  return `teams: ${teams}; regions: ${regions}`;
}

/** "Team lead (teams: Billing & Payments)", "Admin (all teams and regions)". */
export function formatGrant(grant: Grant, teamName: (id: string) => string): string {
  return `${ROLE_LABELS[grant.role]} (${describeGrantScope(grant, teamName)})`;
}

/** The roles a user holds, once each, in the order of ROLES (most powerful first). */
export function roleLabelsOf(grants: readonly Grant[]): string[] {
  const held = new Set(grants.map((grant) => grant.role));
  return ROLES.filter((role) => held.has(role)).map((role) => ROLE_LABELS[role]);
}

/**
 * Whether the grants allow `permission` on the records of `teamId`, as the server's scope check
 * does: a grant of a role with the permission, for all teams or this one, and not narrowed to
 * regions (a team's agents belong to no region). "Can this team lead set this agent's presence?"
 */
export function grantsAllowForTeam(
  grants: readonly Grant[],
  permission: Permission,
  teamId: string,
): boolean {
  return grants.some(
    (grant) =>
      roleAllows(grant.role, permission) &&
      (grant.teams.length === 0 || grant.teams.includes(teamId)) &&
      grant.regions.length === 0,
  );
}
