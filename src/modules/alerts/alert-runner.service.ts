import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { toIso } from "../../http/common.schemas.js";
import { moveJobCursor, readJobCursor } from "../../jobs/job-cursor.repository.js";
import { findAgentsByIds } from "../agents/agent.repository.js";
import type { AlertRaised, AlertResolved } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { checkEvent } from "../events/event-validation.js";
import type { KpiName } from "../metrics/kpi.js";
import { insertNotifications } from "../notifications/notification.repository.js";
import { loadSettings } from "../settings/settings.service.js";
import { listUsers } from "../users/user.repository.js";
import { findLastEventSeq } from "../webhooks/webhook.repository.js";
import {
  type Alert,
  type AlertBucket,
  type AlertSlice,
  alertId,
  bucketMs,
  casesLink,
  DAY_MS,
  HOUR_MS,
  openSlotOf,
  resolvedEventId,
} from "./alert.js";
import { findFirstEventAt, findLastTransitions, listOpenAlerts } from "./alert.repository.js";
import { type EvaluatedBucket, evaluateSlice, type Transition } from "./alert-evaluation.js";
import { buildAlertNotifications, type NotifiedEvent } from "./alert-notifications.js";
import type { PossibleRecipient } from "./alert-recipients.js";
import {
  ALERT_RULES_SETTINGS,
  type AlertRule,
  ruleWatches,
  slicesOfRule,
  volumeMetricOf,
} from "./alert-rules.js";
import {
  baselineIntervals,
  firstCompleteBucket,
  judgedValues,
  readSliceValues,
  valueLookup,
} from "./alert-series.js";
import { bandAt, statusOf } from "./baseline.js";

/**
 * The alerts job: evaluates the alert rules over every bucket that became complete (and, for
 * lagging KPIs, old enough) since its last run, and records what opens and ends as
 * `alert.raised` / `alert.resolved` events with their in-app notifications, in the transaction
 * that moves its cursor. Webhooks deliver the events like any other (the webhooks job).
 *
 * - The cursor (`job_cursors.alerts`) is the end of the last hour evaluated. A fresh store starts
 *   at its first event, so a demo's history is evaluated once, on the first run.
 * - Each run also looks again at the last LATE_DATA_MS before the cursor: events that arrive late
 *   (an import of the last hour, say) can still open an alert. A slice never acts on buckets
 *   before its latest recorded transition, so looking again never repeats one; alert ids are
 *   deterministic besides, so a retried run records nothing twice.
 * - A run with nothing new (same hour, no event recorded since, same rules) does nothing.
 */

export const ALERT_CURSOR = "alerts";
/** The log's highest `seq` when the job last evaluated, and the rules version it used. */
const ALERT_SEQ_CURSOR = "alerts:seq";
const ALERT_RULES_CURSOR = "alerts:rules";

/** How far back each run looks again for late events. */
export const LATE_DATA_MS = 24 * HOUR_MS;
/** A store older than this has only its last FIRST_RUN_LOOKBACK_MS evaluated on the first run. */
const FIRST_RUN_LOOKBACK_MS = 400 * DAY_MS;

export interface AlertRunReport {
  /** The end of the last hour evaluated (epoch ms); the cursor after the run. */
  evaluatedUpTo: number;
  raised: number;
  resolved: number;
  notified: number;
  /** Nothing changed since the last run, so nothing was evaluated. */
  skipped: boolean;
}

