import type { Kysely } from "kysely";
import { requirePermission, type Scope, scopeCovers } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { findAgentsByIds } from "../agents/agent.repository.js";
import { appendAudit } from "../audit/audit.service.js";
import { parseInstant } from "../events/event-validation.js";
import type { KpiName } from "../metrics/kpi.js";
import { countSeriesBuckets } from "../metrics/kpi-buckets.js";
import { MAX_SERIES_BUCKETS } from "../metrics/metrics.service.js";
import type { StoredSettingsKind } from "../settings/settings.js";
import { loadSettings } from "../settings/settings.service.js";
import {
  type Alert,
  type AlertBucket,
  type AlertDimension,
  type AlertState,
  bucketMs,
  DAY_MS,
  HOUR_MS,
} from "./alert.js";
import { acknowledgeAlertRow, findFirstEventAt, getAlert, listAlerts } from "./alert.repository.js";
import { alertSlicesCovered, scopeOfSlice } from "./alert-recipients.js";
import {
  ALERT_RULES_SETTINGS,
  type AlertRule,
  type AlertRulesDocument,
  completeRule,
  volumeMetricOf,
} from "./alert-rules.js";
import {
  baselineIntervals,
  firstCompleteBucket,
  judgedValues,
  readSliceValues,
  valueLookup,
} from "./alert-series.js";
import { bandAt } from "./baseline.js";

/** The `alert-rules` settings kind: saved like every settings document (versioned, audited). */
export const ALERT_RULES_KIND: StoredSettingsKind<AlertRulesDocument> = ALERT_RULES_SETTINGS;

export async function loadAlertRules(db: Kysely<DB>): Promise<AlertRule[]> {
  return (await loadSettings(db, ALERT_RULES_SETTINGS)).body.rules;
}

// ───────────────────────────── alerts ─────────────────────────────

export interface AlertPage {
  items: Alert[];
  nextCursor: string | null;
}

/**
 * Alerts, most recently raised first, narrowed to the caller's metrics:read scope as their
 * notifications and the live stream are: a team lead sees the alerts on their team's and its
 * agents' slices, a regional manager those on their regions'; workspace-wide slices (all, a
 * channel, a category…) aggregate every team, so only an unrestricted reader sees them.
 */
export async function findAlerts(
  db: Kysely<DB>,
  actor: Actor,
  query: { state?: AlertState; rule?: string; metric?: KpiName; limit: number; cursor?: string },
): Promise<AlertPage> {
  const covered = alertSlicesCovered(requirePermission(actor, "metrics:read"));
  const before =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["number", "string"]);
  const items = await listAlerts(db, {
    ...(query.state === undefined ? {} : { state: query.state }),
    ...(query.rule === undefined ? {} : { ruleId: query.rule }),
    ...(query.metric === undefined ? {} : { metric: query.metric }),
    ...(covered === "all" ? {} : { within: covered }),
    limit: query.limit + 1,
    ...(before === undefined ? {} : { before: { raisedAt: before[0], id: before[1] } }),
  });
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.raisedAt, last.id]) : null,
  };
}

function alertNotFound(id: string): AppError {
  return new AppError("alert.not_found", {
    message: `alert "${id}" does not exist`,
    field: "params.id",
  });
}

/** One alert; one outside the caller's scope is reported as not found, as in the list. */
export async function findAlert(db: Kysely<DB>, actor: Actor, id: string): Promise<Alert> {
  const scope = requirePermission(actor, "metrics:read");
  const alert = await getAlert(db, id);
  if (!alert || !(await isAlertInScope(db, scope, alert))) throw alertNotFound(id);
  return alert;
}

async function isAlertInScope(db: Kysely<DB>, scope: Scope, alert: Alert): Promise<boolean> {
  if (scope.all) return true;
  const agentTeams = new Map<string, string>();
  if (alert.dim === "agent") {
    for (const agent of await findAgentsByIds(db, [alert.key]))
      agentTeams.set(agent.id, agent.teamId);
  }
  return scopeCovers(scope, scopeOfSlice(alert, agentTeams));
}

/**
 * Marks an alert as seen by someone who acts on it. The first acknowledgement stays (a second
 * changes nothing); an alert may be acknowledged open or resolved. Audited.
 */
export async function acknowledgeAlert(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: number,
): Promise<Alert> {
  const scope = requirePermission(actor, "metrics:write");
  return db.transaction().execute(async (trx) => {
    const before = await getAlert(trx, id);
    if (!before || !(await isAlertInScope(trx, scope, before))) throw alertNotFound(id);
    if (before.acknowledgedAt !== null) return before;
    await acknowledgeAlertRow(trx, { id, by: describeActor(actor), at: now });
    const after = (await getAlert(trx, id)) as Alert;
    await appendAudit(trx, {
      actor,
      action: "alert.acknowledge",
      targetKind: "alert",
      targetId: id,
      before,
      after,
      at: now,
    });
    return after;
  });
}

// ───────────────────────────── baseline bands ─────────────────────────────

export interface BaselinePoint {
  at: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  value: number | null;
}

