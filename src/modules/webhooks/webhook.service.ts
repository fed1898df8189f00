import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { moveJobCursor, readJobCursor } from "../../jobs/job-cursor.repository.js";
import type { SettingsVersion } from "../settings/settings.js";
import {
  loadSettings,
  readSettings,
  readSettingsVersions,
  saveSettings,
} from "../settings/settings.service.js";
import type { DeliveryStatus, WebhookDelivery } from "./webhook.js";
import {
  abandonDelivery,
  findLastEventSeq,
  findSettledEventSeq,
  insertDeliveries,
  listDeliveries,
  listDueDeliveries,
  listEventsForWebhooks,
  recordDeliveryAttempt,
} from "./webhook.repository.js";
import {
  maskWebhookSecrets,
  restoreMaskedSecrets,
  WEBHOOK_SETTINGS,
  type WebhookEndpoint,
  type WebhooksDocument,
} from "./webhook-settings.js";
import { nextAttemptDelayMs, signWebhookBody } from "./webhook-signature.js";

/** The job cursor holding the `seq` of the last event the webhook job has queued deliveries for. */
export const WEBHOOK_CURSOR = "webhooks";

/**
 * How old an event must be before the webhook job reads past it. On PostgreSQL `seq` values are
 * taken when rows are inserted but become visible when their transaction commits, so a reader can
 * see seq 102 before seq 101: moving the cursor past 101 then would skip it for good. Transactions
 * that record events stamp `recorded_at` just before inserting and commit within moments, so once
 * the newest event read was recorded more than SETTLE_MS ago, every event before it has committed
 * (twice a generous commit time, as a transaction holding an earlier seq may have stamped its
 * `recorded_at` a little later). A bulk import or demo seeding holds one transaction for longer;
 * its events are history, and those a live write overtook are not sent.
 */
export const SETTLE_MS = 10_000;
const EVENTS_PER_BATCH = 1_000;
const BATCHES_PER_RUN = 50;
const DELIVERIES_PER_RUN = 200;
const PARALLEL_DELIVERIES = 4;
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The webhooks document in force with secrets masked. */
export async function readWebhookSettings(
  db: Kysely<DB>,
  actor: Actor,
): Promise<SettingsVersion<WebhooksDocument>> {
  const saved = await readSettings(db, actor, WEBHOOK_SETTINGS);
  return { ...saved, body: maskWebhookSecrets(saved.body) };
}

export async function readWebhookSettingsVersions(
  db: Kysely<DB>,
  actor: Actor,
): Promise<SettingsVersion<WebhooksDocument>[]> {
  const versions = await readSettingsVersions(db, actor, WEBHOOK_SETTINGS);
  return versions.map((saved) => ({ ...saved, body: maskWebhookSecrets(saved.body) }));
}

/**
 * Saves the webhooks document. An endpoint sent with the masked secret keeps the one stored for
 * its id; the save is made on top of the version those secrets were read from (409 if it moved).
 * The first save also starts the event cursor here, so endpoints get the events from now on.
 */
export async function saveWebhookSettings(
  db: Kysely<DB>,
  actor: Actor,
  body: { baseVersion?: number; document: WebhooksDocument },
  now: Date,
): Promise<SettingsVersion<WebhooksDocument>> {
  requirePermission(actor, "settings:write");
  const stored = await loadSettings(db, WEBHOOK_SETTINGS);
  const document = restoreMaskedSecrets(body.document, stored.body);
  const saved = await saveSettings(db, actor, WEBHOOK_SETTINGS, document, {
    now,
    baseVersion: body.baseVersion ?? stored.version,
    afterSave: async (trx) => {
      if ((await readJobCursor(trx, WEBHOOK_CURSOR)) === undefined) {
        const last = await findLastEventSeq(trx);
        await moveJobCursor(trx, {
          name: WEBHOOK_CURSOR,
          from: undefined,
          to: last,
          now: now.getTime(),
        });
      }
    },
  });
  return { ...saved, body: maskWebhookSecrets(saved.body) };
}

export interface EnqueueReport {
  /** Deliveries queued (one per subscribed endpoint and event). */
  queued: number;
  /** The cursor after the run. */
  cursor: number;
}

/**
 * Queues a delivery for every active endpoint subscribed to each event recorded since the
 * cursor, moving the cursor in the same transaction as the queueing, so an event is queued once
 * however the job stops. Events newer than SETTLE_MS wait for the next run.
 */
