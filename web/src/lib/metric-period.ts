/**
 * The dashboard's period and buckets. Metrics are bucketed in UTC on the server (days from 00:00
 * UTC, weeks from Monday 00:00 UTC), so the dashboard's days are UTC days too: 2026-03-01 to
 * 2026-03-31 asks for [2026-03-01T00:00Z, 2026-04-01T00:00Z), and its day buckets line up with
 * the picked days whatever the viewer's time zone. A period reaching into today ends at the end
 * of the current hour, so charts do not run on into hours that have not happened.
 */
import {
  type SliceDimension,
  TIME_BUCKETS,
  type TimeBucket,
} from "../../../src/modules/metrics/kpi.ts";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The server's limit on buckets in one series (the contract's 2,000). */
export const MAX_BUCKETS = 2_000;

const BUCKET_MS: Readonly<Record<TimeBucket, number>> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 31 * DAY_MS,
};

export const DEFAULT_PERIOD_DAYS = 30;

export interface PeriodDays {
  /** `YYYY-MM-DD` (UTC day), or "" for the default. */
  from: string;
  to: string;
}

export interface MetricPeriod {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** The UTC days shown in the pickers, both included. */
  days: { from: string; to: string };
}

/** A UTC day as a date input holds it. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The start of a `YYYY-MM-DD` UTC day; null for anything else. */
export function utcDayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(start) || utcDay(start) !== day ? null : start;
}

/** The last `days` UTC days up to and including today. */
export function recentDays(now: number, days: number): { from: string; to: string } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: utcDay(today - (days - 1) * DAY_MS), to: utcDay(today) };
}

/**
 * The instants of a picked period. Empty or unreadable days fall back to the last 30 days; days
 * given in the wrong order are swapped.
 *
 * @example
 * // now: 2026-03-10T14:20Z
 * resolvePeriod({from: "2026-03-01", to: "2026-03-10"}, now)
 * // → from 2026-03-01T00:00Z, to 2026-03-10T15:00Z (the end of the current hour)
 */
export function resolvePeriod(picked: PeriodDays, now: number): MetricPeriod {
  const fallback = recentDays(now, DEFAULT_PERIOD_DAYS);
  let fromDay = utcDayStart(picked.from) === null ? fallback.from : picked.from;
  let toDay = utcDayStart(picked.to) === null ? fallback.to : picked.to;
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const from = utcDayStart(fromDay) ?? 0;
  const endOfDays = (utcDayStart(toDay) ?? 0) + DAY_MS;
  const endOfHour = Math.ceil((now + 1) / HOUR_MS) * HOUR_MS;
  const to = Math.max(from + HOUR_MS, Math.min(endOfDays, endOfHour));
  return { from, to, days: { from: fromDay, to: toDay } };
}

/** The period just before, as long as this one: what the tiles compare with. */
export function previousPeriod(period: { from: number; to: number }): { from: number; to: number } {
  return { from: period.from - (period.to - period.from), to: period.from };
}

/** How many buckets a period has at most. */
export function bucketCount(period: { from: number; to: number }, bucket: TimeBucket): number {
  return Math.ceil((period.to - period.from) / BUCKET_MS[bucket]) + 1;
}

/** The buckets the period can be shown in: within the server's limit, and at least two of them. */
export function allowedBuckets(period: { from: number; to: number }): TimeBucket[] {
  const span = period.to - period.from;
  return TIME_BUCKETS.filter(
    (bucket) => bucketCount(period, bucket) <= MAX_BUCKETS && BUCKET_MS[bucket] < span,
  );
}

/** Hours up to three days, days up to three months, weeks up to a year, then months. */
export function autoBucket(period: { from: number; to: number }): TimeBucket {
  const span = period.to - period.from;
  if (span <= 3 * DAY_MS) return "hour";
  if (span <= 92 * DAY_MS) return "day";
  if (span <= 366 * DAY_MS) return "week";
  return "month";
}

/** The picked bucket when the period allows it, else the automatic one. */
export function chooseBucket(picked: string, period: { from: number; to: number }): TimeBucket {
  const allowed = allowedBuckets(period);
  const match = allowed.find((bucket) => bucket === picked);
  return match ?? autoBucket(period);
}

/** The slice the dashboard is narrowed to as API query parameters: `{team: "billing"}` or `{}`. */
export function sliceQuery(
  dimension: SliceDimension | "",
  key: string,
): Partial<Record<SliceDimension, string>> {
  return dimension === "" || key === "" ? {} : { [dimension]: key };
}
