import { type Kysely, type RawBuilder, sql } from "kysely";
import { inChunks } from "../../db/batching.js";
import { isPostgres, jsonRows } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { CaseFacts } from "./case-facts.js";
import { UNASSIGNED } from "./kpi.js";
import { toCaseFacts } from "./metric-facts.repository.js";
import type { GrainRange, RollupGrain, TimeRange } from "./period-plan.js";
import { COUNTER_COLUMNS, type RollupSums } from "./rollup-sums.js";

/**
 * All SQL of the metric roll-ups (rollup.table.ts): reading and writing roll-up rows, the worked
 * spans and the pending first responses, and the few reads of facts and events the planner needs
 * for the edges of a period.
 */

/** Identifies one roll-up row. */
export interface RollupRowKey {
  grain: RollupGrain;
  dim: string;
  key: string;
  bucket: number;
}

/** A roll-up row as the planner and the writer use it. */
export interface StoredRollup extends RollupRowKey {
  sums: RollupSums;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Rows per statement: each row is one JSON array element, so statements stay cheap to build. */
const ROWS_PER_STATEMENT = 2_000;
/** Any constant shared by every writer: the PostgreSQL advisory lock of the roll-ups. */
const ROLLUP_LOCK_ID = 7_106_010;

const COUNTERS_SQL = sql.raw(COUNTER_COLUMNS.join(", "));
const SELECTED_COLUMNS = sql.raw(
  ["grain", "dim", "key", "bucket", ...COUNTER_COLUMNS, "worked_by_team", "fr_hist", "res_hist"]
    .map((column) => `r.${column}`)
    .join(", "),
);

type RawRollupRow = Record<string, unknown> & {
  grain: string;
  dim: string;
  key: string;
  bucket: number | string;
  worked_by_team: string | null;
  fr_hist: string | null;
  res_hist: string | null;
};

function toRollupRowData(row: RawRollupRow): RollupRowData {
  const counters = new Array<number>(COUNTER_COLUMNS.length);
  for (let index = 0; index < COUNTER_COLUMNS.length; index++) {
    counters[index] = Number(row[COUNTER_COLUMNS[index] as string] ?? 0);
  }
  return {
    grain: row.grain as RollupGrain,
    dim: row.dim,
    key: row.key,
    bucket: Number(row.bucket),
    counters,
    workedByTeam: row.worked_by_team,
    firstResponse: row.fr_hist,
    resolution: row.res_hist,
  };
}

/**
 * Serialises roll-up writers across processes on PostgreSQL for the rest of the transaction (the
 * rows are read, merged and written back). SQLite has one writer at a time already.
 *
 * Fact writers take it before they lock any metric_case_facts row. A writer holds it from its
 * first roll-up write to its commit, so one that locked facts rows first and then waited for it
 * could be waiting on a holder that needs those very rows (another case of the same customer,
 * whose recontact moved): a deadlock. In this order a writer locks facts rows only while holding
 * the roll-up lock, and waits for it holding none.
 */
export async function lockRollups(db: Kysely<DB>): Promise<void> {
  if (isPostgres(db as Kysely<unknown>)) {
    await sql`select pg_advisory_xact_lock(${sql.lit(ROLLUP_LOCK_ID)})`.execute(db);
  }
}

/** The stored rows with these keys, as read for a write (absent rows are not returned). */
export async function findRollupData(
  db: Kysely<DB>,
  keys: readonly RollupRowKey[],
): Promise<RollupRowData[]> {
  const found: RollupRowData[] = [];
  for (const chunk of inChunks(keys, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [row.grain, row.dim, row.key, row.bucket]);
    const result = await sql<RawRollupRow>`
      select ${SELECTED_COLUMNS}
      from ${jsonRows(db, rows)}
      join metric_rollups r
        on r.grain = c.value ->> 0 and r.dim = c.value ->> 1 and r.key = c.value ->> 2
        and r.bucket = cast(c.value ->> 3 as bigint)`.execute(db);
    for (const row of result.rows) found.push(toRollupRowData(row));
  }
  return found;
}

/** A row to write whole: counters in COUNTER_COLUMNS order, JSON columns as text. */
export interface RollupWrite extends RollupRowKey {
  counters: ArrayLike<number>;
  workedByTeam: string;
  firstResponse: string;
  resolution: string;
}

/** The write of a row summed in memory. */
export function toRollupWrite(row: StoredRollup): RollupWrite {
  return {
    grain: row.grain,
    dim: row.dim,
    key: row.key,
    bucket: row.bucket,
    counters: row.sums.counters,
    workedByTeam: row.sums.workedByTeamJson(),
    firstResponse: row.sums.firstResponseJson(),
    resolution: row.sums.resolutionJson(),
  };
}

const COUNTER_CASTS = sql.raw(
  COUNTER_COLUMNS.map(
    (column, index) =>
      `cast(c.value ->> ${index + 4} as ${column === "worked_seconds" || column === "ces_sum" ? "double precision" : "bigint"})`,
  ).join(", "),
);

/** Writes these rows whole (insert or replace). */
export async function upsertRollups(
  db: Kysely<DB>,
  rollups: readonly RollupWrite[],
): Promise<void> {
  const jsonAt = COUNTER_COLUMNS.length + 4;
  const updates = sql.raw(
    [...COUNTER_COLUMNS, "worked_by_team", "fr_hist", "res_hist"]
      .map((column) => `${column} = excluded.${column}`)
      .join(", "),
  );
  for (const chunk of inChunks(rollups, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [
      row.grain,
      row.bucket,
      row.dim,
      row.key,
      ...Array.from(row.counters),
      row.workedByTeam,
      row.firstResponse,
      row.resolution,
    ]);
    await sql`
      insert into metric_rollups
        (grain, bucket, dim, key, ${COUNTERS_SQL}, worked_by_team, fr_hist, res_hist)
      select c.value ->> 0, cast(c.value ->> 1 as bigint), c.value ->> 2, c.value ->> 3,
        ${COUNTER_CASTS},
        c.value ->> ${sql.lit(jsonAt)}, c.value ->> ${sql.lit(jsonAt + 1)}, c.value ->> ${sql.lit(jsonAt + 2)}
      from ${jsonRows(db, rows)}
      where true
      on conflict (grain, dim, bucket, key) do update set ${updates}`.execute(db);
  }
}

/**
 * `worked_by_team` of a stored row plus that of the row being upserted, summed per team in the
 * store (teams at zero dropped): the JSON object merge an upsert's SET uses.
 */
function workedByTeamMerge(db: Kysely<DB>) {
  return isPostgres(db as Kysely<unknown>)
    ? sql`(select coalesce(jsonb_object_agg(u.key, u.total), '{}'::jsonb)::text
        from (select key, sum(value::double precision) as total
          from (select key, value from jsonb_each_text(metric_rollups.worked_by_team::jsonb)
            union all select key, value from jsonb_each_text(excluded.worked_by_team::jsonb)) s
          group by key having sum(value::double precision) <> 0) u)`
    : sql`(select json_group_object(u.key, u.total)
        from (select key, sum(value) as total
          from (select key, value from json_each(metric_rollups.worked_by_team)
            union all select key, value from json_each(excluded.worked_by_team))
          group by key having sum(value) <> 0) u)`;
}

/**
 * Adds these counters and worked seconds by team to the stored rows (a row missing is
 * inserted), in the store without reading them: the writes whose histograms do not change.
 */
export async function incrementRollups(
  db: Kysely<DB>,
  rollups: readonly (RollupRowKey & { counters: ArrayLike<number>; workedByTeam: string })[],
): Promise<void> {
  const updates = sql.raw(
    COUNTER_COLUMNS.map(
      (column) => `${column} = metric_rollups.${column} + excluded.${column}`,
    ).join(", "),
  );
  const teamsAt = COUNTER_COLUMNS.length + 4;
  for (const chunk of inChunks(rollups, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [
      row.grain,
      row.bucket,
      row.dim,
      row.key,
      ...Array.from(row.counters),
      row.workedByTeam,
    ]);
    await sql`
      insert into metric_rollups (grain, bucket, dim, key, ${COUNTERS_SQL}, worked_by_team)
      select c.value ->> 0, cast(c.value ->> 1 as bigint), c.value ->> 2, c.value ->> 3,
        ${COUNTER_CASTS}, c.value ->> ${sql.lit(teamsAt)}
      from ${jsonRows(db, rows)}
      where true
      on conflict (grain, dim, bucket, key) do update set ${updates},
        worked_by_team = ${workedByTeamMerge(db)}`.execute(db);
  }
}

/** Deletes those of these rows that hold nothing any more. */
export async function deleteEmptyRollups(
  db: Kysely<DB>,
  keys: readonly RollupRowKey[],
): Promise<void> {
  const empty = sql.raw(
    [
      ...COUNTER_COLUMNS.map((column) => `${column} = 0`),
      "worked_by_team = '{}'",
      "fr_hist = '[]'",
      "res_hist = '[]'",
    ].join(" and "),
  );
  for (const chunk of inChunks(keys, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [row.grain, row.dim, row.key, row.bucket]);
    await sql`
      delete from metric_rollups
      where (grain, dim, bucket, key) in (
        select c.value ->> 0, c.value ->> 1, cast(c.value ->> 3 as bigint), c.value ->> 2
        from ${jsonRows(db, rows)})
        and ${empty}`.execute(db);
  }
}

export async function deleteRollups(db: Kysely<DB>, keys: readonly RollupRowKey[]): Promise<void> {
  for (const chunk of inChunks(keys, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [row.grain, row.dim, row.key, row.bucket]);
    await sql`
      delete from metric_rollups
      where (grain, dim, bucket, key) in (
        select c.value ->> 0, c.value ->> 1, cast(c.value ->> 3 as bigint), c.value ->> 2
        from ${jsonRows(db, rows)})`.execute(db);
  }
}

/** Empties the roll-ups and their companions (before a rebuild). */
export async function clearRollups(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom("metric_rollups").execute();
  await db.deleteFrom("metric_work_spans").execute();
  await db.deleteFrom("metric_sla_pending").execute();
}

/** A roll-up row as read for a query: its counters and its JSON columns still as text. */
export interface RollupRowData extends RollupRowKey {
  /** In COUNTER_COLUMNS order. */
  counters: number[];
  workedByTeam: string | null;
  firstResponse: string | null;
  resolution: string | null;
}

/**
 * Roll-up rows of one row dimension (and one key, when given) in these bucket ranges. The JSON
 * columns are left as text: the planner adds them straight into its sums.
 */
export async function listRollups(
  db: Kysely<DB>,
  dim: string,
  key: string | undefined,
  ranges: readonly GrainRange[],
): Promise<RollupRowData[]> {
  const found: RollupRowData[] = [];
  for (const range of ranges) {
    const result = await sql<RawRollupRow>`
      select ${SELECTED_COLUMNS} from metric_rollups r
      where r.grain = ${range.grain} and r.dim = ${dim}
        ${key === undefined ? sql`` : sql`and r.key = ${key}`}
        and r.bucket >= ${range.from} and r.bucket < ${range.to}`.execute(db);
    for (const row of result.rows) found.push(toRollupRowData(row));
  }
  return found;
}

/** Σ backlog_delta per key over these bucket ranges (the backlog's prefix sums). */
export async function sumBacklogDeltas(
  db: Kysely<DB>,
  dim: string,
  key: string | undefined,
  ranges: readonly GrainRange[],
): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const range of ranges) {
    const result = await sql<{ key: string; delta: number | string }>`
      select r.key, sum(r.backlog_delta) as delta from metric_rollups r
      where r.grain = ${range.grain} and r.dim = ${dim}
        ${key === undefined ? sql`` : sql`and r.key = ${key}`}
        and r.bucket >= ${range.from} and r.bucket < ${range.to}
      group by r.key`.execute(db);
    for (const row of result.rows) {
      sums.set(row.key, (sums.get(row.key) ?? 0) + Number(row.delta));
    }
  }
  return sums;
}

