import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Notification, NotificationPage } from "./notification.js";
import {
  countUnreadNotifications,
  listNotificationsOfUser,
  markAllNotificationsRead,
  markNotificationRead,
} from "./notification.repository.js";

/** Notifications belong to a person: system actors (CLI, jobs) have none to read. */
function userIdOf(actor: Actor): string {
  if (actor.kind !== "user") {
    throw new AppError("access.forbidden", { message: "notifications belong to signed-in users" });
  }
  return actor.userId;
}

/** The caller's own notifications, newest first, with their unread count. */
export async function listOwnNotifications(
  db: Kysely<DB>,
  actor: Actor,
  query: { unread?: boolean; limit: number; cursor?: string },
): Promise<NotificationPage> {
  const userId = userIdOf(actor);
  const before =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number", "string"]);
  const items = await listNotificationsOfUser(db, {
    userId,
    unreadOnly: query.unread === true,
    limit: query.limit + 1,
    ...(before === undefined ? {} : { before: { createdAt: before[0], id: before[1] } }),
  });
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    unreadCount: await countUnreadNotifications(db, userId),
  };
}

/** Marks one of the caller's notifications read; another user's answers 404 like a missing one. */
export async function readOwnNotification(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: number,
): Promise<Notification> {
  const notification = await markNotificationRead(db, { id, userId: userIdOf(actor), now });
  if (!notification) {
    throw new AppError("notification.not_found", {
      message: `notification "${id}" does not exist`,
      field: "params.id",
    });
  }
  return notification;
}

export async function readAllOwnNotifications(
  db: Kysely<DB>,
  actor: Actor,
  now: number,
): Promise<number> {
  return markAllNotificationsRead(db, { userId: userIdOf(actor), now });
}
