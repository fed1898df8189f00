import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AlertDirection, AlertSeverity } from "../events/event.types.js";
import type { KpiName } from "../metrics/kpi.js";
import type { Alert, AlertBucket, AlertDimension, AlertState, ResolveReason } from "./alert.js";
import { type AlertRow, withAlertTables } from "./alert.table.js";

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    ruleId: row.rule_id,
    metric: row.metric as KpiName,
    dim: row.dim as AlertDimension,
    key: row.slice_key,
    bucket: row.bucket as AlertBucket,
    bucketStart: Number(row.bucket_start),
    direction: row.direction as AlertDirection,
    severity: row.severity as AlertSeverity,
    value: Number(row.value),
    expected: row.expected === null ? null : Number(row.expected),
    lower: row.lower === null ? null : Number(row.lower),
    upper: row.upper === null ? null : Number(row.upper),
    link: row.link,
    raisedAt: Number(row.raised_at),
    state: row.state as AlertState,
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    resolveReason: row.resolve_reason as ResolveReason | null,
    resolvedValue: row.resolved_value === null ? null : Number(row.resolved_value),
    acknowledgedAt: row.acknowledged_at === null ? null : Number(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
  };
}

export interface NewAlert {
  id: string;
  ruleId: string;
  metric: string;
  dim: string;
  key: string;
  bucket: string;
  bucketStart: number;
  direction: string;
  severity: string;
  value: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  link: string;
  raisedAt: number;
  openSlot: string;
}

/**
 * Stores a newly raised alert as open; an alert of the same id already stored is left as it is.
 * Another alert still open on the same slot (only possible from imported history) is ended as
 * superseded first, so a slice never has two open alerts.
 */