function floorHour(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

function floorBucket(at: number, bucket: AlertBucket): number {
  const size = bucketMs(bucket);
  return Math.floor(at / size) * size;
}

/** When a bucket can be judged: after its end and the rule's delay. */
function readyAt(rule: AlertRule, bucketStart: number): number {
  return bucketStart + bucketMs(rule.bucket) + rule.delayHours * HOUR_MS;
}

/** The first bucket start whose ready instant is after `instant`. */
function firstBucketReadyAfter(rule: AlertRule, instant: number): number {
  const size = bucketMs(rule.bucket);
  const latestNotAfter = floorBucket(instant - size - rule.delayHours * HOUR_MS, rule.bucket);
  return latestNotAfter + size;
}

/** Buckets before the ones acted on that set up the runs in progress. */
function contextBuckets(rule: AlertRule): number {
  return Math.max(rule.consecutive, rule.recovery) * 3 + (rule.bucket === "hour" ? 24 : 2);
}

interface RulePlan {
  rule: AlertRule;
  /** First and last bucket start that may be acted on (if the slice allows). */
  firstAct: number;
  lastAct: number;
  /** First bucket start read (context included). */
  firstRead: number;
  intervals: { from: number; to: number }[];
}

function planRule(rule: AlertRule, since: number, horizon: number): RulePlan | undefined {
  const size = bucketMs(rule.bucket);
  const firstAct = firstBucketReadyAfter(rule, since - LATE_DATA_MS);
  const lastAct = firstBucketReadyAfter(rule, horizon) - size;
  if (lastAct < firstAct) return undefined;
  const firstRead = firstAct - contextBuckets(rule) * size;
  const intervals = baselineIntervals(rule, { from: firstRead, to: lastAct + size });
  return { rule, firstAct, lastAct, firstRead, intervals };
}

/** Rules that read the same slice at the same granularity share their series queries. */
function groupKey(rule: AlertRule): string {
  return `${rule.dim} ${rule.key ?? "*"} ${rule.bucket}`;
}

type PendingAlertEvent = { event: AlertRaised | AlertResolved; atMs: number };

export async function runAlerts(db: Kysely<DB>, options: { now: number }): Promise<AlertRunReport> {
  const { now } = options;
  const horizon = floorHour(now);
  const cursor = await readJobCursor(db, ALERT_CURSOR);
  const settings = await loadSettings(db, ALERT_RULES_SETTINGS);
  const lastSeq = await findLastEventSeq(db);
  const seenSeq = await readJobCursor(db, ALERT_SEQ_CURSOR);
  const seenRules = await readJobCursor(db, ALERT_RULES_CURSOR);
  const report: AlertRunReport = {
    evaluatedUpTo: cursor ?? horizon,
    raised: 0,
    resolved: 0,
    notified: 0,
    skipped: false,
  };
  if (
    cursor !== undefined &&
    cursor >= horizon &&
    seenSeq === lastSeq &&
    seenRules === settings.version
  ) {
    return { ...report, skipped: true };
  }
  const firstEventAt = await findFirstEventAt(db);
  let since: number;
  if (cursor === undefined) {
    since =
      firstEventAt === undefined
        ? horizon
        : Math.max(floorHour(firstEventAt), horizon - FIRST_RUN_LOOKBACK_MS);
  } else {
    since = Math.min(cursor, horizon);
  }

  const rules = settings.body.rules.filter((rule) => rule.enabled);
  const openAlerts = await listOpenAlerts(db);
  const lastTransitions = await findLastTransitions(
    db,
    rules.map((rule) => rule.id),
  );
  const pending: PendingAlertEvent[] = [];
  const resolvedInRun = new Set<string>();

  // Open alerts that no enabled rule watches any more end now.
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  for (const alert of openAlerts) {
    if (ruleWatches(rulesById.get(alert.ruleId), alert)) continue;
    pending.push(resolution(alert, { at: now, reason: "rule_removed" }));
    resolvedInRun.add(alert.id);
  }

  const openBySlot = new Map(
    openAlerts
      .filter((alert) => !resolvedInRun.has(alert.id))
      .map((alert) => [openSlotOf(alert.ruleId, alert), alert]),
  );
  const plans = rules.flatMap((rule) => planRule(rule, since, horizon) ?? []);
  const groups = new Map<string, RulePlan[]>();
  for (const plan of plans) {
    const key = groupKey(plan.rule);
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    const intervals = group.flatMap((plan) => plan.intervals);
    const metrics = [
      ...new Set(
        group.flatMap((plan) => {
          const volume = plan.rule.minVolume > 0 ? volumeMetricOf(plan.rule.metric) : null;
          return volume === null ? [plan.rule.metric] : [plan.rule.metric, volume];
        }),
      ),
    ];
    const values = await readSliceValues(db, {
      metrics,
      dim: first.rule.dim,
      key: first.rule.key,
      bucket: first.rule.bucket,
      intervals,
      asOf: now,
    });
    for (const plan of group) {
      for (const slice of slicesOfRule(plan.rule, values.keys())) {
        const slot = openSlotOf(plan.rule.id, slice);
        const open = openBySlot.get(slot);
        const lastTransition = lastTransitions.get(slot);
        const actFrom =
          lastTransition === undefined
            ? plan.firstAct
            : Math.max(plan.firstAct, firstBucketReadyAfter(plan.rule, lastTransition));
        const historyStart = firstCompleteBucket(firstEventAt, plan.rule.bucket);
        const volume = volumeMetricOf(plan.rule.metric);
        const valueAt = judgedValues(
          valueLookup(values, slice.key, plan.rule.metric, intervals, historyStart),
          volume === null
            ? undefined
            : valueLookup(values, slice.key, volume, intervals, historyStart),
          plan.rule.minVolume,
        );
        const buckets = evaluateBuckets(plan, valueAt);
        const transitions = evaluateSlice({
          buckets,
          actFrom,
          open: open ? { id: open.id } : null,
          consecutive: plan.rule.consecutive,
          recovery: plan.rule.recovery,
          alertIdOf: (runStart) => alertId(plan.rule.id, slice, runStart),
        });
        for (const transition of transitions) {
          pending.push(eventOf(plan.rule, slice, transition));
          if (transition.kind === "resolve") resolvedInRun.add(transition.alertId);
        }
      }
    }
  }

  const users: PossibleRecipient[] = (await listUsers(db)).map((user) => ({
    id: user.id,
    disabled: user.disabled,
    grants: user.grants,
  }));
  const agentIds = [
    ...new Set(pending.flatMap(({ event }) => (event.dim === "agent" ? [event.key] : []))),
  ];
  const agentTeams = new Map(
    (await findAgentsByIds(db, agentIds)).map((agent) => [agent.id, agent.teamId]),
  );
  const rulesForNotices = new Map(settings.body.rules.map((rule) => [rule.id, rule]));

  await db
    .transaction()
    .execute(async (trx) => {
      if (!(await moveJobCursor(trx, { name: ALERT_CURSOR, from: cursor, to: horizon, now }))) {
        throw new CursorMoved();
      }
      const recorded = new Set(
        pending.length === 0
          ? []
          : (await recordEvents(trx, pending, { createMissing: false })).recordedIds,
      );
      const notified: NotifiedEvent[] = pending
        .filter(({ event }) => recorded.has(event.id as string))
        .map(({ event, atMs }) => ({
          event,
          atMs,
          rule: rulesForNotices.get(event.rule),
          // History caught up on: what already ended more than a day ago is shown as read.
          historic: atMs < now - DAY_MS && resolvedInRun.has(event.alert),
        }));
      const notifications = buildAlertNotifications(notified, users, agentTeams, now);
      await insertNotifications(trx, notifications);
      report.notified = notifications.length;
      for (const { event } of notified) {
        if (event.type === "alert.raised") report.raised += 1;
        else report.resolved += 1;
      }
      const seqAfter = await findLastEventSeq(trx);
      await setCursor(trx, ALERT_SEQ_CURSOR, seenSeq, seqAfter, now);
      await setCursor(trx, ALERT_RULES_CURSOR, seenRules, settings.version, now);
    })
    .catch((error: unknown) => {
      if (!(error instanceof CursorMoved)) throw error;
      // Another process evaluated these hours in the meantime; it recorded what was due.
    });
  report.evaluatedUpTo = horizon;
  return report;
}

class CursorMoved extends Error {}

async function setCursor(
  trx: Kysely<DB>,
  name: string,
  from: number | undefined,
  to: number,
  now: number,
): Promise<void> {
  if (!(await moveJobCursor(trx, { name, from, to, now }))) throw new CursorMoved();
}

/** Every bucket of the plan with its value, band and status for the rule. */
function evaluateBuckets(
  plan: RulePlan,
  valueAt: (at: number) => number | null | undefined,
): EvaluatedBucket[] {
  const size = bucketMs(plan.rule.bucket);
  const buckets: EvaluatedBucket[] = [];
  for (let at = plan.firstRead; at <= plan.lastAct; at += size) {
    const value = valueAt(at) ?? null;
    const band = bandAt(plan.rule, at, valueAt);
    buckets.push({ at, value, band, status: statusOf(plan.rule.direction, value, band) });
  }
  return buckets;
}

function eventOf(rule: AlertRule, slice: AlertSlice, transition: Transition): PendingAlertEvent {
  const size = bucketMs(rule.bucket);
  const atMs = readyAt(rule, transition.bucket.at);
  const band = transition.bucket.band;
  if (transition.kind === "raise") {
    const id = alertId(rule.id, slice, transition.runStart);
    const event: AlertRaised = {
      type: "alert.raised",
      id,
      at: toIso(atMs),
      alert: id,
      rule: rule.id,
      metric: rule.metric,
      dim: slice.dim,
      key: slice.key,
      bucket: rule.bucket,
      bucketStart: toIso(transition.runStart),
      direction: transition.direction,
      severity: rule.severity,
      value: transition.bucket.value,
      expected: band?.expected ?? null,
      lower: band?.lower ?? null,
      upper: band?.upper ?? null,
      link: casesLink(rule.metric, slice, {
        from: transition.runStart,
        to: transition.bucket.at + size,
      }),
    };
    return checked({ event, atMs });
  }
  const event: AlertResolved = {
    type: "alert.resolved",
    id: resolvedEventId(transition.alertId),
    at: toIso(atMs),
    alert: transition.alertId,
    rule: rule.id,
    metric: rule.metric,
    dim: slice.dim,
    key: slice.key,
    reason: "recovered",
    value: transition.bucket.value,
    expected: band?.expected ?? null,
    lower: band?.lower ?? null,
    upper: band?.upper ?? null,
  };
  return checked({ event, atMs });
}

function resolution(alert: Alert, end: { at: number; reason: "rule_removed" }): PendingAlertEvent {
  const event: AlertResolved = {
    type: "alert.resolved",
    id: resolvedEventId(alert.id),
    at: toIso(end.at),
    alert: alert.id,
    rule: alert.ruleId,
    metric: alert.metric as KpiName,
    dim: alert.dim,
    key: alert.key,
    reason: end.reason,
  };
  return checked({ event, atMs: end.at });
}

/** The job builds its events itself; one that the vocabulary refuses is a bug, not input. */
function checked(pending: PendingAlertEvent): PendingAlertEvent {
  const result = checkEvent(pending.event);
  if (!result.ok) {
    throw new Error(
      `alert event ${pending.event.id} is invalid: ${result.problem.field ?? ""} ${result.problem.reason}`,
    );
  }
  return pending;
}
