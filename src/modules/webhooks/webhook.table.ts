import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

/** One event to send to one endpoint, and how sending it went. */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  /** The request body, exactly as sent (the event's JSON). */
  payload: string;
  attempts: number;
  next_attempt_at: number;
  /** pending | delivered | failed */
  status: string;
  /** The HTTP status of the last attempt; null when it got no answer. */
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

export type WebhookTables = { webhook_deliveries: WebhookDeliveryTable };

export function withWebhookTables(db: Kysely<DB>): Kysely<DB & WebhookTables> {
  return db.withTables<WebhookTables>();
}
