import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import {
  deliverDueWebhooks,
  enqueueWebhookDeliveries,
} from "../modules/webhooks/webhook.service.js";
import type { ScheduledJob } from "./scheduler.js";

export const WEBHOOK_JOB = "webhooks";
export const WEBHOOK_INTERVAL_MS = 10_000;

/** Queues deliveries for the events recorded since the last run, then sends those that are due. */
export function webhookJob(db: Kysely<DB>, intervalMs = WEBHOOK_INTERVAL_MS): ScheduledJob {
  return {
    name: WEBHOOK_JOB,
    intervalMs,
    run: async () => {
      const queued = await enqueueWebhookDeliveries(db, { now: Date.now() });
      const sent = await deliverDueWebhooks(db, { now: Date.now() });
      return { queued: queued.queued, ...sent };
    },
  };
}
