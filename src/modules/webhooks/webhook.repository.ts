import type { Kysely } from "kysely";
import { inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { DeliveryStatus, WebhookDelivery } from "./webhook.js";
import { type WebhookDeliveryRow, withWebhookTables } from "./webhook.table.js";

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    status: row.status as DeliveryStatus,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}

/** Queues deliveries; one repeating an (endpoint, event) pair already queued is skipped. */
export async function insertDeliveries(
  db: Kysely<DB>,
  deliveries: readonly WebhookDelivery[],
): Promise<void> {
  for (const chunk of inChunks(deliveries, rowsPerInsert(12))) {
    await withWebhookTables(db)
      .insertInto("webhook_deliveries")
      .values(
        chunk.map((delivery) => ({
          id: delivery.id,
          endpoint_id: delivery.endpointId,
          event_id: delivery.eventId,
          event_type: delivery.eventType,
          payload: delivery.payload,
          attempts: delivery.attempts,
          next_attempt_at: delivery.nextAttemptAt,
          status: delivery.status,
          last_status: delivery.lastStatus,
          last_error: delivery.lastError,
          created_at: delivery.createdAt,
          delivered_at: delivery.deliveredAt,
        })),
      )
      .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
      .execute();
  }
}

/** Pending deliveries whose next attempt is due, oldest due first. */
export async function listDueDeliveries(
  db: Kysely<DB>,
  due: { now: number; limit: number },
): Promise<WebhookDelivery[]> {
  const rows = await withWebhookTables(db)
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", due.now)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(due.limit)
    .execute();
  return rows.map(toDelivery);
}

/**
 * Records the outcome of an attempt, if the delivery is still as it was read (pending, after
 * `attempts` attempts): a stale worker's result is dropped rather than counted twice.
 */
export async function recordDeliveryAttempt(
  db: Kysely<DB>,
  outcome: {
    id: string;
    attemptsBefore: number;
    status: DeliveryStatus;
    nextAttemptAt: number;
    lastStatus: number | null;
    lastError: string | null;
    deliveredAt: number | null;
  },
): Promise<boolean> {
  const result = await withWebhookTables(db)
    .updateTable("webhook_deliveries")
    .set({
      attempts: outcome.attemptsBefore + 1,
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt,
      last_status: outcome.lastStatus,
      last_error: outcome.lastError,
      delivered_at: outcome.deliveredAt,
    })
    .where("id", "=", outcome.id)
    .where("status", "=", "pending")
    .where("attempts", "=", outcome.attemptsBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives up a pending delivery without an attempt (its endpoint is gone or inactive). */
export async function abandonDelivery(
  db: Kysely<DB>,
  abandon: { id: string; reason: string },
): Promise<void> {
  await withWebhookTables(db)
    .updateTable("webhook_deliveries")
    .set({ status: "failed", last_error: abandon.reason })
    .where("id", "=", abandon.id)
    .where("status", "=", "pending")
    .execute();
}

export interface DeliveryFilter {
  endpointId?: string;
  status?: DeliveryStatus;
  eventId?: string;
  limit: number;
  /** Continue after this (created_at, id), newest first. */
  before?: { createdAt: number; id: string };
}

/** Deliveries, newest first. */
export async function listDeliveries(
  db: Kysely<DB>,
  filter: DeliveryFilter,
): Promise<WebhookDelivery[]> {
  let query = withWebhookTables(db).selectFrom("webhook_deliveries").selectAll();
  if (filter.endpointId !== undefined) query = query.where("endpoint_id", "=", filter.endpointId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.eventId !== undefined) query = query.where("event_id", "=", filter.eventId);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", before.createdAt),
        eb.and([eb("created_at", "=", before.createdAt), eb("id", "<", before.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit)
    .execute();
  return rows.map(toDelivery);
}

/** The highest event `seq` in the log (0 when it is empty). */
export async function findLastEventSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq);
}

/**
 * The last `seq` after `cursor` up to which the log is settled: every event up to it was
 * recorded at or before `cutoff`, and none after `cursor` recorded later than `cutoff` comes
 * before it. Undefined when nothing after the cursor has settled.
 */
export async function findSettledEventSeq(
  db: Kysely<DB>,
  range: { cursor: number; cutoff: number },
): Promise<number | undefined> {
  const unsettled = await db
    .selectFrom("events")
    .select((eb) => eb.fn.min("seq").as("seq"))
    .where("seq", ">", range.cursor)
    .where("recorded_at", ">", range.cutoff)
    .executeTakeFirst();
  let query = db
    .selectFrom("events")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("seq", ">", range.cursor);
  if (unsettled?.seq !== null && unsettled?.seq !== undefined) {
    query = query.where("seq", "<", Number(unsettled.seq));
  }
  const settled = await query.executeTakeFirst();
  return settled?.seq === null || settled?.seq === undefined ? undefined : Number(settled.seq);
}

/** Events of these types in (after, upTo], oldest first: the raw JSON as stored. */
export async function listEventsForWebhooks(
  db: Kysely<DB>,
  range: { after: number; upTo: number; types: readonly string[]; limit: number },
): Promise<{ seq: number; id: string; type: string; data: string }[]> {
  if (range.types.length === 0) return [];
  const rows = await db
    .selectFrom("events")
    .select(["seq", "id", "type", "data"])
    .where("seq", ">", range.after)
    .where("seq", "<=", range.upTo)
    .where("type", "in", [...range.types])
    .orderBy("seq")
    .limit(range.limit)
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), id: row.id, type: row.type, data: row.data }));
}
