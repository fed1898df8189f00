/**
 * What the signed-in user may open, from the permissions GET /auth/me lists. The server stays
 * the authority on every request; these checks only keep the UI from leading into dead ends.
 */
import type { Permission } from "../../../src/access/permissions.ts";

export function hasPermission(granted: readonly string[], permission: Permission): boolean {
  return granted.includes(permission);
}

/** True when any of `required` is granted; an empty `required` asks for nothing. */
export function hasAnyPermission(
  granted: readonly string[],
  required: readonly Permission[],
): boolean {
  return required.length === 0 || required.some((permission) => granted.includes(permission));
}

/** Something the UI offers only to holders of one of its `requires` permissions. */
export interface Gated {
  requires?: readonly Permission[];
}

export function allowedItems<T extends Gated>(
  items: readonly T[],
  granted: readonly string[],
): T[] {
  return items.filter((item) => hasAnyPermission(granted, item.requires ?? []));
}

/** The first allowed item that has a path: where "/" and a finished login lead by default. */
export function homePathFor(
  items: readonly (Gated & { path?: string })[],
  granted: readonly string[],
): string | null {
  return allowedItems(items, granted).find((item) => item.path !== undefined)?.path ?? null;
}
