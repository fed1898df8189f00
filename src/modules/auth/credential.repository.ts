import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ApiTokenRow } from "../users/user.table.js";

export async function insertSession(
  db: Kysely<DB>,
  session: { tokenHash: string; userId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null,
    })
    .execute();
}

export async function findSession(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<DB>, tokenHash: string, at: number): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .execute();
}

/** Ends every session of a user (on disable or password change). */
export async function revokeSessionsOfUser(
  db: Kysely<DB>,
  userId: string,
  at: number,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}

export async function insertApiToken(db: Kysely<DB>, token: ApiTokenRow): Promise<void> {
  await db.insertInto("api_tokens").values(token).execute();
}

export async function findApiTokenByHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function listApiTokensOfUser(db: Kysely<DB>, userId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function getApiToken(db: Kysely<DB>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function revokeApiToken(db: Kysely<DB>, id: string, at: number): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export async function touchApiToken(db: Kysely<DB>, id: string, at: number): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}
