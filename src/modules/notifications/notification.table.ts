import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** A message for one user inside the app (an escalation step that named them). */
export interface NotificationTable {
  id: string;
  user_id: string;
  case_id: string | null;
  /** What it is about: `escalation.notify`, `escalation.escalate`. */
  kind: string;
  title: string;
  body: string;
  /** The event that caused it; with `user_id` unique, so a retried step notifies once. */
  event_id: string | null;
  created_at: number;
  read_at: number | null;
}
export type NotificationRow = Selectable<NotificationTable>;

export type NotificationTables = { notifications: NotificationTable };

export function withNotificationTables(db: Kysely<DB>): Kysely<DB & NotificationTables> {
  return db.withTables<NotificationTables>();
}