/** A page of facts in order of opening (then case id), after the given position. */
export async function listFactsPageByOpening(
  db: Kysely<DB>,
  after: { openedAt: number; caseId: string } | null,
  limit: number,
): Promise<CaseFacts[]> {
  let query = db.selectFrom("metric_case_facts").selectAll();
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb("opened_at", ">", after.openedAt),
        eb.and([eb("opened_at", "=", after.openedAt), eb("case_id", ">", after.caseId)]),
      ]),
    );
  }
  const rows = await query.orderBy("opened_at").orderBy("case_id").limit(limit).execute();
  return rows.map(toCaseFacts);
}

/**
 * The cases with at least one event in one of these ranges (the raw edges of a period), and the
 * cases whose events retention purged (log_purged) that count anything in them.
 */
export async function findCaseIdsWithEventsIn(
  db: Kysely<DB>,
  ranges: readonly TimeRange[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const range of ranges) {
    const rows = await db
      .selectFrom("events")
      .select("case_id")
      .distinct()
      .where("at", ">=", range.from)
      .where("at", "<", range.to)
      .where("case_id", "is not", null)
      .execute();
    for (const row of rows) if (row.case_id !== null) ids.add(row.case_id);
    const purged = await db
      .selectFrom("metric_case_facts")
      .select("case_id")
      .where("log_purged", "=", 1)
      .where("opened_at", "<", range.to)
      .where("active_until", ">=", range.from)
      .execute();
    for (const row of purged) ids.add(row.case_id);
  }
  return [...ids];
}

