import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission, type Scope } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { listEventsOfCase, type StoredEvent } from "../events/event.repository.js";
import type { CaseStatus, Channel, Priority } from "../events/event.types.js";
import { writeEvent } from "../events/event-writer.js";
import type { Case } from "./case.js";
import { getCase as findCase, listCases } from "./case.repository.js";

/** The case, if it exists inside `scope`; a case outside answers exactly like a missing one. */
export async function requireCase(
  db: Kysely<DB>,
  id: string,
  scope: Scope = { all: true },
): Promise<Case> {
  const found = await findCase(db, id, scope);
  if (!found) throw new AppError("case.not_found", { message: `case "${id}" does not exist` });
  return found;
}

export interface CasePageQuery {
  status?: CaseStatus;
  team?: string;
  agent?: string;
  customer?: string;
  channel?: Channel;
  priority?: Priority;
  category?: string;
  openedFrom?: string;
  openedTo?: string;
  limit: number;
  cursor?: string;
}

function parseBound(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new AppError("request.invalid", { message: `${field} is not a date-time`, field });
  }
  return ms;
}

export async function findCases(
  db: Kysely<DB>,
  actor: Actor,
  query: CasePageQuery,
): Promise<{ items: Case[]; nextCursor: string | null }> {
  const scope = requirePermission(actor, "case:read");
  const openedFrom = parseBound(query.openedFrom, "querystring.openedFrom");
  const openedTo = parseBound(query.openedTo, "querystring.openedTo");
  if (openedFrom !== undefined && openedTo !== undefined && openedFrom > openedTo) {
    throw new AppError("request.invalid", {
      message: "openedFrom is after openedTo",
      field: "querystring.openedFrom",
    });
  }
  const after =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number", "string"]);
  const items = await listCases(db, {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.team === undefined ? {} : { teamId: query.team }),
    ...(query.agent === undefined ? {} : { agentId: query.agent }),
    ...(query.customer === undefined ? {} : { customerId: query.customer }),
    ...(query.channel === undefined ? {} : { channel: query.channel }),
    ...(query.priority === undefined ? {} : { priority: query.priority }),
    ...(query.category === undefined ? {} : { category: query.category }),
    ...(openedFrom === undefined ? {} : { openedFrom }),
    ...(openedTo === undefined ? {} : { openedTo }),
    ...(after === undefined ? {} : { after: { openedAt: after[0], id: after[1] } }),
    scope,
    limit: query.limit + 1,
  });
  const page = items.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.openedAt, last.id]) : null,
  };
}

export interface OpenCaseInput {
  id?: string;
  customer: string;
  channel: Channel;
  category: string;
  priority: Priority;
  team: string;
  subject?: string;
  /** Extension fields, kept in the `case.opened` event (intake rules may require them). */
  callbackNumber?: string;
  accountId?: string;
  orderId?: string;
}

/** Opens a case now: a `case.opened` event and the case row, in one transaction. */
export async function openCase(
  db: Kysely<DB>,
  actor: Actor,
  input: OpenCaseInput,
  now: Date,
): Promise<Case> {
  const id = input.id ?? `case_${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    const { id: _ignored, ...fields } = input;
    await writeEvent(trx, actor, {
      type: "case.opened",
      at: now.toISOString(),
      case: id,
      ...fields,
    });
    return requireCase(trx, id);
  });
}

export async function getCase(db: Kysely<DB>, actor: Actor, id: string): Promise<Case> {
  return requireCase(db, id, requirePermission(actor, "case:read"));
}

export async function getCaseEvents(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<StoredEvent[]> {
  await getCase(db, actor, id);
  return listEventsOfCase(db, id);
}
