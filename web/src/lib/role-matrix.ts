/** The roles × permissions matrix of the Roles page, from GET /roles. */
import { PERMISSIONS } from "../../../src/access/permissions.ts";
import type { RoleInfo } from "../api/types.ts";

export interface PermissionRow {
  permission: string;
  /** Whether each role, in the order given, holds the permission. */
  held: boolean[];
}

/**
 * One row per permission any role holds, in the documented order of PERMISSIONS (permissions the
 * web app does not know yet follow, in the order the server listed them).
 */
export function permissionRows(roles: readonly RoleInfo[]): PermissionRow[] {
  const listed = new Set<string>(roles.flatMap((role) => role.permissions));
  const known: readonly string[] = PERMISSIONS;
  const ordered = [
    ...known.filter((permission) => listed.has(permission)),
    ...[...listed].filter((permission) => !known.includes(permission)),
  ];
  return ordered.map((permission) => ({
    permission,
    held: roles.map((role) => (role.permissions as readonly string[]).includes(permission)),
  }));
}