// Worked spans ---------------------------------------------------------------------------------

export interface WorkSpan {
  caseId: string;
  spanClass: number;
  firstAt: number;
  lastAt: number;
  /** JSON, see MetricWorkSpanTable.worked. */
  worked: string;
}

function toWorkSpan(row: {
  case_id: string;
  span_class: number | string;
  first_at: number | string;
  last_at: number | string;
  worked: string;
}): WorkSpan {
  return {
    caseId: row.case_id,
    spanClass: Number(row.span_class),
    firstAt: Number(row.first_at),
    lastAt: Number(row.last_at),
    worked: row.worked,
  };
}

export async function upsertWorkSpans(db: Kysely<DB>, spans: readonly WorkSpan[]): Promise<void> {
  for (const chunk of inChunks(spans, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((span) => [
      span.caseId,
      span.spanClass,
      span.firstAt,
      span.lastAt,
      span.worked,
    ]);
    await sql`
      insert into metric_work_spans (case_id, span_class, first_at, last_at, worked)
      select c.value ->> 0, cast(c.value ->> 1 as integer), cast(c.value ->> 2 as bigint),
        cast(c.value ->> 3 as bigint), c.value ->> 4
      from ${jsonRows(db, rows)}
      where true
      on conflict (case_id) do update set span_class = excluded.span_class,
        first_at = excluded.first_at, last_at = excluded.last_at, worked = excluded.worked`.execute(
      db,
    );
  }
}

/**
 * The worked spans that contain instant `at` (first_at < at ≤ last_at). A span of class c is at
 * most 2^c minutes long, so it can contain `at` only if it starts in [at − 2^c min, at): one
 * bounded index range per class, each returning mostly matches, however long the history.
 */
export async function findWorkSpansAround(
  db: Kysely<DB>,
  at: number,
  maxClass: number,
): Promise<WorkSpan[]> {
  const spans: WorkSpan[] = [];
  const classes = Array.from({ length: maxClass + 1 }, (_, spanClass) => spanClass);
  for (const chunk of inChunks(classes, 8)) {
    const rows = await db
      .selectFrom("metric_work_spans")
      .selectAll()
      .where((eb) =>
        eb.or(
          chunk.map((spanClass) =>
            eb.and([
              eb("span_class", "=", spanClass),
              eb("first_at", ">=", at - 2 ** spanClass * 60_000),
              eb("first_at", "<", at),
            ]),
          ),
        ),
      )
      .where("last_at", ">=", at)
      .execute();
    for (const row of rows) spans.push(toWorkSpan(row));
  }
  return spans;
}

/** The largest span class stored (spans of up to 2^class minutes), −1 when there are none. */
export async function findMaxSpanClass(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("metric_work_spans")
    .select((eb) => eb.fn.max("span_class").as("max"))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? -1 : Number(row.max);
}

// Pending first responses ----------------------------------------------------------------------

export interface PendingRow {
  caseId: string;
  openedAt: number;
  dueAt: number;
  /** Slice values of the opening, in SLICE_DIMENSIONS order. */
  dims: string[];
}

export async function upsertPending(db: Kysely<DB>, pending: readonly PendingRow[]): Promise<void> {
  for (const chunk of inChunks(pending, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((row) => [
      row.caseId,
      row.openedAt,
      row.dueAt,
      JSON.stringify(row.dims),
    ]);
    await sql`
      insert into metric_sla_pending (case_id, opened_at, due_at, dims)
      select c.value ->> 0, cast(c.value ->> 1 as bigint), cast(c.value ->> 2 as bigint),
        c.value ->> 3
      from ${jsonRows(db, rows)}
      where true
      on conflict (case_id) do update set opened_at = excluded.opened_at,
        due_at = excluded.due_at, dims = excluded.dims`.execute(db);
  }
}

/** Cases opened in [from, to), unanswered with a first-response target not yet due at `asOf`. */
export async function listPendingNotDue(
  db: Kysely<DB>,
  range: TimeRange,
  asOf: number,
): Promise<PendingRow[]> {
  const rows = await db
    .selectFrom("metric_sla_pending")
    .selectAll()
    .where("due_at", ">=", asOf)
    .where("opened_at", ">=", range.from)
    .where("opened_at", "<", range.to)
    .execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    openedAt: Number(row.opened_at),
    dueAt: Number(row.due_at),
    dims: JSON.parse(row.dims) as string[],
  }));
}

