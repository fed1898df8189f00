import { AppError } from "../errors.js";
import type { Actor, Grant } from "./actor.js";
import { type Permission, roleAllows } from "./permissions.js";

/**
 * Where an actor may use a permission: everywhere, or only within some (teams, regions) scopes.
 * A scope with an empty list does not restrict on that dimension. An actor holding the
 * permission through several grants gets the union of their scopes.
 */
export type Scope =
  | { all: true }
  | { all: false; within: { teams: string[]; regions: string[] }[] };

export function scopeOf(actor: Actor, permission: Permission): Scope | undefined {
  if (actor.kind === "system") return { all: true };
  const grants = actor.grants.filter((grant: Grant) => roleAllows(grant.role, permission));
  if (grants.length === 0) return undefined;
  if (grants.some((grant) => grant.teams.length === 0 && grant.regions.length === 0)) {
    return { all: true };
  }
  return {
    all: false,
    within: grants.map((grant) => ({ teams: grant.teams, regions: grant.regions })),
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return scopeOf(actor, permission) !== undefined;
}

/** Throws `access.forbidden` when the actor holds the permission nowhere. */
export function requirePermission(actor: Actor, permission: Permission): Scope {
  const scope = scopeOf(actor, permission);
  if (!scope) {
    throw new AppError("access.forbidden", { message: `this needs the ${permission} permission` });
  }
  return scope;
}

/** Whether a record owned by `teamId` for a customer in `region` lies inside the scope. */
export function scopeCovers(scope: Scope, record: { teamId?: string; region?: string }): boolean {
  if (scope.all) return true;
  return scope.within.some(
    (within) =>
      (within.teams.length === 0 ||
        (record.teamId !== undefined && within.teams.includes(record.teamId))) &&
      (within.regions.length === 0 ||
        (record.region !== undefined && within.regions.includes(record.region))),
  );
}

/** Every permission the actor holds somewhere, for the web app to shape its navigation. */
export function permissionsOf(actor: Actor, all: readonly Permission[]): Permission[] {
  return all.filter((permission) => can(actor, permission));
}

/**
 * Whether a grant stays inside a scope: a user who may manage users only for some teams or
 * regions cannot hand out (or change) a grant reaching beyond them.
 */
export function scopeContainsGrant(scope: Scope, grant: Grant): boolean {
  if (scope.all) return true;
  const within = (allowed: string[], given: string[]) =>
    allowed.length === 0 || (given.length > 0 && given.every((item) => allowed.includes(item)));
  return scope.within.some(
    (limit) => within(limit.teams, grant.teams) && within(limit.regions, grant.regions),
  );
}