export interface BaselineResult {
  metric: KpiName;
  dim: AlertDimension;
  key: string;
  bucket: AlertBucket;
  rule: string | null;
  points: BaselinePoint[];
}

export interface BaselineQuery {
  metric?: KpiName;
  dim?: AlertDimension;
  key?: string;
  from?: string;
  to?: string;
  bucket?: AlertBucket;
  rule?: string;
}

function invalid(field: string, message: string): AppError {
  return new AppError("request.invalid", { message: `${field} ${message}`, field });
}

function instantParameter(value: string, name: string): number {
  const ms = parseInstant(value);
  if (ms === null) {
    throw invalid(
      `querystring.${name}`,
      `must be an ISO-8601 date-time with an offset or Z (e.g. 2026-03-02T00:00:00Z), got "${value}"`,
    );
  }
  return ms;
}

/** The rule whose band to draw: the one named, else the first enabled rule on this metric and slice. */
function chooseRule(rules: readonly AlertRule[], query: BaselineQuery): AlertRule | undefined {
  if (query.rule !== undefined) {
    const named = rules.find((rule) => rule.id === query.rule);
    if (!named) throw invalid("querystring.rule", `names no alert rule ("${query.rule}")`);
    return named;
  }
  const metric = query.metric ?? "casesOpened";
  const dim = query.dim ?? "all";
  return rules.find(
    (rule) =>
      rule.enabled &&
      rule.metric === metric &&
      rule.dim === dim &&
      (rule.dim === "all" || rule.key === null || rule.key === query.key) &&
      (query.bucket === undefined || rule.bucket === query.bucket),
  );
}

/**
 * The baseline band of one metric and slice, bucket by bucket, for the dashboards' trend lines:
 * the expected value and range a rule judges each bucket by, and the value itself. The band is
 * the named rule's, else the first enabled rule's on this metric and slice, else the default (a
 * four-week hour-of-week baseline at z-score 3).
 */
export async function computeBaseline(
  db: Kysely<DB>,
  actor: Actor,
  query: BaselineQuery,
  now: number,
): Promise<BaselineResult> {
  requirePermission(actor, "metrics:read");
  const rules = await loadAlertRules(db);
  const chosen = chooseRule(rules, query);
  const metric = query.metric ?? chosen?.metric ?? "casesOpened";
  const dim = query.dim ?? chosen?.dim ?? "all";
  if (chosen && (chosen.metric !== metric || chosen.dim !== dim)) {
    throw invalid(
      "querystring.rule",
      `watches ${chosen.metric} by ${chosen.dim}, not ${metric} by ${dim}`,
    );
  }
  if (dim === "all" && query.key !== undefined) {
    throw invalid("querystring.key", "must be absent when dim is all");
  }
  const key = dim === "all" ? "all" : (query.key ?? chosen?.key ?? undefined);
  if (key === undefined) throw invalid("querystring.key", `is required with dim ${dim}`);
  const rule =
    chosen ??
    completeRule({
      id: "default",
      name: "default band",
      metric,
      dim,
      kind: "baseline",
      bucket: query.bucket ?? "hour",
      zScore: 3,
    });
  const bucket = query.bucket ?? rule.bucket;
  const size = bucketMs(bucket);
  const to =
    query.to === undefined ? Math.floor(now / HOUR_MS) * HOUR_MS : instantParameter(query.to, "to");
  const from = query.from === undefined ? to - 7 * DAY_MS : instantParameter(query.from, "from");
  if (from >= to) throw invalid("querystring.from", "must be before querystring.to");
  if (countSeriesBuckets(from, to, bucket) > MAX_SERIES_BUCKETS) {
    throw new AppError("metrics.period_too_long", {
      message: `querystring.to: the band would have more than ${MAX_SERIES_BUCKETS} ${bucket} buckets`,
      field: "querystring.to",
    });
  }
  const first = Math.floor(from / size) * size;
  const intervals = baselineIntervals({ ...rule, bucket }, { from: first, to });
  const volume = rule.minVolume > 0 ? volumeMetricOf(metric) : null;
  const values = await readSliceValues(db, {
    metrics: volume === null ? [metric] : [metric, volume],
    dim,
    key: dim === "all" ? null : key,
    bucket,
    intervals,
    actor,
    asOf: now,
  });
  const historyStart = firstCompleteBucket(await findFirstEventAt(db), bucket);
  const valueAt = valueLookup(values, key, metric, intervals, historyStart);
  // Bands leave out the buckets too small to judge, as the rule does; values are shown all.
  const judged = judgedValues(
    valueAt,
    volume === null ? undefined : valueLookup(values, key, volume, intervals, historyStart),
    rule.minVolume,
  );
  const bandRule = { ...rule, metric, bucket };
  const points: BaselinePoint[] = [];
  for (let at = first; at < to; at += size) {
    const band = bandAt(bandRule, at, judged);
    points.push({
      at,
      expected: band?.expected ?? null,
      lower: band?.lower ?? null,
      upper: band?.upper ?? null,
      value: valueAt(at) ?? null,
    });
  }
  return { metric, dim, key, bucket, rule: chosen?.id ?? null, points };
}