// Exact percentile values ----------------------------------------------------------------------

/** A first-response or resolution value of a case, with the slice value it counts under. */
export interface SliceValue {
  key: string;
  /** The instant the value is counted at (opening or first resolution). */
  at: number;
  value: number;
}

/** The facts column (or expression) of a row dimension's slice value at the opening. */
function openingKeyExpression(dim: string) {
  switch (dim) {
    case "all":
      return sql<string>`'all'`;
    case "team":
      return sql<string>`opened_team`;
    case "agent":
      return sql<string>`coalesce(first_response_agent, ${UNASSIGNED})`;
    default:
      return sql<string>`${sql.ref(CASE_COLUMNS[dim] ?? "channel")}`;
  }
}

/** The same at the first resolution. */
function resolutionKeyExpression(dim: string) {
  switch (dim) {
    case "all":
      return sql<string>`'all'`;
    case "team":
      return sql<string>`coalesce(resolved_team, opened_team)`;
    case "agent":
      return sql<string>`coalesce(resolved_agent, ${UNASSIGNED})`;
    default:
      return sql<string>`${sql.ref(CASE_COLUMNS[dim] ?? "channel")}`;
  }
}

const CASE_COLUMNS: Record<string, string> = {
  channel: "channel",
  category: "category",
  categoryTop: "category_top",
  region: "region",
  tier: "tier",
  segment: "segment",
};

