import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { quantileOfSorted } from "../routing-reports/percentiles.js";
import type {
  KpiName,
  KpiQuery,
  KpiValues,
  ScorecardRow,
  Series,
  SeriesQuery,
  SliceDimension,
} from "./kpi.js";
import { bucketIndexOf, seriesBuckets } from "./kpi-buckets.js";
import { type KpiPercentiles, type KpiSums, kpiValuesOf } from "./kpi-exact.js";
import { findFactsOfCases, findTeamHourlyCosts } from "./metric-facts.repository.js";
import {
  type GrainRange,
  nextBucketStart,
  type PeriodPlan,
  planPeriod,
  type RawRange,
  type TimeRange,
} from "./period-plan.js";
import {
  findCaseIdsWithEventsIn,
  findMaxSpanClass,
  findWorkSpansAround,
  listFirstResponseValues,
  listPendingNotDue,
  listResolutionValues,
  listRollups,
  type PercentileSummary,
  type RollupRowData,
  type SliceValue,
  sumBacklogDeltas,
  summarizeFirstResponses,
  summarizeResolutions,
} from "./rollup.repository.js";
import { entriesOfFacts } from "./rollup.service.js";
import {
  COUNTER_COLUMNS,
  type CounterColumn,
  keyOf,
  ROW_DIMENSIONS,
  type RollupEntry,
  RollupSums,
} from "./rollup-sums.js";

/**
 * The roll-up planner: answers a scorecard or a series from the roll-ups (rollup.table.ts)
 * instead of the facts of every case in the period, with the same values as the exact engine
 * (kpi-exact.ts) — counts, sums and rates exactly, percentiles exactly for a slice with at most
 * EXACT_PERCENTILE_LIMIT values and within the sketch's α (sketch.ts) above that.
 *
 * A period [from, to) is read as whole months, days and hours of roll-up rows plus the sub-hour
 * edges, whose contributions come from the facts of the cases with events in them
 * (period-plan.ts). On top of the sums:
 * - backlog at `to`: the prefix sum of backlog changes over [−∞, to), read the same way;
 * - distinct cases worked (AHT): cases whose first work for the slice value lies in the period
 *   (`work_first`) plus those worked for it before `from` and again in the period, found among
 *   the worked spans that contain `from` (metric_work_spans);
 * - SLA attainment: unanswered cases with a target count as missed unless still due at `asOf`
 *   (metric_sla_pending);
 * - cost per case: worked seconds by team priced at the teams' current hourly cost.
 */

/** Up to this many values in a slice and period, percentiles are computed exactly. */
export const EXACT_PERCENTILE_LIMIT = 10_000;

/** The roll-up rows answering a query: one row dimension, and one key of it when filtered. */
export interface RollupSlice {
  /** Index in ROW_DIMENSIONS. */
  dimension: number;
  dim: string;
  key?: string;
}

/**
 * The roll-up slice answering a query, or null when roll-ups cannot answer it: they are kept per
 * single dimension, so a query may filter on at most one dimension, and then only group by that
 * same one.
 */
export function rollupSliceOf(query: KpiQuery): RollupSlice | null {
  const filters = Object.entries(query.filter ?? {}).filter(([, value]) => value !== undefined) as [
    SliceDimension,
    string,
  ][];
  if (filters.length > 1) return null;
  const [filter] = filters;
  if (filter !== undefined && query.by !== undefined && query.by !== filter[0]) return null;
  const dim = query.by ?? filter?.[0] ?? "all";
  const slice: RollupSlice = { dimension: ROW_DIMENSIONS.indexOf(dim), dim };
  if (filter !== undefined) slice.key = filter[1];
  else if (dim === "all") slice.key = "all";
  return slice;
}

export interface RollupQueryOptions {
  /** Every team's hourly cost; read from the store when absent. */
  hourlyCosts?: ReadonlyMap<string, number | null>;
  /** Up to this many values, percentiles are exact (default EXACT_PERCENTILE_LIMIT). */
  exactPercentileLimit?: number;
}