export async function insertOpenAlert(db: Kysely<DB>, alert: NewAlert): Promise<void> {
  const tables = withAlertTables(db);
  const existing = await tables
    .selectFrom("alerts")
    .select("id")
    .where("id", "=", alert.id)
    .executeTakeFirst();
  if (existing) return;
  await tables
    .updateTable("alerts")
    .set({
      state: "resolved",
      open_slot: null,
      resolved_at: alert.raisedAt,
      resolve_reason: "superseded",
    })
    .where("open_slot", "=", alert.openSlot)
    .execute();
  await tables
    .insertInto("alerts")
    .values({
      id: alert.id,
      rule_id: alert.ruleId,
      metric: alert.metric,
      dim: alert.dim,
      slice_key: alert.key,
      bucket: alert.bucket,
      bucket_start: alert.bucketStart,
      direction: alert.direction,
      severity: alert.severity,
      value: alert.value,
      expected: alert.expected,
      lower: alert.lower,
      upper: alert.upper,
      link: alert.link,
      raised_at: alert.raisedAt,
      state: "open",
      open_slot: alert.openSlot,
      resolved_at: null,
      resolve_reason: null,
      resolved_value: null,
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .execute();
}

/** Ends an open alert; one already resolved (or unknown) is left alone. */
export async function resolveOpenAlert(
  db: Kysely<DB>,
  resolution: { id: string; at: number; reason: ResolveReason; value: number | null },
): Promise<void> {
  await withAlertTables(db)
    .updateTable("alerts")
    .set({
      state: "resolved",
      open_slot: null,
      resolved_at: resolution.at,
      resolve_reason: resolution.reason,
      resolved_value: resolution.value,
    })
    .where("id", "=", resolution.id)
    .where("state", "=", "open")
    .execute();
}

export async function getAlert(db: Kysely<DB>, id: string): Promise<Alert | undefined> {
  const row = await withAlertTables(db)
    .selectFrom("alerts")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toAlert(row);
}

export async function findAlertsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<Alert[]> {
  if (ids.length === 0) return [];
  const rows = await withAlertTables(db)
    .selectFrom("alerts")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  return rows.map(toAlert);
}

export interface AlertFilter {
  state?: AlertState;
  ruleId?: string;
  metric?: string;
  limit: number;
  /** Continue after this (raised_at, id), newest first. */
  before?: { raisedAt: number; id: string };
  /**
   * Only alerts on these teams' slices (and their agents'), or these regions'; absent: every
   * alert. See alertSlicesCovered.
   */
  within?: { teams: readonly string[]; regions: readonly string[] };
}

/** Alerts, most recently raised first. */
export async function listAlerts(db: Kysely<DB>, filter: AlertFilter): Promise<Alert[]> {
  let query = withAlertTables(db).selectFrom("alerts").selectAll();
  if (filter.state !== undefined) query = query.where("state", "=", filter.state);
  if (filter.ruleId !== undefined) query = query.where("rule_id", "=", filter.ruleId);
  if (filter.metric !== undefined) query = query.where("metric", "=", filter.metric);
  const within = filter.within;
  if (within) {
    const teams = [...within.teams];
    const regions = [...within.regions];
    query = query.where((eb) => {
      const covered = [];
      if (teams.length > 0) {
        covered.push(eb.and([eb("dim", "=", "team"), eb("slice_key", "in", teams)]));
        covered.push(
          eb.and([
            eb("dim", "=", "agent"),
            eb(
              "slice_key",
              "in",
              eb.selectFrom("agents").select("agents.id").where("agents.team_id", "in", teams),
            ),
          ]),
        );
      }
      if (regions.length > 0) {
        covered.push(eb.and([eb("dim", "=", "region"), eb("slice_key", "in", regions)]));
      }
      return eb.or(covered);
    });
  }
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("raised_at", "<", before.raisedAt),
        eb.and([eb("raised_at", "=", before.raisedAt), eb("id", "<", before.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("raised_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit)
    .execute();
  return rows.map(toAlert);
}

export async function listOpenAlerts(db: Kysely<DB>): Promise<Alert[]> {
  const rows = await withAlertTables(db)
    .selectFrom("alerts")
    .selectAll()
    .where("state", "=", "open")
    .orderBy("raised_at")
    .orderBy("id")
    .execute();
  return rows.map(toAlert);
}

/**
 * The instant of the latest transition (raised or resolved) of each slice of these rules, keyed
 * `<rule> <dim> <key>`: a re-evaluation never acts on buckets before it.
 */
export async function findLastTransitions(
  db: Kysely<DB>,
  ruleIds: readonly string[],
): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await withAlertTables(db)
    .selectFrom("alerts")
    .select((eb) => [
      "rule_id",
      "dim",
      "slice_key",
      eb.fn.max("raised_at").as("raised"),
      eb.fn.max("resolved_at").as("resolved"),
    ])
    .where("rule_id", "in", [...ruleIds])
    .groupBy(["rule_id", "dim", "slice_key"])
    .execute();
  return new Map(
    rows.map((row) => [
      `${row.rule_id} ${row.dim} ${row.slice_key}`,
      Math.max(Number(row.raised), row.resolved === null ? 0 : Number(row.resolved)),
    ]),
  );
}

/** Records the first acknowledgement of an alert (a later one keeps the first); false if unknown. */
export async function acknowledgeAlertRow(
  db: Kysely<DB>,
  acknowledgement: { id: string; by: string; at: number },
): Promise<boolean> {
  const tables = withAlertTables(db);
  await tables
    .updateTable("alerts")
    .set({ acknowledged_at: acknowledgement.at, acknowledged_by: acknowledgement.by })
    .where("id", "=", acknowledgement.id)
    .where("acknowledged_at", "is", null)
    .execute();
  const row = await tables
    .selectFrom("alerts")
    .select("id")
    .where("id", "=", acknowledgement.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The business time of the oldest event in the log (undefined when it is empty). */
export async function findFirstEventAt(db: Kysely<DB>): Promise<number | undefined> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.min("at").as("at"))
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}
