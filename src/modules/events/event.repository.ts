import type { Kysely } from "kysely";
import type { Scope } from "../../access/access.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { caseInScope } from "../cases/case.repository.js";
import type { EventRow } from "./event.table.js";
import type { ThroughlineEvent } from "./event.types.js";

/** An event as stored: the event itself plus the links the log is indexed by. */
export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  at: number;
  caseId: string | null;
  customerId: string | null;
  teamId: string | null;
  agentId: string | null;
  data: ThroughlineEvent;
}

export interface NewEventRow {
  id: string;
  type: string;
  at: number;
  caseId: string | null;
  customerId: string | null;
  teamId: string | null;
  agentId: string | null;
  /** JSON text of the full event, `id` included. */
  data: string;
  recordedAt: number;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type,
    at: row.at,
    caseId: row.case_id,
    customerId: row.customer_id,
    teamId: row.team_id,
    agentId: row.agent_id,
    data: JSON.parse(row.data) as ThroughlineEvent,
  };
}

/** The subset of `ids` already in the log. */
export async function findExistingEventIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom("events").select("id").where("id", "in", chunk).execute();
    for (const row of rows) existing.add(row.id);
  }
  return existing;
}

export async function appendEvents(db: Kysely<DB>, rows: readonly NewEventRow[]): Promise<void> {
  for (const chunk of inChunks(rows, rowsPerInsert(9))) {
    await db
      .insertInto("events")
      .values(
        chunk.map((row) => ({
          id: row.id,
          type: row.type,
          at: row.at,
          case_id: row.caseId,
          customer_id: row.customerId,
          team_id: row.teamId,
          agent_id: row.agentId,
          data: row.data,
          recorded_at: row.recordedAt,
        })),
      )
      .execute();
  }
}

/** A case's events in business-time order, for rebuilding its state. */
export async function listEventsOfCase(db: Kysely<DB>, caseId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("at")
    .orderBy("seq")
    .execute();
  return rows.map(toStoredEvent);
}

/** The events of several cases, each case's in business-time order (`at`, then `seq`). */
export async function listEventsOfCases(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<Map<string, StoredEvent[]>> {
  const byCase = new Map<string, StoredEvent[]>(caseIds.map((id) => [id, []]));
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom("events")
      .selectAll()
      .where("case_id", "in", chunk)
      .orderBy("case_id")
      .orderBy("at")
      .orderBy("seq")
      .execute();
    for (const row of rows) byCase.get(row.case_id as string)?.push(new LazyStoredEvent(row));
  }
  return byCase;
}

/**
 * A stored event whose payload is parsed when first read: the derivations refreshed after a
 * bulk import read the payload of a few event types only, and parsing a million payloads they
 * never look at was most of the time spent loading the histories.
 */
class LazyStoredEvent implements StoredEvent {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly at: number;
  readonly caseId: string | null;
  readonly customerId: string | null;
  readonly teamId: string | null;
  readonly agentId: string | null;
  #text: string;
  #data: ThroughlineEvent | undefined;

  constructor(row: EventRow) {
    this.seq = row.seq;
    this.id = row.id;
    this.type = row.type;
    this.at = row.at;
    this.caseId = row.case_id;
    this.customerId = row.customer_id;
    this.teamId = row.team_id;
    this.agentId = row.agent_id;
    this.#text = row.data;
  }

  get data(): ThroughlineEvent {
    this.#data ??= JSON.parse(this.#text) as ThroughlineEvent;
    return this.#data;
  }
}

export interface TimelinePage {
  /** Continue after this (at, seq), oldest first. */
  after?: { at: number; seq: number };
  /** Case events only of cases inside this scope; the customer's own events always. */
  caseScope: Scope;
  limit: number;
}

/** A customer's events in business-time order: the journey timeline. */
export async function listEventsOfCustomer(
  db: Kysely<DB>,
  customerId: string,
  page: TimelinePage,
): Promise<StoredEvent[]> {
  let query = db.selectFrom("events").selectAll().where("customer_id", "=", customerId);
  const caseScope = page.caseScope;
  if (!caseScope.all) {
    query = query.where((eb) =>
      eb.or([
        eb("case_id", "is", null),
        eb(
          "case_id",
          "in",
          eb.selectFrom("cases").select("cases.id").where(caseInScope(caseScope)),
        ),
      ]),
    );
  }
  const after = page.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("at", ">", after.at),
        eb.and([eb("at", "=", after.at), eb("seq", ">", after.seq)]),
      ]),
    );
  }
  const rows = await query.orderBy("at").orderBy("seq").limit(page.limit).execute();
  return rows.map(toStoredEvent);
}

export interface EventFilter {
  type?: string;
  fromAt?: number;
  toAt?: number;
  /** Keyset: events recorded before this sequence number (newest first). */
  beforeSeq?: number;
  /** Only events of cases inside this scope (events of no case need an unrestricted scope). */
  scope: Scope;
  limit: number;
}

/** The log, newest recorded first. */
export async function listRecentEvents(
  db: Kysely<DB>,
  filter: EventFilter,
): Promise<StoredEvent[]> {
  let query = db.selectFrom("events").selectAll();
  const scope = filter.scope;
  if (!scope.all) {
    query = query.where(
      "case_id",
      "in",
      db.selectFrom("cases").select("cases.id").where(caseInScope(scope)),
    );
  }
  if (filter.type !== undefined) query = query.where("type", "=", filter.type);
  if (filter.beforeSeq !== undefined) query = query.where("seq", "<", filter.beforeSeq);
  const rows = await query.orderBy("seq", "desc").limit(filter.limit).execute();
  return rows.map(toStoredEvent);
}

/** Streams the log as stored event data, oldest business time first, in pages. */
export async function* streamEventData(
  db: Kysely<DB>,
  filter: { type?: string; fromAt?: number; toAt?: number },
  pageSize = 5_000,
): AsyncGenerator<string> {
  let after: { at: number; seq: number } | undefined;
  for (;;) {
    let query = db.selectFrom("events").select(["seq", "at", "data"]);
    if (filter.type !== undefined) query = query.where("type", "=", filter.type);
    if (filter.fromAt !== undefined) query = query.where("at", ">=", filter.fromAt);
    if (filter.toAt !== undefined) query = query.where("at", "<", filter.toAt);
    const cursor = after;
    if (cursor !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb("at", ">", cursor.at),
          eb.and([eb("at", "=", cursor.at), eb("seq", ">", cursor.seq)]),
        ]),
      );
    }
    const rows = await query.orderBy("at").orderBy("seq").limit(pageSize).execute();
    for (const row of rows) yield row.data;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { at: last.at, seq: last.seq };
  }
}

export async function countEvents(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