/**
 * First-response minutes of the cases opened in [from, to) that have one, with their slice value
 * for `dim` (only `keys`, when given).
 */
export async function listFirstResponseValues(
  db: Kysely<DB>,
  range: TimeRange,
  dim: string,
  keys: readonly string[] | undefined,
): Promise<SliceValue[]> {
  const keyExpression = openingKeyExpression(dim);
  const result = await sql<{ key: string; opened_at: number; first_response_at: number }>`
    select ${keyExpression} as key, opened_at, first_response_at
    from metric_case_facts
    where opened_at >= ${range.from} and opened_at < ${range.to}
      and first_response_at is not null
      ${keyFilter(keyExpression, keys)}`.execute(db);
  return result.rows.map((row) => {
    const openedAt = Number(row.opened_at);
    return {
      key: row.key,
      at: openedAt,
      value: (Number(row.first_response_at) - openedAt) / MINUTE_MS,
    };
  });
}

/** Resolution hours of the cases first resolved in [from, to), with their slice value. */
export async function listResolutionValues(
  db: Kysely<DB>,
  range: TimeRange,
  dim: string,
  keys: readonly string[] | undefined,
): Promise<SliceValue[]> {
  const keyExpression = resolutionKeyExpression(dim);
  const result = await sql<{ key: string; opened_at: number; first_resolved_at: number }>`
    select ${keyExpression} as key, opened_at, first_resolved_at
    from metric_case_facts
    where first_resolved_at >= ${range.from} and first_resolved_at < ${range.to}
      ${keyFilter(keyExpression, keys)}`.execute(db);
  return result.rows.map((row) => {
    const resolvedAt = Number(row.first_resolved_at);
    return { key: row.key, at: resolvedAt, value: (resolvedAt - Number(row.opened_at)) / HOUR_MS };
  });
}

/** Exact percentiles of one slice value's first-response minutes or resolution hours. */
export interface PercentileSummary {
  key: string;
  count: number;
  median: number | null;
  p90: number | null;
}

