import type { TimeBucket } from "./kpi.js";

/**
 * The UTC time buckets of a series. Weeks start on Monday 00:00 UTC, months on the 1st.
 * Pure; instants are epoch ms.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 1970-01-05 was a Monday: week buckets are counted from it. */
const FIRST_MONDAY_MS = 4 * DAY_MS;
const WEEK_MS = 7 * DAY_MS;

/** The start of the bucket holding `at`. */
export function bucketFloor(bucket: TimeBucket, at: number): number {
  switch (bucket) {
    case "hour":
      return Math.floor(at / HOUR_MS) * HOUR_MS;
    case "day":
      return Math.floor(at / DAY_MS) * DAY_MS;
    case "week":
      return Math.floor((at - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
    case "month": {
      const date = new Date(at);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(bucket: TimeBucket, start: number): number {
  switch (bucket) {
    case "hour":
      return start + HOUR_MS;
    case "day":
      return start + DAY_MS;
    case "week":
      return start + WEEK_MS;
    case "month": {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}

/** One bucket of a series: `at` its nominal start, [from, to) the part inside the period. */
export interface SeriesBucket {
  at: number;
  from: number;
  to: number;
}

/**
 * The buckets covering [from, to), each clipped to the period: the first starts at the bucket
 * holding `from` (its values count from `from`), the last ends at `to`.
 *
 * @example
 * seriesBuckets(Date.parse("2026-03-04T12:00Z"), Date.parse("2026-03-06T00:00Z"), "day")
 * // [{at: 03-04T00:00, from: 03-04T12:00, to: 03-05T00:00}, {at: 03-05T00:00, from: 03-05T00:00, to: 03-06T00:00}]
 */
export function seriesBuckets(from: number, to: number, bucket: TimeBucket): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  for (let start = bucketFloor(bucket, from); start < to; start = nextBucket(bucket, start)) {
    const end = nextBucket(bucket, start);
    buckets.push({ at: start, from: Math.max(start, from), to: Math.min(end, to) });
  }
  return buckets;
}

/** How many buckets cover [from, to), without listing them (the 2,000-bucket limit). */
export function countSeriesBuckets(from: number, to: number, bucket: TimeBucket): number {
  if (to <= from) return 0;
  const first = bucketFloor(bucket, from);
  switch (bucket) {
    case "hour":
      return Math.ceil((to - first) / HOUR_MS);
    case "day":
      return Math.ceil((to - first) / DAY_MS);
    case "week":
      return Math.ceil((to - first) / WEEK_MS);
    case "month": {
      const start = new Date(first);
      const end = new Date(to - 1);
      return (
        (end.getUTCFullYear() - start.getUTCFullYear()) * 12 +
        end.getUTCMonth() -
        start.getUTCMonth() +
        1
      );
    }
  }
}

/**
 * The index of the bucket holding `at` among ascending bucket starts (binary search): the last
 * start at or before `at`, or −1 when `at` is before the first.
 */
export function bucketIndexOf(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as number) <= at) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
