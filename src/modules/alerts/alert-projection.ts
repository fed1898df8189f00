import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AlertRaised, AlertResolved, ThroughlineEvent } from "../events/event.types.js";
import { parseInstant } from "../events/event-validation.js";
import { type AlertDimension, openSlotOf } from "./alert.js";
import { insertOpenAlert, resolveOpenAlert } from "./alert.repository.js";

/**
 * The alerts table is the projection of the `alert.raised` and `alert.resolved` events, written
 * by `recordEvents` in the events' own transaction, so an alert exists exactly when its event
 * does, whether the alerts job recorded it or an import of an exported log brought it back.
 */

export type AlertEvent = AlertRaised | AlertResolved;

export function isAlertEvent(event: ThroughlineEvent): event is AlertEvent {
  return event.type === "alert.raised" || event.type === "alert.resolved";
}

/** Applies alert events in the order given (recordEvents passes them in time order). */
export async function applyAlertEvents(
  db: Kysely<DB>,
  events: readonly { event: AlertEvent; atMs: number }[],
): Promise<void> {
  for (const { event, atMs } of events) {
    if (event.type === "alert.raised") {
      await insertOpenAlert(db, {
        id: event.alert,
        ruleId: event.rule,
        metric: event.metric,
        dim: event.dim,
        key: event.key,
        bucket: event.bucket,
        // checkEvent refuses an alert.raised whose bucketStart is not an instant.
        bucketStart: parseInstant(event.bucketStart) ?? atMs,
        direction: event.direction,
        severity: event.severity,
        value: event.value,
        expected: event.expected,
        lower: event.lower,
        upper: event.upper,
        link: event.link,
        raisedAt: atMs,
        openSlot: openSlotOf(event.rule, { dim: event.dim as AlertDimension, key: event.key }),
      });
    } else {
      await resolveOpenAlert(db, {
        id: event.alert,
        at: atMs,
        reason: event.reason,
        value: event.value ?? null,
      });
    }
  }
}
