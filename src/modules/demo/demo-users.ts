import type { Kysely } from "kysely";
import { type Grant, SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { countUsers, findUserCredentials } from "../users/user.repository.js";
import { createUser } from "../users/user.service.js";

/** One sign-in per role, so every screen can be tried as each kind of user. */
export const DEMO_PASSWORD = "throughline-demo";

export const DEMO_USERS: { email: string; name: string; grants: Grant[] }[] = [
  {
    email: "admin@demo.throughline.dev",
    name: "Ada Admin",
    grants: [{ role: "admin", teams: [], regions: [] }],
  },
  {
    email: "ops@demo.throughline.dev",
    name: "Omar Ops",
    grants: [{ role: "ops_manager", teams: [], regions: [] }],
  },
  {
    email: "lead.billing@demo.throughline.dev",
    name: "Lena Lead",
    grants: [{ role: "team_lead", teams: ["billing"], regions: [] }],
  },
  {
    email: "agent.billing@demo.throughline.dev",
    name: "Arun Agent",
    grants: [{ role: "agent", teams: ["billing"], regions: [] }],
  },
  {
    email: "analyst@demo.throughline.dev",
    name: "Ana Analyst",
    grants: [{ role: "analyst", teams: [], regions: [] }],
  },
  {
    email: "auditor@demo.throughline.dev",
    name: "Aldo Auditor",
    grants: [{ role: "auditor", teams: [], regions: [] }],
  },
];

/** Creates the demo users when the store has no users yet; returns whether it did. */
export async function seedDemoUsers(db: Kysely<DB>, now: number): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  for (const user of DEMO_USERS) {
    await createUser(db, { ...user, password: DEMO_PASSWORD }, now, SYSTEM_ACTORS.demo);
  }
  return true;
}

/** Whether the demo sign-ins exist (and still work as printed): the demo admin is present. */
export async function hasDemoUsers(db: Kysely<DB>): Promise<boolean> {
  const admin = DEMO_USERS[0];
  return admin !== undefined && (await findUserCredentials(db, admin.email)) !== undefined;
}

export function describeDemoLogins(): string {
  const lines = DEMO_USERS.map(
    (user) =>
      `  ${user.grants
        .map((grant) => grant.role)
        .join(", ")
        .padEnd(12)} ${user.email}`,
  );
  return [`Demo sign-ins (password "${DEMO_PASSWORD}"):`, ...lines].join("\n");
}
