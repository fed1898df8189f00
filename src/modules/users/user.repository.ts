import type { Kysely } from "kysely";
import type { Grant } from "../../access/actor.js";
import type { Role } from "../../access/permissions.js";
import type { DB } from "../../db/schema.js";
import type { User } from "./user.js";
import type { UserRow } from "./user.table.js";

async function loadGrants(db: Kysely<DB>, userIds: string[]): Promise<Map<string, Grant[]>> {
  const grants = new Map<string, Grant[]>();
  if (userIds.length === 0) return grants;
  const rows = await db
    .selectFrom("user_grants")
    .selectAll()
    .where("user_id", "in", userIds)
    .orderBy("user_id")
    .orderBy("position")
    .execute();
  for (const row of rows) {
    const list = grants.get(row.user_id) ?? [];
    list.push({
      role: row.role as Role,
      teams: JSON.parse(row.teams) as string[],
      regions: JSON.parse(row.regions) as string[],
    });
    grants.set(row.user_id, list);
  }
  return grants;
}

function toUser(row: UserRow, grants: Grant[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    disabled: row.disabled === 1,
    grants,
    agentId: row.agent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return toUser(row, (await loadGrants(db, [row.id])).get(row.id) ?? []);
}

/** The user with this (normalised) email and their password hash, for login. */
export async function findUserCredentials(
  db: Kysely<DB>,
  email: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  if (!row) return undefined;
  const grants = (await loadGrants(db, [row.id])).get(row.id) ?? [];
  return { user: toUser(row, grants), passwordHash: row.password_hash };
}

/** The user linked to the agent, if any. */
export async function findUserOfAgent(db: Kysely<DB>, agentId: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("agent_id", "=", agentId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toUser(row, (await loadGrants(db, [row.id])).get(row.id) ?? []);
}

export async function listUsers(db: Kysely<DB>): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
  const grants = await loadGrants(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toUser(row, grants.get(row.id) ?? []));
}

export async function insertUser(db: Kysely<DB>, user: User, passwordHash: string): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email,
      name: user.name,
      password_hash: passwordHash,
      disabled: user.disabled ? 1 : 0,
      agent_id: user.agentId,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
  await replaceGrants(db, user.id, user.grants);
}

export async function updateUserRow(
  db: Kysely<DB>,
  id: string,
  changes: {
    name?: string;
    passwordHash?: string;
    disabled?: boolean;
    agentId?: string | null;
    updatedAt: number;
  },
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
      ...(changes.agentId === undefined ? {} : { agent_id: changes.agentId }),
      updated_at: changes.updatedAt,
    })
    .where("id", "=", id)
    .execute();
}

export async function replaceGrants(
  db: Kysely<DB>,
  userId: string,
  grants: Grant[],
): Promise<void> {
  await db.deleteFrom("user_grants").where("user_id", "=", userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto("user_grants")
    .values(
      grants.map((grant, position) => ({
        user_id: userId,
        position,
        role: grant.role,
        teams: JSON.stringify(grant.teams),
        regions: JSON.stringify(grant.regions),
      })),
    )
    .execute();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