/** What the planner keeps per slice value over one stretch of time. */
class SliceTotals {
  readonly sums = new RollupSums();
  /** Backlog change inside the stretch (series) or the backlog at its end (scorecard). */
  backlog = 0;
  /** Distinct cases worked, once known. */
  workedCases = 0;
  /** Unanswered cases with a target opened in the stretch and not yet due at `asOf`. */
  pendingNotDue = 0;
  frValues: number[] | null = null;
  resolutionValues: number[] | null = null;
  /** Exact percentiles computed by the store (scorecards). */
  frExact: PercentileSummary | null = null;
  resolutionExact: PercentileSummary | null = null;

  active(): boolean {
    for (const column of ACTIVITY_COLUMNS) if (this.sums.get(column) !== 0) return true;
    return this.workedCases > 0;
  }
}

/** Counters that mean something happened in the stretch (the backlog alone does not). */
const ACTIVITY_COLUMNS: readonly CounterColumn[] = [
  "opened",
  "fr_n",
  "escalated",
  "sla_target",
  "sla_met",
  "sla_unanswered",
  "resolved",
  "res_n",
  "reopened",
  "recontacted",
  "fcr",
  "worked_seconds",
  "work_first",
  "worked_cases",
  "csat_n",
  "nps_n",
  "ces_n",
];

const BACKLOG_DELTA = COUNTER_COLUMNS.indexOf("backlog_delta");

function addRow(totals: SliceTotals, row: RollupRowData): void {
  totals.sums.addStored(row.counters, row.workedByTeam, row.firstResponse, row.resolution);
}

function totalsOf(map: Map<string, SliceTotals>, key: string): SliceTotals {
  let totals = map.get(key);
  if (totals === undefined) {
    totals = new SliceTotals();
    map.set(key, totals);
  }
  return totals;
}

function inRanges(at: number, ranges: readonly TimeRange[]): number {
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index] as TimeRange;
    if (at >= range.from && at < range.to) return index;
  }
  return -1;
}

/** The sign of the raw range holding `at` (0 when none does). */
function signAt(at: number, ranges: readonly RawRange[]): number {
  const index = inRanges(at, ranges);
  return index < 0 ? 0 : (ranges[index] as RawRange).sign;
}

/** Whether an entry counts for the slice's row dimension (first-work entries are per key). */
function countsFor(entry: RollupEntry, slice: RollupSlice): boolean {
  if (entry.field === "workedCase") return false;
  if (entry.field === "workFirst") return ((entry.mask ?? 0) & (1 << slice.dimension)) !== 0;
  return true;
}

/** The entries of the cases with events in `ranges`, for the slice (and its key). */
async function edgeEntries(
  db: Kysely<DB>,
  ranges: readonly TimeRange[],
  slice: RollupSlice,
): Promise<{ entry: RollupEntry; key: string }[]> {
  if (ranges.length === 0) return [];
  const caseIds = await findCaseIdsWithEventsIn(db, ranges);
  if (caseIds.length === 0) return [];
  const facts = await findFactsOfCases(db, caseIds);
  const found: { entry: RollupEntry; key: string }[] = [];
  for (const item of facts.values()) {
    for (const entry of entriesOfFacts(item, { perBucket: false })) {
      if (inRanges(entry.at, ranges) < 0 || !countsFor(entry, slice)) continue;
      const key = keyOf(entry.dims, slice.dimension);
      if (slice.key !== undefined && key !== slice.key) continue;
      found.push({ entry, key });
    }
  }
  return found;
}

/**
 * Per slice value, the cases worked for it both before `range.from` and in `range`: they count
 * among the distinct cases worked in the range although their first work is earlier.
 */
