import type { KpiName } from "../metrics/kpi.js";
import { DAY_MS, WEEK_MS } from "./alert.js";
import { type AlertRule, MIN_BASELINE_SAMPLES } from "./alert-rules.js";

/**
 * Seasonal baselines and the range a metric is expected in. Pure.
 *
 * The expected value of a bucket is the mean of the same bucket of the week in each of the last
 * `weeks` weeks (same hour of the week for hourly buckets, same weekday for daily ones); the
 * spread is their sample standard deviation, at least √mean for counts (a Poisson count's own
 * noise, so four quiet weeks do not make an ordinary hour look extreme) and, for daily buckets,
 * at least the standard deviation over every day of those weeks. A bucket is out of range
 * when it differs from the mean by at least every test the rule sets: `zScore` standard
 * deviations, `percent` of the mean, and `minDelta`. The band [lower, upper] is therefore the mean
 * ± the largest of those three distances, and "out of range" is strictly outside the band.
 */

/** KPIs that are counts of cases: their spread is at least Poisson's. */
const COUNT_METRICS: ReadonlySet<KpiName> = new Set(["casesOpened", "casesResolved", "backlog"]);

/** NPS runs from −100 to 100; every other KPI is at least 0. */
export function lowestValueOf(metric: KpiName): number {
  return metric === "nps" ? -100 : 0;
}

export interface Band {
  /** The baseline mean; null for static thresholds. */
  expected: number | null;
  /** null: no lower limit. */
  lower: number | null;
  /** null: no upper limit. */
  upper: number | null;
}

/** The parts of a rule a baseline needs. */
export type BaselineRule = Pick<
  AlertRule,
  "metric" | "kind" | "bucket" | "weeks" | "zScore" | "percent" | "minDelta" | "above" | "below"
>;

/** Mean and sample standard deviation (n − 1); std 0 for a single value. */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (values.length < 2) return { mean, std: 0 };
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}

/**
 * The expected range of the bucket starting at `at`, from the values of the same bucket 1 … weeks
 * weeks earlier (`valueAt` answers null or undefined for buckets without a value); null when fewer
 * than MIN_BASELINE_SAMPLES weeks have one. Static thresholds give their limits whatever history.
 *
 * @example
 * // casesOpened at Tuesday 09:00 was 20, 24, 22, 18 in the four weeks before; zScore 3:
 * // mean 21, std 2.58 < √21 = 4.58, so the band is 21 ± 13.7 = [7.3, 34.7].
 */
export function bandAt(
  rule: BaselineRule,
  at: number,
  valueAt: (at: number) => number | null | undefined,
): Band | null {
  if (rule.kind === "threshold") return { expected: null, lower: rule.below, upper: rule.above };
  const samples: number[] = [];
  for (let week = 1; week <= rule.weeks; week += 1) {
    const value = valueAt(at - week * WEEK_MS);
    if (value !== null && value !== undefined) samples.push(value);
  }
  if (samples.length < MIN_BASELINE_SAMPLES) return null;
  const { mean, std } = meanAndStd(samples);
  let spread = std;
  if (COUNT_METRICS.has(rule.metric)) spread = Math.max(spread, Math.sqrt(Math.max(mean, 1)));
  if (rule.bucket === "day") spread = Math.max(spread, pooledStd(rule.weeks * 7, at, valueAt));
  const distance = Math.max(
    rule.zScore === null ? 0 : rule.zScore * spread,
    rule.percent === null ? 0 : (rule.percent / 100) * Math.abs(mean),
    rule.minDelta,
  );
  return {
    expected: mean,
    lower: Math.max(mean - distance, lowestValueOf(rule.metric)),
    upper: mean + distance,
  };
}

/**
 * The standard deviation over every day of the last `days` days: daily rates and medians hardly
 * depend on the weekday but vary by chance, the more so the fewer cases a slice has, and four
 * same-weekday values can agree by luck. Their spread is at least this pooled one.
 */
function pooledStd(
  days: number,
  at: number,
  valueAt: (at: number) => number | null | undefined,
): number {
  const values: number[] = [];
  for (let day = 1; day <= days; day += 1) {
    const value = valueAt(at - day * DAY_MS);
    if (value !== null && value !== undefined) values.push(value);
  }
  return values.length < 2 ? 0 : meanAndStd(values).std;
}

/**
 * How a bucket stands for a rule:
 * - `high` / `low`: out of range in a direction the rule watches;
 * - `ok`: in range (or out of range in a direction the rule does not watch);
 * - `empty`: no value (a rate with nothing to divide by), which says nothing either way;
 * - `unknown`: not enough history for a baseline.
 */
export type BucketStatus = "high" | "low" | "ok" | "empty" | "unknown";

export function statusOf(
  direction: AlertRule["direction"],
  value: number | null,
  band: Band | null,
): BucketStatus {
  if (value === null) return "empty";
  if (band === null) return "unknown";
  if (direction !== "down" && band.upper !== null && value > band.upper) return "high";
  if (direction !== "up" && band.lower !== null && value < band.lower) return "low";
  return "ok";
}
