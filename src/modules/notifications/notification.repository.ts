import type { Kysely } from "kysely";
import { inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { Notification } from "./notification.js";
import { type NotificationRow, withNotificationTables } from "./notification.table.js";

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    caseId: row.case_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    eventId: row.event_id,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  };
}

/** Inserts notifications; one that repeats an (event, user) pair already stored is skipped. */
export async function insertNotifications(
  db: Kysely<DB>,
  notifications: readonly Notification[],
): Promise<void> {
  for (const chunk of inChunks(notifications, rowsPerInsert(9))) {
    await withNotificationTables(db)
      .insertInto("notifications")
      .values(
        chunk.map((item) => ({
          id: item.id,
          user_id: item.userId,
          case_id: item.caseId,
          kind: item.kind,
          title: item.title,
          body: item.body,
          event_id: item.eventId,
          created_at: item.createdAt,
          read_at: item.readAt,
        })),
      )
      .onConflict((oc) => oc.columns(["event_id", "user_id"]).doNothing())
      .execute();
  }
}

export interface NotificationFilter {
  userId: string;
  unreadOnly: boolean;
  limit: number;
  /** Continue after this (created_at, id), newest first. */
  before?: { createdAt: number; id: string };
}

/** A user's notifications, newest first. */
export async function listNotificationsOfUser(
  db: Kysely<DB>,
  filter: NotificationFilter,
): Promise<Notification[]> {
  let query = withNotificationTables(db)
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", filter.userId);
  if (filter.unreadOnly) query = query.where("read_at", "is", null);
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
  return rows.map(toNotification);
}

export async function countUnreadNotifications(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await withNotificationTables(db)
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks one of the user's notifications read (keeping an earlier read time); undefined if not theirs. */
export async function markNotificationRead(
  db: Kysely<DB>,
  mark: { id: string; userId: string; now: number },
): Promise<Notification | undefined> {
  const tables = withNotificationTables(db);
  await tables
    .updateTable("notifications")
    .set({ read_at: mark.now })
    .where("id", "=", mark.id)
    .where("user_id", "=", mark.userId)
    .where("read_at", "is", null)
    .execute();
  const row = await tables
    .selectFrom("notifications")
    .selectAll()
    .where("id", "=", mark.id)
    .where("user_id", "=", mark.userId)
    .executeTakeFirst();
  return row && toNotification(row);
}

/** Marks every unread notification of the user read; returns how many there were. */
export async function markAllNotificationsRead(
  db: Kysely<DB>,
  mark: { userId: string; now: number },
): Promise<number> {
  const result = await withNotificationTables(db)
    .updateTable("notifications")
    .set({ read_at: mark.now })
    .where("user_id", "=", mark.userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Notifications caused by these events, for tests and for showing who was told. */
export async function listNotificationsOfEvents(
  db: Kysely<DB>,
  eventIds: readonly string[],
): Promise<Notification[]> {
  if (eventIds.length === 0) return [];
  const rows = await withNotificationTables(db)
    .selectFrom("notifications")
    .selectAll()
    .where("event_id", "in", eventIds)
    .orderBy("event_id")
    .orderBy("user_id")
    .execute();
  return rows.map(toNotification);
}

/**
 * Marks read every unread notification about an event that happened before `before` (the demo
 * catches up on months of history and its users have "seen" all but the latest day). Returns how
 * many changed.
 */
export async function markNotificationsReadBefore(
  db: Kysely<DB>,
  before: number,
  now: number,
): Promise<number> {
  const result = await withNotificationTables(db)
    .updateTable("notifications")
    .set({ read_at: now })
    .where("read_at", "is", null)
    .where("event_id", "in", (eb) =>
      eb
        .selectFrom("events")
        .select("id")
        .where("type", "=", "case.escalated")
        .where("at", "<", before),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