/**
 * numpy-linear percentile of `value` as an aggregate: PostgreSQL's ordered-set
 * `percentile_cont`, SQLite's `percentile_cont(Y, P)` (its percentile extension).
 */
function percentileCont(db: Kysely<DB>, value: RawBuilder<number>, fraction: number) {
  return isPostgres(db as Kysely<unknown>)
    ? sql<number | null>`percentile_cont(${sql.lit(fraction)}) within group (order by ${value})`
    : sql<number | null>`percentile_cont(${value}, ${sql.lit(fraction)})`;
}

type SummaryRow = {
  key: string;
  count: number | string;
  median: number | null;
  p90: number | null;
};

function toSummary(row: SummaryRow): PercentileSummary {
  return {
    key: row.key,
    count: Number(row.count),
    median: row.median === null ? null : Number(row.median),
    p90: row.p90 === null ? null : Number(row.p90),
  };
}

/**
 * Per slice value of `dim` (only `keys`, when given), the median and 90th percentile of the
 * first-response minutes of the cases opened in [from, to), computed in the store from one range
 * of a covering index (metric_case_facts_first_response_idx; by team, one range per team of
 * metric_case_facts_team_first_response_idx).
 */
export async function summarizeFirstResponses(
  db: Kysely<DB>,
  range: TimeRange,
  dim: string,
  keys: readonly string[] | undefined,
): Promise<PercentileSummary[]> {
  const value = sql<number>`(cast(first_response_at - opened_at as double precision) / ${sql.lit(MINUTE_MS)})`;
  if (dim === "team" && keys !== undefined) {
    // One range of the team-first index per team: no sorting to group, only each team's values.
    if (keys.length === 0) return [];
    const result = await sql<SummaryRow>`
      select opened_team as key, count(*) as count,
        ${percentileCont(db, value, 0.5)} as median, ${percentileCont(db, value, 0.9)} as p90
      from metric_case_facts
      where opened_team in (${sql.join(keys)})
        and opened_at >= ${range.from} and opened_at < ${range.to}
        and first_response_at is not null
      group by opened_team`.execute(db);
    return result.rows.map(toSummary);
  }
  const keyExpression = openingKeyExpression(dim);
  const result = await sql<SummaryRow>`
    select ${keyExpression} as key, count(*) as count,
      ${percentileCont(db, value, 0.5)} as median, ${percentileCont(db, value, 0.9)} as p90
    from metric_case_facts
    where opened_at >= ${range.from} and opened_at < ${range.to}
      and first_response_at is not null
      ${keyFilter(keyExpression, keys)}
    group by 1`.execute(db);
  return result.rows.map(toSummary);
}

/** The same for the resolution hours of the cases first resolved in [from, to) (no p90). */
export async function summarizeResolutions(
  db: Kysely<DB>,
  range: TimeRange,
  dim: string,
  keys: readonly string[] | undefined,
): Promise<PercentileSummary[]> {
  const value = sql<number>`(cast(first_resolved_at - opened_at as double precision) / ${sql.lit(HOUR_MS)})`;
  if (dim === "team" && keys !== undefined) {
    // A resolved case always has its resolving team (resolvedTeam is set with firstResolvedAt).
    if (keys.length === 0) return [];
    const result = await sql<SummaryRow>`
      select resolved_team as key, count(*) as count,
        ${percentileCont(db, value, 0.5)} as median, null as p90
      from metric_case_facts
      where resolved_team in (${sql.join(keys)})
        and first_resolved_at >= ${range.from} and first_resolved_at < ${range.to}
      group by resolved_team`.execute(db);
    return result.rows.map(toSummary);
  }
  const keyExpression = resolutionKeyExpression(dim);
  const result = await sql<SummaryRow>`
    select ${keyExpression} as key, count(*) as count,
      ${percentileCont(db, value, 0.5)} as median, null as p90
    from metric_case_facts
    where first_resolved_at >= ${range.from} and first_resolved_at < ${range.to}
      ${keyFilter(keyExpression, keys)}
    group by 1`.execute(db);
  return result.rows.map(toSummary);
}

function keyFilter(keyExpression: RawBuilder<string>, keys: readonly string[] | undefined) {
  if (keys === undefined) return sql``;
  if (keys.length === 0) return sql`and 1 = 0`;
  return sql`and ${keyExpression} in (${sql.join(keys)})`;
}
