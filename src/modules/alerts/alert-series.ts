import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import type { KpiName, SliceDimension } from "../metrics/kpi.js";
import { computeSeries } from "../metrics/metrics.service.js";
import { type AlertBucket, type AlertDimension, bucketMs, DAY_MS, WEEK_MS } from "./alert.js";
import type { AlertRule } from "./alert-rules.js";

/**
 * Reads the KPI values alert rules and baseline bands need from the metrics engine: hourly or
 * daily series of some metrics for one slice (or for every value of a dimension), over a few
 * intervals (the buckets to judge and the same buckets of past weeks), in chunks the engine
 * accepts.
 */

/** Metric → bucket start → value (null: undefined for the bucket). */
export type MetricValues = Map<KpiName, Map<number, number | null>>;

/** Slice key → its values. */
export type SliceValues = Map<string, MetricValues>;

export interface SeriesRequest {
  metrics: readonly KpiName[];
  dim: AlertDimension;
  /** One value of `dim`; null reads every value of `dim`. Ignored with dim `all`. */
  key: string | null;
  bucket: AlertBucket;
  /** Half-open intervals of bucket starts; overlapping ones are merged. */
  intervals: readonly { from: number; to: number }[];
  /** Reads inside this actor's metrics scope; absent: the system (everything). */
  actor?: Actor;
  /** The evaluation instant for SLA attainment of unanswered cases. */
  asOf: number;
}

/** At most this many buckets, and this many days, per series query (the engine's limits are 2,000 and 400). */
const BUCKETS_PER_QUERY = 1_000;
const DAYS_PER_QUERY = 300;

/**
 * What a rule's baseline reads for the buckets of `current`: those buckets and, for a baseline,
 * the same buckets of each of the past `weeks` weeks (hourly), or every day of those weeks (daily,
 * whose spread is pooled over them).
 */
export function baselineIntervals(
  rule: Pick<AlertRule, "kind" | "bucket" | "weeks">,
  current: { from: number; to: number },
): { from: number; to: number }[] {
  if (rule.kind !== "baseline") return [current];
  if (rule.bucket === "day") return [{ from: current.from - rule.weeks * WEEK_MS, to: current.to }];
  const intervals = [current];
  for (let week = 1; week <= rule.weeks; week += 1) {
    intervals.push({ from: current.from - week * WEEK_MS, to: current.to - week * WEEK_MS });
  }
  return intervals;
}

/** The first complete bucket after the store's first event (the start of its history). */
export function firstCompleteBucket(firstEventAt: number | undefined, bucket: AlertBucket): number {
  if (firstEventAt === undefined) return Number.POSITIVE_INFINITY;
  const size = bucketMs(bucket);
  return Math.ceil(firstEventAt / size) * size;
}

/** Merges overlapping or touching intervals, in order. */
export function mergeIntervals(
  intervals: readonly { from: number; to: number }[],
): { from: number; to: number }[] {
  const sorted = intervals.filter((item) => item.to > item.from).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Splits an interval into query-sized pieces on bucket boundaries. */
export function chunkInterval(
  interval: { from: number; to: number },
  bucket: AlertBucket,
): { from: number; to: number }[] {
  const span = Math.min(BUCKETS_PER_QUERY * bucketMs(bucket), DAYS_PER_QUERY * DAY_MS);
  const chunks: { from: number; to: number }[] = [];
  for (let from = interval.from; from < interval.to; from += span) {
    chunks.push({ from, to: Math.min(from + span, interval.to) });
  }
  return chunks;
}

export async function readSliceValues(
  db: Kysely<DB>,
  request: SeriesRequest,
): Promise<SliceValues> {
  const values: SliceValues = new Map();
  const byDimension = request.dim !== "all" && request.key === null;
  for (const interval of mergeIntervals(request.intervals)) {
    for (const chunk of chunkInterval(interval, request.bucket)) {
      const result = await computeSeries(
        db,
        {
          from: chunk.from,
          to: chunk.to,
          bucket: request.bucket,
          metrics: request.metrics,
          asOf: request.asOf,
          ...(byDimension ? { by: request.dim as SliceDimension } : {}),
          ...(request.dim !== "all" && request.key !== null
            ? { filter: { [request.dim]: request.key } }
            : {}),
        },
        request.actor === undefined ? {} : { actor: request.actor },
      );
      for (const series of result.series) {
        const key = byDimension
          ? series.key
          : request.dim === "all"
            ? "all"
            : (request.key ?? "all");
        let metrics = values.get(key);
        if (!metrics) {
          metrics = new Map(request.metrics.map((metric) => [metric, new Map()]));
          values.set(key, metrics);
        }
        for (const point of series.points) {
          for (const metric of request.metrics) {
            metrics.get(metric)?.set(point.at, point.values[metric] ?? null);
          }
        }
      }
    }
  }
  return values;
}

/** KPIs that count cases: a slice absent from a bucket had 0 of them there, not "no value". */
const COUNTS: ReadonlySet<KpiName> = new Set(["casesOpened", "casesResolved", "backlog"]);

/**
 * The value of a metric of a slice at a bucket start, as the rules see it: what the engine said,
 * 0 for a count the slice had no series for (nothing happened in it) within the intervals read,
 * and undefined outside them and before `historyStart` (the first complete bucket of the store's
 * history: before it, nothing was recorded, which is not the same as nothing happening).
 */
export function valueLookup(
  values: SliceValues,
  key: string,
  metric: KpiName,
  readIntervals: readonly { from: number; to: number }[],
  historyStart: number,
): (at: number) => number | null | undefined {
  const series = values.get(key)?.get(metric);
  const covered = (at: number) => readIntervals.some((item) => at >= item.from && at < item.to);
  return (at) => {
    if (at < historyStart) return undefined;
    const value = series?.get(at);
    if (value !== undefined) return value;
    if (!covered(at)) return undefined;
    return COUNTS.has(metric) ? 0 : null;
  };
}

/**
 * A value lookup that answers null (no value to judge) for buckets resting on fewer than
 * `minVolume` cases, by the volume lookup: small buckets neither raise alerts nor shape baselines.
 */
export function judgedValues(
  valueAt: (at: number) => number | null | undefined,
  volumeAt: ((at: number) => number | null | undefined) | undefined,
  minVolume: number,
): (at: number) => number | null | undefined {
  if (volumeAt === undefined || minVolume <= 0) return valueAt;
  return (at) => {
    const value = valueAt(at);
    if (value === null || value === undefined) return value;
    const volume = volumeAt(at);
    if (volume === undefined) return undefined;
    return (volume ?? 0) < minVolume ? null : value;
  };
}
