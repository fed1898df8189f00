import { randomUUID } from "node:crypto";
import type { AlertRaised, AlertResolved } from "../events/event.types.js";
import { KPI_CATALOGUE, type KpiName } from "../metrics/kpi.js";
import type { Notification } from "../notifications/notification.js";
import type { AlertDimension } from "./alert.js";
import {
  type PossibleRecipient,
  resolveAlertRecipients,
  scopeOfSlice,
} from "./alert-recipients.js";
import { type AlertRule, DEFAULT_NOTIFY } from "./alert-rules.js";

/** An alert event just recorded, with the rule that made it (absent if it was removed since). */
export interface NotifiedEvent {
  event: AlertRaised | AlertResolved;
  atMs: number;
  rule: AlertRule | undefined;
  /** Caught up on from history and already over: created read. */
  historic: boolean;
}

/**
 * The in-app notifications of alert events: one per recipient of the rule's roles whose grants
 * cover the slice (alert-recipients.ts). An alert ended because its rule went away tells nobody.
 */
export function buildAlertNotifications(
  events: readonly NotifiedEvent[],
  users: readonly PossibleRecipient[],
  agentTeams: ReadonlyMap<string, string>,
  now: number,
): Notification[] {
  const notifications: Notification[] = [];
  for (const { event, rule, historic } of events) {
    if (event.type === "alert.resolved" && event.reason !== "recovered") continue;
    const slice = { dim: event.dim as AlertDimension, key: event.key };
    const recipients = resolveAlertRecipients(
      users,
      rule?.notify ?? DEFAULT_NOTIFY,
      scopeOfSlice(slice, agentTeams),
    );
    const text = describeAlertEvent(event, rule);
    for (const userId of recipients) {
      notifications.push({
        id: randomUUID(),
        userId,
        caseId: null,
        kind: event.type,
        title: text.title,
        body: text.body,
        eventId: event.id as string,
        createdAt: now,
        readAt: historic ? now : null,
      });
    }
  }
  return notifications;
}

const UNITS = new Map(KPI_CATALOGUE.map((kpi) => [kpi.name, kpi.unit]));

/** A KPI value as people read it: rates in percent, the rest with at most one decimal. */
export function formatKpiValue(metric: KpiName, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (UNITS.get(metric) === "fraction") return `${(value * 100).toFixed(1)} %`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function describeSlice(dim: string, key: string): string {
  return dim === "all" ? "all cases" : `${dim} ${key}`;
}

/** Title and body of an alert notification. */
export function describeAlertEvent(
  event: AlertRaised | AlertResolved,
  rule: AlertRule | undefined,
): { title: string; body: string } {
  const metric = event.metric as KpiName;
  const name = rule?.name ?? `${event.metric} alert`;
  const slice = describeSlice(event.dim, event.key);
  const range =
    event.lower === undefined && event.upper === undefined
      ? ""
      : ` (expected ${formatKpiValue(metric, event.expected)}, range ${formatKpiValue(metric, event.lower)} to ${formatKpiValue(metric, event.upper)})`;
  if (event.type === "alert.raised") {
    return {
      title: `${name}: ${slice}`,
      body: `${event.metric} was ${formatKpiValue(metric, event.value)}${range}, ${event.direction === "up" ? "above" : "below"} range since ${event.bucketStart} (${event.bucket} buckets).`,
    };
  }
  return {
    title: `Resolved: ${name}: ${slice}`,
    body: `${event.metric} is back in range at ${formatKpiValue(metric, event.value)}${range}.`,
  };
}
