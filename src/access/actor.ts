import type { Role } from "./permissions.js";

/** One role held by a user, limited to teams and/or regions; an empty list means "all". */
export interface Grant {
  role: Role;
  teams: string[];
  regions: string[];
}

/**
 * Who is acting. Requests act as a user (through a session or an API token); the CLI and
 * background jobs act as the system, which is not subject to grants.
 */
export type Actor =
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      grants: Grant[];
      via: "session" | "token";
      /** The API token's id when `via` is "token". */
      tokenId?: string;
    }
  | { kind: "system"; name: string };

export const SYSTEM_ACTORS = {
  cli: { kind: "system", name: "cli" },
  scheduler: { kind: "system", name: "scheduler" },
  demo: { kind: "system", name: "demo" },
} as const satisfies Record<string, Actor>;

/** A short, stable label for logs and the audit trail: `user:<id>` or `system:<name>`. */
export function describeActor(actor: Actor): string {
  return actor.kind === "user" ? `user:${actor.userId}` : `system:${actor.name}`;
}
