/**
 * How a period [from, to) is read from the roll-ups: as few stored buckets as possible — whole
 * UTC months, then whole days, then whole hours — plus at most two raw edges of at most half an
 * hour, which the planner reads from the cases' facts (added, or taken out of a whole hour).
 * Pure; all instants are epoch ms, UTC.
 *
 * Example: [2026-01-30T22:30Z, 2026-03-02T01:15Z) →
 *   raw   [01-30T22:30, 01-30T23:00)
 *   hours [01-30T23:00, 01-31T00:00)
 *   days  [01-31, 02-01)
 *   month [02-01, 03-01)
 *   days  [03-01, 03-02)
 *   hours [03-02T00:00, 03-02T01:00)
 *   raw   [03-02T01:00, 03-02T01:15)
 */

/** The roll-up grains: hour, day, month (UTC). */
export const ROLLUP_GRAINS = ["h", "d", "m"] as const;
export type RollupGrain = (typeof ROLLUP_GRAINS)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A half-open range [from, to) of instants. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Stored buckets of one grain whose start lies in [from, to) (both bucket-aligned). */
export interface GrainRange extends TimeRange {
  grain: RollupGrain;
}

/** A stretch of raw facts added (sign 1) to the buckets, or taken out of them (sign −1). */
export interface RawRange extends TimeRange {
  sign: 1 | -1;
}

export interface PeriodPlan {
  /** Bucket ranges to sum, coarsest first; disjoint. */
  buckets: GrainRange[];
  /** Sub-hour stretches at the ends, read from facts: buckets + raw (signed) = the period. */
  raw: RawRange[];
}

/** The start of the bucket of `grain` holding instant `at`. */
export function bucketStart(grain: RollupGrain, at: number): number {
  switch (grain) {
    case "h":
      return Math.floor(at / HOUR_MS) * HOUR_MS;
    case "d":
      return Math.floor(at / DAY_MS) * DAY_MS;
    case "m": {
      const date = new Date(at);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(grain: RollupGrain, start: number): number {
  switch (grain) {
    case "h":
      return start + HOUR_MS;
    case "d":
      return start + DAY_MS;
    case "m": {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}

/** The first bucket start at or after `at`. */
export function bucketCeil(grain: RollupGrain, at: number): number {
  const start = bucketStart(grain, at);
  return start === at ? at : nextBucketStart(grain, start);
}

/**
 * Splits [from, to) into whole months, days and hours and the sub-hour edges, as in the module
 * comment. Each edge is taken from the shorter side of its hour: [from, next hour) directly when
 * `from` lies in the second half of its hour, else the whole hour less [hour start, from) (a raw
 * range with sign −1); the same at `to`. An edge is thus at most half an hour of raw facts. An
 * empty or inverted period yields nothing.
 *
 * Example: [10:10, 13:50) → hours [10:00, 14:00), raw −[10:00, 10:10), raw −[13:50, 14:00).
 */
export function planPeriod(from: number, to: number): PeriodPlan {
  const plan: PeriodPlan = { buckets: [], raw: [] };
  if (!(from < to)) return plan;
  const hourFrom = bucketCeil("h", from);
  const hourTo = bucketStart("h", to);
  if (hourFrom >= hourTo) {
    plan.raw.push({ from, to, sign: 1 });
    return plan;
  }
  let coveredFrom = hourFrom;
  if (from < hourFrom) {
    const hourStart = hourFrom - HOUR_MS;
    if (from - hourStart < hourFrom - from) {
      coveredFrom = hourStart;
      plan.raw.push({ from: hourStart, to: from, sign: -1 });
    } else {
      plan.raw.push({ from, to: hourFrom, sign: 1 });
    }
  }
  let coveredTo = hourTo;
  if (hourTo < to) {
    const hourEnd = hourTo + HOUR_MS;
    if (hourEnd - to < to - hourTo) {
      coveredTo = hourEnd;
      plan.raw.push({ from: to, to: hourEnd, sign: -1 });
    } else {
      plan.raw.push({ from: hourTo, to, sign: 1 });
    }
  }
  plan.buckets = tileHours(coveredFrom, coveredTo);
  return plan;
}

/** Whole months, then days, then hours tiling [from, to) (both hour-aligned, from < to). */
function tileHours(hourFrom: number, hourTo: number): GrainRange[] {
  const dayFrom = bucketCeil("d", hourFrom);
  const dayTo = bucketStart("d", hourTo);
  if (dayFrom >= dayTo) return [{ grain: "h", from: hourFrom, to: hourTo }];
  const hours: GrainRange[] = [];
  if (hourFrom < dayFrom) hours.push({ grain: "h", from: hourFrom, to: dayFrom });
  if (dayTo < hourTo) hours.push({ grain: "h", from: dayTo, to: hourTo });
  const monthFrom = bucketCeil("m", dayFrom);
  const monthTo = bucketStart("m", dayTo);
  if (monthFrom >= monthTo) return [{ grain: "d", from: dayFrom, to: dayTo }, ...hours];
  const ranges: GrainRange[] = [{ grain: "m", from: monthFrom, to: monthTo }];
  if (dayFrom < monthFrom) ranges.push({ grain: "d", from: dayFrom, to: monthFrom });
  if (monthTo < dayTo) ranges.push({ grain: "d", from: monthTo, to: dayTo });
  return [...ranges, ...hours];
}