async function countWorkedAcross(
  db: Kysely<DB>,
  range: TimeRange,
  slice: RollupSlice,
  maxClass: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (maxClass < 0) return counts;
  for (const span of await findWorkSpansAround(db, range.from, maxClass)) {
    const worked = JSON.parse(span.worked) as { dims: string[][]; at: [number, number][] };
    const before = new Set<string>();
    const inside = new Set<string>();
    for (const [at, dimsIndex] of worked.at) {
      if (at >= range.to) continue;
      const key = keyOf(worked.dims[dimsIndex] ?? [], slice.dimension);
      if (slice.key !== undefined && key !== slice.key) continue;
      (at < range.from ? before : inside).add(key);
    }
    for (const key of inside) if (before.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Adds the not-yet-due unanswered cases opened in `range`, per key, through `place`. */
async function addPendingNotDue(
  db: Kysely<DB>,
  range: TimeRange,
  asOf: number,
  slice: RollupSlice,
  place: (openedAt: number, key: string) => SliceTotals | undefined,
): Promise<void> {
  for (const pending of await listPendingNotDue(db, range, asOf)) {
    const key = keyOf(pending.dims, slice.dimension);
    if (slice.key !== undefined && key !== slice.key) continue;
    const totals = place(pending.openedAt, key);
    if (totals !== undefined) totals.pendingNotDue += 1;
  }
}

/** The KPI sums of a slice's totals (the exact engine's KpiSums). */
function kpiSumsOf(totals: SliceTotals, backlog: number): KpiSums {
  const sums = totals.sums;
  return {
    opened: sums.get("opened"),
    escalated: sums.get("escalated"),
    slaTarget: sums.get("sla_target") + sums.get("sla_unanswered") - totals.pendingNotDue,
    slaMet: sums.get("sla_met"),
    resolved: sums.get("resolved"),
    reopened: sums.get("reopened"),
    recontacted: sums.get("recontacted"),
    fcr: sums.get("fcr"),
    backlog,
    workedSeconds: sums.get("worked_seconds"),
    workedCases: totals.workedCases,
    workedByTeam: sums.workedByTeam,
    csatN: sums.get("csat_n"),
    csatGood: sums.get("csat_good"),
    npsN: sums.get("nps_n"),
    npsPromoters: sums.get("nps_promoters"),
    npsDetractors: sums.get("nps_detractors"),
    cesN: sums.get("ces_n"),
    cesSum: sums.get("ces_sum"),
  };
}

function percentilesOf(totals: SliceTotals): KpiPercentiles {
  const fr = totals.frValues === null ? null : Float64Array.from(totals.frValues).sort();
  const resolution =
    totals.resolutionValues === null ? null : Float64Array.from(totals.resolutionValues).sort();
  const sums = totals.sums;
  const frExact = totals.frExact;
  const resolutionExact = totals.resolutionExact;
  return {
    firstResponseMedianMinutes: frExact
      ? frExact.median
      : fr
        ? quantileOfSorted(fr, 0.5)
        : sums.firstResponse.percentile(0.5),
    firstResponseP90Minutes: frExact
      ? frExact.p90
      : fr
        ? quantileOfSorted(fr, 0.9)
        : sums.firstResponse.percentile(0.9),
    resolutionMedianHours: resolutionExact
      ? resolutionExact.median
      : resolution
        ? quantileOfSorted(resolution, 0.5)
        : sums.resolution.percentile(0.5),
  };
}

/** Whether a slice's percentiles over `count` values are computed exactly (few enough). */
function exactTest(options: RollupQueryOptions): (count: number) => boolean {
  const limit = options.exactPercentileLimit ?? EXACT_PERCENTILE_LIMIT;
  return (count) => count > 0 && count <= limit;
}

/** Reads the exact values the slices with few enough of them need, into `place`. */
async function loadExactValues(
  db: Kysely<DB>,
  range: TimeRange,
  slice: RollupSlice,
  targets: { fr: Set<string>; resolution: Set<string> },
  place: (value: SliceValue) => SliceTotals | undefined,
  needsFr: (totals: SliceTotals) => boolean,
  needsResolution: (totals: SliceTotals) => boolean,
): Promise<void> {
  const keysOf = (keys: Set<string>) =>
    slice.key !== undefined ? [slice.key] : slice.dim === "all" ? undefined : [...keys];
  if (targets.fr.size > 0) {
    for (const value of await listFirstResponseValues(db, range, slice.dim, keysOf(targets.fr))) {
      const totals = place(value);
      if (totals === undefined || !needsFr(totals)) continue;
      totals.frValues ??= [];
      totals.frValues.push(value.value);
    }
  }
  if (targets.resolution.size > 0) {
    const keys = keysOf(targets.resolution);
    for (const value of await listResolutionValues(db, range, slice.dim, keys)) {
      const totals = place(value);
      if (totals === undefined || !needsResolution(totals)) continue;
      totals.resolutionValues ??= [];
      totals.resolutionValues.push(value.value);
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every KPI over [query.from, query.to) from the roll-ups, exactly as `computeKpis` computes it
 * from the facts (percentiles above EXACT_PERCENTILE_LIMIT values within α). The query must be
 * answerable (`rollupSliceOf`).
 */
export async function computeScorecardFromRollups(
  db: Kysely<DB>,
  query: KpiQuery,
  asOf: number,
  options: RollupQueryOptions = {},
): Promise<ScorecardRow[]> {
  const slice = rollupSliceOf(query);
  if (slice === null) throw new Error("computeScorecardFromRollups: the query needs the facts");
  const period: TimeRange = { from: query.from, to: query.to };
  const plan = planPeriod(period.from, period.to);
  const prefix = planPeriod(0, period.to);
  const totals = new Map<string, SliceTotals>();

  for (const row of await listRollups(db, slice.dim, slice.key, plan.buckets)) {
    addRow(totalsOf(totals, row.key), row);
  }
  const backlog = await sumBacklogDeltas(db, slice.dim, slice.key, prefix.buckets);
  const edges = mergeRanges([...plan.raw, ...prefix.raw]);
  for (const { entry, key } of await edgeEntries(db, edges, slice)) {
    const sign = signAt(entry.at, plan.raw);
    if (sign !== 0) totalsOf(totals, key).sums.addEntry(entry, sign);
    const backlogSign = entry.field === "backlogDelta" ? signAt(entry.at, prefix.raw) : 0;
    if (backlogSign !== 0) backlog.set(key, (backlog.get(key) ?? 0) + backlogSign * entry.value);
  }

  const maxClass = await findMaxSpanClass(db);
  const across = await countWorkedAcross(db, period, slice, maxClass);
  for (const [key, count] of across) totalsOf(totals, key).workedCases += count;
  for (const item of totals.values()) item.workedCases += item.sums.get("work_first");
  await addPendingNotDue(db, period, asOf, slice, (_, key) => totals.get(key));

  const needsExact = exactTest(options);
  const needsFr = (item: SliceTotals) => needsExact(item.sums.get("fr_n"));
  const needsResolution = (item: SliceTotals) => needsExact(item.sums.get("res_n"));
  const targets = { fr: new Set<string>(), resolution: new Set<string>() };
  for (const [key, item] of totals) {
    if (needsFr(item)) targets.fr.add(key);
    if (needsResolution(item)) targets.resolution.add(key);
  }
  const keysOf = (keys: Set<string>) =>
    slice.key !== undefined ? [slice.key] : slice.dim === "all" ? undefined : [...keys];
  if (targets.fr.size > 0) {
    for (const summary of await summarizeFirstResponses(
      db,
      period,
      slice.dim,
      keysOf(targets.fr),
    )) {
      const item = totals.get(summary.key);
      if (item !== undefined && needsFr(item)) item.frExact = summary;
    }
  }
  if (targets.resolution.size > 0) {
    const keys = keysOf(targets.resolution);
    for (const summary of await summarizeResolutions(db, period, slice.dim, keys)) {
      const item = totals.get(summary.key);
      if (item !== undefined && needsResolution(item)) item.resolutionExact = summary;
    }
  }

  const costs = options.hourlyCosts ?? (await findTeamHourlyCosts(db));
  const valuesOf = (key: string) => {
    const item = totals.get(key) ?? new SliceTotals();
    return kpiValuesOf(kpiSumsOf(item, backlog.get(key) ?? 0), percentilesOf(item), costs);
  };
  if (query.by === undefined) return [{ key: "all", ...valuesOf(slice.key ?? "all") }];
  const keys = new Set<string>();
  for (const [key, item] of totals) if (item.active()) keys.add(key);
  for (const [key, value] of backlog) if (value !== 0) keys.add(key);
  return [...keys].sort(compareKeys).map((key) => ({ key, ...valuesOf(key) }));
}

/** Joins touching or overlapping ranges (sorted by start). */
function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** Joins adjacent ranges of the same grain, so each grain is read in as few scans as possible. */
function mergeGrainRanges(ranges: readonly GrainRange[]): GrainRange[] {
  const sorted = [...ranges].sort((a, b) =>
    a.grain === b.grain ? a.from - b.from : a.grain < b.grain ? -1 : 1,
  );
  const merged: GrainRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.grain === range.grain && last.to === range.from) {
      last.to = range.to;
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

const PERCENTILE_METRICS: ReadonlySet<KpiName> = new Set([
  "firstResponseMedianMinutes",
  "firstResponseP90Minutes",
  "resolutionMedianHours",
]);

/**
 * The chosen KPIs per time bucket from the roll-ups, as `computeKpiSeries` computes them: each
 * bucket is a scorecard over the bucket clipped to the period, its backlog the backlog at the
 * bucket's end. A bucket that is exactly one roll-up row (an hour, day or month series away from
 * the period's ends) takes its distinct worked cases from the row; other buckets count them as a
 * scorecard does.
 */
export async function computeSeriesFromRollups(
  db: Kysely<DB>,
  query: SeriesQuery,
  asOf: number,
  options: RollupQueryOptions = {},
): Promise<Series[]> {
  const slice = rollupSliceOf(query);
  if (slice === null) throw new Error("computeSeriesFromRollups: the query needs the facts");
  const buckets = seriesBuckets(query.from, query.to, query.bucket);
  const starts = buckets.map((bucket) => bucket.from);
  const indexOf = (at: number) => bucketIndexOf(starts, at);
  const plans: PeriodPlan[] = buckets.map((bucket) => planPeriod(bucket.from, bucket.to));
  const carriedPlan = planPeriod(0, query.from);
  /** Per key, per bucket index. */
  const series = new Map<string, SliceTotals[]>();
  const carried = await sumBacklogDeltas(db, slice.dim, slice.key, carriedPlan.buckets);
  const bucketsOf = (key: string) => {
    let found = series.get(key);
    if (found === undefined) {
      found = buckets.map(() => new SliceTotals());
      series.set(key, found);
    }
    return found;
  };
  const totalsAt = (key: string, index: number) => bucketsOf(key)[index] as SliceTotals;

  // Rows and raw stretches belong to the series bucket whose plan holds them (an edge read from
  // the shorter side lies partly outside its bucket).
  const bucketRanges = plans.flatMap((plan, index) =>
    plan.buckets.map((range) => ({ ...range, index })),
  );
  const rawRanges = plans.flatMap((plan, index) => plan.raw.map((range) => ({ ...range, index })));
  const rangesByGrain = new Map<string, typeof bucketRanges>();
  for (const range of bucketRanges) {
    const ranges = rangesByGrain.get(range.grain);
    if (ranges) ranges.push(range);
    else rangesByGrain.set(range.grain, [range]);
  }
  for (const ranges of rangesByGrain.values()) ranges.sort((a, b) => a.from - b.from);
  /** The series bucket of a stored row: binary search among its grain's ranges. */
  const bucketOfRow = (grain: string, bucket: number) => {
    const ranges = rangesByGrain.get(grain) ?? [];
    let low = 0;
    let high = ranges.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((ranges[middle] as GrainRange).from <= bucket) low = middle + 1;
      else high = middle;
    }
    const range = ranges[low - 1];
    return range !== undefined && bucket < range.to ? range.index : -1;
  };
  for (const row of await listRollups(db, slice.dim, slice.key, mergeGrainRanges(bucketRanges))) {
    const index = bucketOfRow(row.grain, row.bucket);
    if (index < 0) continue;
    const totals = totalsAt(row.key, index);
    addRow(totals, row);
    totals.backlog += row.counters[BACKLOG_DELTA] ?? 0;
  }
  for (const { entry, key } of await edgeEntries(
    db,
    mergeRanges([...rawRanges, ...carriedPlan.raw]),
    slice,
  )) {
    const position = inRanges(entry.at, rawRanges);
    const range = rawRanges[position];
    if (range !== undefined) {
      const totals = totalsAt(key, range.index);
      totals.sums.addEntry(entry, range.sign);
      if (entry.field === "backlogDelta") totals.backlog += range.sign * entry.value;
    }
    const carriedSign = entry.field === "backlogDelta" ? signAt(entry.at, carriedPlan.raw) : 0;
    if (carriedSign !== 0) carried.set(key, (carried.get(key) ?? 0) + carriedSign * entry.value);
  }

  const metrics = query.metrics;
  if (metrics.includes("ahtMinutes") || query.by !== undefined) {
    // Distinct worked cases: from the row when the bucket is one row, else as a scorecard does.
    const maxClass = await findMaxSpanClass(db);
    for (const [index, bucket] of buckets.entries()) {
      const plan = plans[index] as PeriodPlan;
      const single = plan.raw.length === 0 && plan.buckets.length === 1 ? plan.buckets[0] : null;
      const oneRow =
        single !== null &&
        single !== undefined &&
        nextBucketStart(single.grain, single.from) === single.to;
      for (const keyed of series.values()) {
        const totals = keyed[index] as SliceTotals;
        totals.workedCases = oneRow
          ? totals.sums.get("worked_cases")
          : totals.sums.get("work_first");
      }
      if (oneRow) continue;
      for (const [key, count] of await countWorkedAcross(db, bucket, slice, maxClass)) {
        totalsAt(key, index).workedCases += count;
      }
    }
  }
  if (metrics.includes("slaFirstResponseAttainment")) {
    await addPendingNotDue(db, { from: query.from, to: query.to }, asOf, slice, (at, key) =>
      series.has(key) ? totalsAt(key, indexOf(at)) : undefined,
    );
  }
  if (metrics.some((metric) => PERCENTILE_METRICS.has(metric))) {
    const needsExact = exactTest(options);
    const needsFr = (item: SliceTotals) => needsExact(item.sums.get("fr_n"));
    const needsResolution = (item: SliceTotals) => needsExact(item.sums.get("res_n"));
    const targets = { fr: new Set<string>(), resolution: new Set<string>() };
    for (const [key, keyed] of series) {
      if (keyed.some(needsFr)) targets.fr.add(key);
      if (keyed.some(needsResolution)) targets.resolution.add(key);
    }
    await loadExactValues(
      db,
      { from: query.from, to: query.to },
      slice,
      targets,
      (value) => (series.has(value.key) ? totalsAt(value.key, indexOf(value.at)) : undefined),
      needsFr,
      needsResolution,
    );
  }

  const costs = options.hourlyCosts ?? (await findTeamHourlyCosts(db));
  const keys =
    query.by === undefined
      ? [slice.key ?? "all"]
      : [...new Set([...series.keys(), ...carried.keys()])]
          .filter(
            (key) =>
              (carried.get(key) ?? 0) !== 0 ||
              (series.get(key) ?? []).some((item) => item.active() || item.backlog !== 0),
          )
          .sort(compareKeys);
  return keys.map((key) => {
    let backlog = carried.get(key) ?? 0;
    const keyed = series.get(key);
    const points = buckets.map((bucket, index) => {
      const totals = keyed?.[index] ?? new SliceTotals();
      backlog += totals.backlog;
      const all: KpiValues = kpiValuesOf(kpiSumsOf(totals, backlog), percentilesOf(totals), costs);
      const values: Partial<KpiValues> = {};
      for (const metric of metrics) values[metric] = all[metric];
      return { at: bucket.at, values };
    });
    return { key: query.by === undefined ? "all" : key, points };
  });
}