export async function enqueueWebhookDeliveries(
  db: Kysely<DB>,
  options: { now: number },
): Promise<EnqueueReport> {
  const { now } = options;
  let cursor = await readJobCursor(db, WEBHOOK_CURSOR);
  if (cursor === undefined) {
    // Never started: endpoints get what is recorded from now on, not the whole history.
    const last = await findLastEventSeq(db);
    await moveJobCursor(db, { name: WEBHOOK_CURSOR, from: undefined, to: last, now });
    return { queued: 0, cursor: last };
  }
  const endpoints = (await loadSettings(db, WEBHOOK_SETTINGS)).body.endpoints.filter(
    (endpoint) => endpoint.active,
  );
  const types = [...new Set(endpoints.flatMap((endpoint) => endpoint.events))];
  let queued = 0;
  for (let batch = 0; batch < BATCHES_PER_RUN; batch += 1) {
    const settled = await findSettledEventSeq(db, { cursor, cutoff: now - SETTLE_MS });
    if (settled === undefined) break;
    const events = await listEventsForWebhooks(db, {
      after: cursor,
      upTo: settled,
      types,
      limit: EVENTS_PER_BATCH,
    });
    const last = events[events.length - 1];
    const next = events.length === EVENTS_PER_BATCH && last ? last.seq : settled;
    const deliveries: WebhookDelivery[] = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => (endpoint.events as string[]).includes(event.type))
        .map((endpoint) => ({
          id: randomUUID(),
          endpointId: endpoint.id,
          eventId: event.id,
          eventType: event.type,
          payload: event.data,
          attempts: 0,
          nextAttemptAt: now,
          status: "pending" as const,
          lastStatus: null,
          lastError: null,
          createdAt: now,
          deliveredAt: null,
        })),
    );
    const from = cursor;
    const moved = await db
      .transaction()
      .execute(async (trx) => {
        await insertDeliveries(trx, deliveries);
        if (!(await moveJobCursor(trx, { name: WEBHOOK_CURSOR, from, to: next, now }))) {
          throw new CursorMoved();
        }
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof CursorMoved) return false;
        throw error;
      });
    // Another process moved the cursor: it queued these; this run stops here.
    if (!moved) break;
    queued += deliveries.length;
    cursor = next;
    if (next === settled) break;
  }
  return { queued, cursor };
}

class CursorMoved extends Error {}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

export type Fetch = typeof fetch;

/**
 * Sends every delivery that is due, a few at a time: POST of the stored payload with the event
 * type, the delivery id, a timestamp and the signature in headers. A 2xx answer delivers it; any
 * other answer, a timeout or a network error schedules a retry (1 minute, doubling) until
 * MAX_DELIVERY_ATTEMPTS have failed. Redirects are not followed (a 3xx is a failure).
 */
export async function deliverDueWebhooks(
  db: Kysely<DB>,
  options: { now: number; timeoutMs?: number; fetch?: Fetch },
): Promise<DeliveryReport> {
  const { now } = options;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const due = await listDueDeliveries(db, { now, limit: DELIVERIES_PER_RUN });
  if (due.length === 0) return report;
  const endpoints = new Map(
    (await loadSettings(db, WEBHOOK_SETTINGS)).body.endpoints.map((endpoint) => [
      endpoint.id,
      endpoint,
    ]),
  );
  const queue = [...due];
  const worker = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      const endpoint = endpoints.get(delivery.endpointId);
      if (!endpoint?.active) {
        await abandonDelivery(db, {
          id: delivery.id,
          reason: endpoint ? "endpoint is inactive" : "endpoint no longer configured",
        });
        report.failed += 1;
        continue;
      }
      const outcome = await attemptDelivery(send, endpoint, delivery, now, timeoutMs);
      const delay = outcome.ok ? null : nextAttemptDelayMs(delivery.attempts + 1);
      const status: DeliveryStatus = outcome.ok
        ? "delivered"
        : delay === null
          ? "failed"
          : "pending";
      const recorded = await recordDeliveryAttempt(db, {
        id: delivery.id,
        attemptsBefore: delivery.attempts,
        status,
        nextAttemptAt: delay === null ? delivery.nextAttemptAt : now + delay,
        lastStatus: outcome.status,
        lastError: outcome.error,
        deliveredAt: outcome.ok ? now : null,
      });
      if (!recorded) continue;
      if (status === "delivered") report.delivered += 1;
      else if (status === "failed") report.failed += 1;
      else report.retrying += 1;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DELIVERIES }, worker));
  return report;
}

async function attemptDelivery(
  send: Fetch,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  now: number,
  timeoutMs: number,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const timestamp = Math.floor(now / 1000);
  try {
    const response = await send(endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Throughline-Webhooks/1",
        "x-throughline-event": delivery.eventType,
        "x-throughline-delivery": delivery.id,
        "x-throughline-timestamp": String(timestamp),
        "x-throughline-signature": signWebhookBody(endpoint.secret, timestamp, delivery.payload),
      },
      body: delivery.payload,
    });
    // Read the answer to the end so the connection can be reused; its content is not kept.
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      status: null,
      error: timedOut
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error),
    };
  }
}

export interface DeliveryQuery {
  endpoint?: string;
  status?: DeliveryStatus;
  event?: string;
  limit: number;
  cursor?: string;
}

/** Deliveries, newest first, for whoever may change the webhooks. */
export async function findWebhookDeliveries(
  db: Kysely<DB>,
  actor: Actor,
  query: DeliveryQuery,
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  requirePermission(actor, "settings:write");
  const before =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number", "string"]);
  const items = await listDeliveries(db, {
    limit: query.limit + 1,
    ...(query.endpoint === undefined ? {} : { endpointId: query.endpoint }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.event === undefined ? {} : { eventId: query.event }),
    ...(before === undefined ? {} : { before: { createdAt: before[0], id: before[1] } }),
  });
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
