import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission, scopeContainsGrant } from "../../access/access.js";
import type { Actor, Grant } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { getAgent } from "../agents/agent.repository.js";
import { appendAudit } from "../audit/audit.service.js";
import { revokeSessionsOfUser } from "../auth/credential.repository.js";
import { findTeamsByIds } from "../teams/team.repository.js";
import { hashPassword } from "./password.js";
import { MIN_PASSWORD_LENGTH, normaliseEmail, type User } from "./user.js";
import {
  findUserCredentials,
  findUserOfAgent,
  getUser,
  insertUser,
  listUsers,
  replaceGrants,
  updateUserRow,
} from "./user.repository.js";

export async function requireUser(db: Kysely<DB>, id: string): Promise<User> {
  const user = await getUser(db, id);
  if (!user) throw new AppError("user.not_found", { message: `user "${id}" does not exist` });
  return user;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("request.invalid", {
      message: `body.password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      field: "body.password",
    });
  }
}

/**
 * A user manager scoped to teams or regions may only give grants inside that scope, and only
 * change users whose grants lie inside it; anything else is out of reach.
 */
function checkGrantsInScope(actor: Actor, grants: Grant[], field: string): void {
  const scope = requirePermission(actor, "user:write");
  for (const [index, grant] of grants.entries()) {
    if (!scopeContainsGrant(scope, grant)) {
      throw new AppError("access.forbidden", {
        message: "a grant reaches beyond the teams or regions you may manage",
        field: `${field}.${index}`,
      });
    }
  }
}

/** Grants may only name teams that exist: a typo would otherwise grant nothing, silently. */
async function checkGrantTeams(db: Kysely<DB>, grants: Grant[]): Promise<void> {
  const named = [...new Set(grants.flatMap((grant) => grant.teams))];
  const found = new Set((await findTeamsByIds(db, named)).map((team) => team.id));
  for (const [index, grant] of grants.entries()) {
    const missing = grant.teams.find((team) => !found.has(team));
    if (missing !== undefined) {
      throw new AppError("team.not_found", {
        message: `team "${missing}" does not exist`,
        field: `body.grants.${index}.teams`,
      });
    }
  }
}

/**
 * A user may be linked to an agent that exists and no other user works as (one person, one
 * agent); null unlinks.
 */
async function checkAgentLink(
  db: Kysely<DB>,
  agentId: string | null | undefined,
  userId: string | null,
): Promise<void> {
  if (agentId === undefined || agentId === null) return;
  if (!(await getAgent(db, agentId))) {
    throw new AppError("agent.not_found", {
      message: `agent "${agentId}" does not exist`,
      field: "body.agentId",
    });
  }
  const linked = await findUserOfAgent(db, agentId);
  if (linked && linked.id !== userId) {
    throw new AppError("request.invalid", {
      message: `agent "${agentId}" is linked to user ${linked.email} already`,
      field: "body.agentId",
    });
  }
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  grants: Grant[];
  agentId?: string | null;
}

export async function createUser(
  db: Kysely<DB>,
  input: CreateUserInput,
  now: number,
  actor: Actor,
): Promise<User> {
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const email = normaliseEmail(input.email);
    if (await findUserCredentials(trx, email)) {
      throw new AppError("user.already_exists", {
        message: `a user with email "${email}" exists already`,
        field: "body.email",
      });
    }
    checkGrantsInScope(actor, input.grants, "body.grants");
    await checkGrantTeams(trx, input.grants);
    await checkAgentLink(trx, input.agentId, null);
    const user: User = {
      id: `usr_${randomUUID()}`,
      email,
      name: input.name,
      disabled: false,
      grants: input.grants,
      agentId: input.agentId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await insertUser(trx, user, passwordHash);
    await appendAudit(trx, {
      actor,
      action: "user.create",
      targetKind: "user",
      targetId: user.id,
      after: user,
    });
    return user;
  });
}

export interface UpdateUserInput {
  name?: string;
  password?: string;
  disabled?: boolean;
  grants?: Grant[];
  agentId?: string | null;
}

/**
 * Changes a user. A new password or disabling ends the user's sessions, so a stolen session
 * does not outlive the remedy.
 */
export async function updateUser(
  db: Kysely<DB>,
  id: string,
  input: UpdateUserInput,
  now: number,
  actor: Actor,
): Promise<{ before: User; after: User }> {
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash =
    input.password === undefined ? undefined : await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const before = await requireUser(trx, id);
    checkGrantsInScope(actor, before.grants, "params.id");
    if (input.grants !== undefined) {
      checkGrantsInScope(actor, input.grants, "body.grants");
      await checkGrantTeams(trx, input.grants);
      await replaceGrants(trx, id, input.grants);
    }
    await checkAgentLink(trx, input.agentId, id);
    await updateUserRow(trx, id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(passwordHash === undefined ? {} : { passwordHash }),
      ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
      ...(input.agentId === undefined ? {} : { agentId: input.agentId }),
      updatedAt: now,
    });
    if (passwordHash !== undefined || input.disabled === true) {
      await revokeSessionsOfUser(trx, id, now);
    }
    const after = await requireUser(trx, id);
    await appendAudit(trx, {
      actor,
      action: "user.update",
      targetKind: "user",
      targetId: id,
      // The password itself is never recorded, only that it changed.
      before: { ...before, passwordChanged: false },
      after: { ...after, passwordChanged: passwordHash !== undefined },
    });
    return { before, after };
  });
}

export { listUsers };
