import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { listRecentEvents, type StoredEvent } from "./event.repository.js";

export interface EventPageQuery {
  type?: string;
  limit: number;
  cursor?: string;
}

/** A page of the log, most recently recorded first. */
export async function findRecentEvents(
  db: Kysely<DB>,
  actor: Actor,
  query: EventPageQuery,
): Promise<{ items: StoredEvent[]; nextCursor: string | null }> {
  const scope = requirePermission(actor, "event:read");
  const beforeSeq =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number"])[0];
  const events = await listRecentEvents(db, {
    ...(query.type === undefined ? {} : { type: query.type }),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
    scope,
    limit: query.limit + 1,
  });
  const page = events.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: events.length > query.limit && last ? encodeCursor([last.seq]) : null,
  };
}
