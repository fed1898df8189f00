import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import { decoyPasswordHash, verifyPassword } from "../users/password.js";
import { normaliseEmail, type User } from "../users/user.js";
import { findUserCredentials, getUser } from "../users/user.repository.js";
import {
  API_TOKEN_PREFIX,
  hashSecret,
  newSecret,
  SESSION_PREFIX,
  SESSION_TTL_MS,
} from "./credential.js";
import {
  findApiTokenByHash,
  findSession,
  getApiToken,
  insertApiToken,
  insertSession,
  listApiTokensOfUser,
  revokeApiToken,
  revokeSession,
  touchApiToken,
} from "./credential.repository.js";

const INVALID_CREDENTIALS = () =>
  new AppError("auth.invalid_credentials", { message: "email or password is wrong" });

/**
 * Checks an email and password and opens a session. An unknown email, a disabled user and a
 * wrong password all take one scrypt verification and give the same error, so neither the
 * answer nor its timing tells which accounts exist.
 */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string },
  now: number,
): Promise<{ token: string; expiresAt: number; user: User }> {
  const found = await findUserCredentials(db, normaliseEmail(input.email));
  const matches = await verifyPassword(
    input.password,
    found?.passwordHash ?? (await decoyPasswordHash()),
  );
  if (!found || !matches || found.user.disabled) throw INVALID_CREDENTIALS();
  const token = newSecret(SESSION_PREFIX);
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, {
    tokenHash: hashSecret(token),
    userId: found.user.id,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt, user: found.user };
}

export async function logout(db: Kysely<DB>, token: string, now: number): Promise<void> {
  if (token.startsWith(SESSION_PREFIX)) await revokeSession(db, hashSecret(token), now);
}

/** The actor a bearer secret stands for, or undefined when it is unknown, expired or revoked. */
export async function authenticate(
  db: Kysely<DB>,
  secret: string,
  now: number,
): Promise<Actor | undefined> {
  const tokenHash = hashSecret(secret);
  let userId: string;
  let tokenId: string | undefined;
  if (secret.startsWith(SESSION_PREFIX)) {
    const session = await findSession(db, tokenHash);
    if (!session || session.revoked_at !== null || session.expires_at <= now) return undefined;
    userId = session.user_id;
  } else if (secret.startsWith(API_TOKEN_PREFIX)) {
    const token = await findApiTokenByHash(db, tokenHash);
    if (
      !token ||
      token.revoked_at !== null ||
      (token.expires_at !== null && token.expires_at <= now)
    ) {
      return undefined;
    }
    userId = token.user_id;
    tokenId = token.id;
    // Last use to the minute is enough for "is this token still used?" and saves a write a request.
    if (token.last_used_at === null || now - token.last_used_at > 60_000) {
      await touchApiToken(db, token.id, now);
    }
  } else {
    return undefined;
  }
  const user = await getUser(db, userId);
  if (!user || user.disabled) return undefined;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: user.grants,
    via: tokenId === undefined ? "session" : "token",
    ...(tokenId === undefined ? {} : { tokenId }),
  };
}

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

function toTokenView(row: Awaited<ReturnType<typeof listApiTokensOfUser>>[number]): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") {
    throw new AppError("access.forbidden", { message: "API tokens belong to users" });
  }
  return actor.userId;
}

/** Creates an API token for the acting user; it acts with that user's grants. */
export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor,
  input: { name: string; expiresInDays?: number },
  now: number,
): Promise<{ token: string; view: ApiTokenView }> {
  const userId = userIdOf(actor);
  const token = newSecret(API_TOKEN_PREFIX);
  const row = {
    id: `tok_${randomUUID()}`,
    user_id: userId,
    name: input.name,
    token_hash: hashSecret(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    created_at: now,
    expires_at: input.expiresInDays === undefined ? null : now + input.expiresInDays * 86_400_000,
    last_used_at: null,
    revoked_at: null,
  };
  const view = toTokenView(row);
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await appendAudit(trx, {
      actor,
      action: "token.create",
      targetKind: "token",
      targetId: view.id,
      after: view,
    });
  });
  return { token, view };
}

export async function listApiTokens(db: Kysely<DB>, actor: Actor): Promise<ApiTokenView[]> {
  return (await listApiTokensOfUser(db, userIdOf(actor))).map(toTokenView);
}

/** Revokes one of the user's own tokens; someone else's token answers as if it did not exist. */
export async function revokeOwnApiToken(
  db: Kysely<DB>,
  actor: Actor,
  tokenId: string,
  now: number,
): Promise<ApiTokenView> {
  const token = await getApiToken(db, tokenId);
  if (!token || token.user_id !== userIdOf(actor)) {
    throw new AppError("token.not_found", { message: `token "${tokenId}" does not exist` });
  }
  const after = toTokenView({ ...token, revoked_at: token.revoked_at ?? now });
  await db.transaction().execute(async (trx) => {
    await revokeApiToken(trx, tokenId, now);
    await appendAudit(trx, {
      actor,
      action: "token.revoke",
      targetKind: "token",
      targetId: tokenId,
      before: toTokenView(token),
      after,
    });
  });
  return after;
}
